#pragma once
// Stripe first, then the database: a failed Stripe call leaves the tables untouched. When
// Stripe succeeded but the local write then failed, the two disagree until the webhook
// brings the row back in step; the ERROR line names the Stripe id so a person can
// reconcile it sooner.
#include <exception>
#include <string_view>

namespace t2o::billing {

void log_unrecorded(std::string_view action, std::string_view stripe_id, std::string_view error);

// Runs `write_locally`; when it throws, logs the Stripe id and rethrows.
template <typename Write>
auto record_after_stripe(std::string_view action, std::string_view stripe_id, Write&& write_locally)
    -> decltype(write_locally()) {
  try {
    return write_locally();
  } catch (const std::exception& error) {
    log_unrecorded(action, stripe_id, error.what());
    throw;
  }
}

}  // namespace t2o::billing
