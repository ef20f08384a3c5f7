#include "billing/order_store.hpp"

#include <string>

#include "billing/customers.hpp"
#include "util/text.hpp"

namespace t2o::billing {
namespace {

std::optional<std::string> text_of(const Json::Value& value) {
  if (value.isObject()) return text_of(value["id"]);  // an expanded object
  if (value.isString() && !value.asString().empty()) return value.asString();
  return std::nullopt;
}

std::optional<long long> integer_of(const Json::Value& value) {
  if (value.isIntegral()) return value.asInt64();
  if (value.isString()) return text::parse_int(value.asString());
  return std::nullopt;
}

// The user the session was for: client_reference_id and metadata[user_id] are ours; the
// customer mapping covers sessions started elsewhere. Only users that exist count.
std::optional<long long> session_user(db::Executor& db, const Json::Value& session,
                                      const std::optional<std::string>& customer_id) {
  for (const Json::Value* field : {&session["client_reference_id"], &session["metadata"]["user_id"]}) {
    if (auto id = integer_of(*field); id && load_billing_user(db, *id)) return id;
  }
  if (customer_id) return user_for_customer(db, *customer_id);
  return std::nullopt;
}

// Once per session: a second run changes nothing.
constexpr db::Query kInsert = db::idempotent(
    "INSERT INTO billing_orders (checkout_session_id, user_id, customer_id, price_id, quantity, mode, "
    "    amount_total, currency, payment_status, subscription_id, payment_intent_id) "
    "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) ON CONFLICT (checkout_session_id) DO NOTHING");
constexpr db::Query kSelect = db::idempotent(
    "SELECT order_id, checkout_session_id, user_id, price_id, quantity, mode, amount_total, currency, "
    "       payment_status, subscription_id, epoch_us(created_at) AS created_at "
    "FROM billing_orders WHERE checkout_session_id = $1");

Order order_from(const db::Row& row) {
  return {row.integer("order_id"),        row.str("checkout_session_id"), row.opt_integer("user_id"),
          row.opt_str("price_id"),        row.opt_integer("quantity"),    row.str("mode"),
          row.opt_integer("amount_total"), row.opt_str("currency"),       row.str("payment_status"),
          row.opt_str("subscription_id"), row.time("created_at")};
}

}  // namespace

bool checkout_session_paid(const Json::Value& session) {
  const Json::Value& payment_status = session["payment_status"];
  return session["status"] == "complete" &&
         (payment_status == "paid" || payment_status == "no_payment_required");
}

std::optional<Order> record_order(db::Executor& db, const Json::Value& session) {
  const auto session_id = text_of(session["id"]);
  if (!session_id || !checkout_session_paid(session)) return std::nullopt;
  const auto customer_id = text_of(session["customer"]);
  const auto user_id = session_user(db, session, customer_id);
  if (user_id && customer_id) remember_customer(db, *user_id, *customer_id);

  const Json::Value& metadata = session["metadata"];
  std::optional<std::string> currency = text_of(session["currency"]);
  if (currency) currency = text::to_lower(*currency);
  db.exec(kInsert, {*session_id, user_id, customer_id, text_of(metadata["price_id"]), integer_of(metadata["quantity"]),
                    text_of(session["mode"]).value_or("payment"), integer_of(session["amount_total"]), currency,
                    text_of(session["payment_status"]).value_or(""), text_of(session["subscription"]),
                    text_of(session["payment_intent"])});
  return order_from(db.exec(kSelect, {*session_id}).one_row());
}

}  // namespace t2o::billing
