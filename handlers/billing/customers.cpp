#include "billing/customers.hpp"

#include "billing/reconcile.hpp"
#include <stdexcept>

namespace t2o::billing {
namespace {

constexpr db::Query kSelectUser =
    db::idempotent("SELECT id, email, trim(first_name || ' ' || last_name) AS name FROM users WHERE id = $1");
constexpr db::Query kSelectUserByEmail = db::idempotent(
    "SELECT id, email, trim(first_name || ' ' || last_name) AS name FROM users WHERE lower(email) = lower($1)");
constexpr db::Query kSelectCustomer = db::idempotent("SELECT customer_id FROM billing_customers WHERE user_id = $1");
constexpr db::Query kSelectCustomerUser =
    db::idempotent("SELECT user_id FROM billing_customers WHERE customer_id = $1");
// DO NOTHING covers both keys: a user keeps its first customer, a customer its first user.
constexpr const char* kRememberCustomer =
    "INSERT INTO billing_customers (user_id, customer_id) VALUES ($1, $2) ON CONFLICT DO NOTHING";

std::optional<BillingUser> user_from(const db::Result& result) {
  auto row = result.optional_row();
  if (!row) return std::nullopt;
  return BillingUser{row->integer("id"), row->str("email"), row->str("name")};
}

}  // namespace

std::optional<BillingUser> load_billing_user(db::Executor& db, long long user_id) {
  return user_from(db.exec(kSelectUser, {user_id}));
}

std::optional<BillingUser> find_user_by_email(db::Executor& db, const std::string& email) {
  return user_from(db.exec(kSelectUserByEmail, {email}));
}

std::optional<std::string> find_customer(db::Executor& db, long long user_id) {
  auto row = db.exec(kSelectCustomer, {user_id}).optional_row();
  if (!row) return std::nullopt;
  return row->str("customer_id");
}

std::optional<long long> user_for_customer(db::Executor& db, const std::string& customer_id) {
  auto row = db.exec(kSelectCustomerUser, {customer_id}).optional_row();
  if (!row) return std::nullopt;
  return row->integer("user_id");
}

bool remember_customer(db::Executor& db, long long user_id, const std::string& customer_id) {
  return db.exec(kRememberCustomer, {user_id, customer_id}).affected_rows() == 1;
}

std::string ensure_customer(db::Executor& db, StripeApi& stripe, const BillingUser& user) {
  if (auto existing = find_customer(db, user.id)) return *existing;
  Json::Value params;
  params["email"] = user.email;
  if (!user.name.empty()) params["name"] = user.name;
  params["metadata"]["user_id"] = std::to_string(user.id);
  const Json::Value customer = stripe.post("/v1/customers", params);
  const std::string customer_id = customer["id"].asString();
  if (customer_id.empty()) throw StripeError(200, "Stripe created a customer without an id");
  return record_after_stripe("customer create", customer_id, [&] {
    if (!remember_customer(db, user.id, customer_id)) {
      // A concurrent request created one first; this one stays unused at Stripe.
      log_unrecorded("customer create", customer_id, "the user already has another customer (duplicate unused)");
    }
    auto kept = find_customer(db, user.id);
    if (!kept) throw std::runtime_error("no customer row after insert");
    return *kept;
  });
}

}  // namespace t2o::billing
