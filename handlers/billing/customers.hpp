#pragma once
// Users and their Stripe customers: one customer per user, created at Stripe on the
// user's first subscription or checkout and remembered locally.
#include <optional>
#include <string>

#include "billing/stripe_client.hpp"
#include "db/connection.hpp"

namespace t2o::billing {

struct BillingUser {
  long long id = 0;
  std::string email;
  std::string name;
};

std::optional<BillingUser> load_billing_user(db::Executor& db, long long user_id);
std::optional<BillingUser> find_user_by_email(db::Executor& db, const std::string& email);

std::optional<std::string> find_customer(db::Executor& db, long long user_id);
std::optional<long long> user_for_customer(db::Executor& db, const std::string& customer_id);

// The user's customer id, creating the customer at Stripe (POST /v1/customers) on first use.
std::string ensure_customer(db::Executor& db, StripeApi& stripe, const BillingUser& user);

// Remembers user -> customer unless the user already has one (the first writer wins).
// Returns false when another customer id was kept.
bool remember_customer(db::Executor& db, long long user_id, const std::string& customer_id);

}  // namespace t2o::billing
