// Unit tests for handlers/billing/webhook_service and webhook_routes against the test
// database: each event id once, subscriptions and orders kept in step, late events and
// bad signatures change nothing.
#include "billing/webhook_service.hpp"

#include <gtest/gtest.h>

#include <string>

#include "billing/webhook_routes.hpp"
#include "crypto/digest.hpp"
#include "errors/http_error.hpp"
#include "json/json.hpp"
#include "server/context.hpp"
#include "service_calls.hpp"
#include "test_database.hpp"
#include "test_support.hpp"

namespace t2o::billing {
namespace {

using t2o::testing::count_rows;
using t2o::testing::insert_user;

class BillingWebhookTest : public t2o::testing::DatabaseTest {
 protected:
  void SetUp() override {
    DatabaseTest::SetUp();
    db->run(
        "DELETE FROM billing_webhook_events; DELETE FROM billing_orders; DELETE FROM billing_subscriptions; "
        "DELETE FROM billing_customers; DELETE FROM billing_products");
    user_id = insert_user(*db, "payer", "payer@example.test");
  }

  static Json::Value subscription_object(const std::string& id, const std::string& status,
                                         const std::string& customer = "cus_payer") {
    Json::Value object;
    object["id"] = id;
    object["object"] = "subscription";
    object["customer"] = customer;
    object["status"] = status;
    object["current_period_end"] = 1900000000;
    object["trial_end"] = Json::Value();
    object["cancel_at_period_end"] = false;
    object["pause_collection"] = Json::Value();
    object["items"]["data"][0]["id"] = "si_1";
    object["items"]["data"][0]["price"]["id"] = "price_gold";
    object["items"]["data"][0]["quantity"] = 1;
    return object;
  }

  static Json::Value event(const std::string& id, const std::string& type, const Json::Value& object,
                           long long created = 1800000000) {
    Json::Value e;
    e["id"] = id;
    e["object"] = "event";
    e["type"] = type;
    e["created"] = static_cast<Json::Int64>(created);
    e["data"]["object"] = object;
    return e;
  }

  std::string status_of(const std::string& subscription_id) {
    auto row = db->exec("SELECT status FROM billing_subscriptions WHERE subscription_id = $1", {subscription_id})
                   .optional_row();
    return row ? row->str(0) : "(none)";
  }

  void own_customer() {
    db->exec("INSERT INTO billing_customers (user_id, customer_id) VALUES ($1, 'cus_payer')", {user_id});
  }

  long long user_id = 0;
};

TEST_F(BillingWebhookTest, SubscriptionEventsCreateThenUpdateTheRow) {
  own_customer();
  auto outcome = process_event(*db, event("evt_1", "customer.subscription.created", subscription_object("sub_1", "incomplete")));
  EXPECT_FALSE(outcome.duplicate);
  EXPECT_TRUE(outcome.applied);
  EXPECT_EQ(status_of("sub_1"), "incomplete");
  EXPECT_EQ(count_rows(*db, "SELECT count(*) FROM billing_subscriptions WHERE user_id = $1", {user_id}), 1);

  Json::Value updated = subscription_object("sub_1", "active");
  updated["pause_collection"]["behavior"] = "void";
  process_event(*db, event("evt_2", "customer.subscription.updated", updated, 1800000001));
  EXPECT_EQ(status_of("sub_1"), "active");
  EXPECT_TRUE(db->exec("SELECT paused FROM billing_subscriptions WHERE subscription_id = 'sub_1'").one_row().boolean(0));
  EXPECT_EQ(count_rows(*db, "SELECT count(*) FROM billing_webhook_events"), 2);
}

TEST_F(BillingWebhookTest, MetadataUserIdFindsTheOwnerAndRemembersTheCustomer) {
  Json::Value object = subscription_object("sub_meta", "active", "cus_new");
  object["metadata"]["user_id"] = std::to_string(user_id);
  EXPECT_TRUE(process_event(*db, event("evt_meta", "customer.subscription.created", object)).applied);
  EXPECT_EQ(db->exec("SELECT user_id FROM billing_subscriptions WHERE subscription_id = 'sub_meta'").one_row().integer(0),
            user_id);
  EXPECT_EQ(db->exec("SELECT customer_id FROM billing_customers WHERE user_id = $1", {user_id}).one_row().str(0),
            "cus_new");
}

TEST_F(BillingWebhookTest, AReplayedEventIdChangesNothing) {
  own_customer();
  process_event(*db, event("evt_once", "customer.subscription.created", subscription_object("sub_r", "active")));
  // Same id, different content (a forged or re-sent delivery): ignored.
  auto outcome =
      process_event(*db, event("evt_once", "customer.subscription.updated", subscription_object("sub_r", "past_due"), 1800000100));
  EXPECT_TRUE(outcome.duplicate);
  EXPECT_FALSE(outcome.applied);
  EXPECT_EQ(status_of("sub_r"), "active");
  EXPECT_EQ(count_rows(*db, "SELECT count(*) FROM billing_webhook_events"), 1);
}

TEST_F(BillingWebhookTest, AnOlderEventArrivingLateDoesNotOverwriteANewerOne) {
  own_customer();
  process_event(*db, event("evt_new", "customer.subscription.updated", subscription_object("sub_o", "active"), 1800000200));
  auto late = process_event(
      *db, event("evt_old", "customer.subscription.created", subscription_object("sub_o", "incomplete"), 1800000100));
  EXPECT_FALSE(late.applied);
  EXPECT_EQ(status_of("sub_o"), "active");
}

TEST_F(BillingWebhookTest, InvoiceEventsSetActiveAndPastDue) {
  own_customer();
  process_event(*db, event("evt_s", "customer.subscription.created", subscription_object("sub_i", "incomplete"), 100));
  Json::Value invoice;
  invoice["id"] = "in_1";
  invoice["object"] = "invoice";
  invoice["subscription"] = "sub_i";
  EXPECT_TRUE(process_event(*db, event("evt_paid", "invoice.paid", invoice, 200)).applied);
  EXPECT_EQ(status_of("sub_i"), "active");
  EXPECT_TRUE(process_event(*db, event("evt_failed", "invoice.payment_failed", invoice, 300)).applied);
  EXPECT_EQ(status_of("sub_i"), "past_due");

  // Newer API versions put the subscription under parent.subscription_details.
  Json::Value nested;
  nested["id"] = "in_2";
  nested["parent"]["subscription_details"]["subscription"] = "sub_i";
  EXPECT_TRUE(process_event(*db, event("evt_paid2", "invoice.paid", nested, 400)).applied);
  EXPECT_EQ(status_of("sub_i"), "active");
}

TEST_F(BillingWebhookTest, DeletedMarksAKnownSubscriptionCanceledAndIgnoresUnknownOnes) {
  own_customer();
  process_event(*db, event("evt_c", "customer.subscription.created", subscription_object("sub_d", "active"), 100));
  Json::Value canceled = subscription_object("sub_d", "canceled");
  canceled["canceled_at"] = 1800000000;
  EXPECT_TRUE(process_event(*db, event("evt_d", "customer.subscription.deleted", canceled, 200)).applied);
  EXPECT_EQ(status_of("sub_d"), "canceled");

  EXPECT_FALSE(process_event(*db, event("evt_u", "customer.subscription.deleted",
                                        subscription_object("sub_unknown", "canceled")))
                   .applied);
  EXPECT_EQ(status_of("sub_unknown"), "(none)");
}

TEST_F(BillingWebhookTest, EventsForUnknownUsersAndOtherTypesAreRecordedButChangeNothing) {
  EXPECT_FALSE(process_event(*db, event("evt_x", "customer.subscription.created",
                                        subscription_object("sub_stranger", "active", "cus_stranger")))
                   .applied);
  EXPECT_EQ(status_of("sub_stranger"), "(none)");
  EXPECT_FALSE(process_event(*db, event("evt_y", "charge.refunded", Json::Value(Json::objectValue))).applied);
  EXPECT_EQ(count_rows(*db, "SELECT count(*) FROM billing_webhook_events"), 2);
}

TEST_F(BillingWebhookTest, CheckoutCompletedRecordsTheOrderOnce) {
  Json::Value session;
  session["id"] = "cs_test_1";
  session["object"] = "checkout.session";
  session["status"] = "complete";
  session["payment_status"] = "paid";
  session["mode"] = "payment";
  session["amount_total"] = 2998;
  session["currency"] = "usd";
  session["customer"] = "cus_checkout";
  session["client_reference_id"] = std::to_string(user_id);
  session["metadata"]["price_id"] = "price_one";
  session["metadata"]["quantity"] = "2";
  EXPECT_TRUE(process_event(*db, event("evt_cs", "checkout.session.completed", session)).applied);
  EXPECT_TRUE(process_event(*db, event("evt_cs2", "checkout.session.completed", session)).applied);
  EXPECT_EQ(count_rows(*db, "SELECT count(*) FROM billing_orders WHERE checkout_session_id = 'cs_test_1'"), 1);
  auto order = db->exec("SELECT user_id, amount_total, quantity, price_id FROM billing_orders").one_row();
  EXPECT_EQ(order.integer(0), user_id);
  EXPECT_EQ(order.integer(1), 2998);
  EXPECT_EQ(order.integer(2), 2);
  EXPECT_EQ(order.str(3), "price_one");
  EXPECT_EQ(db->exec("SELECT customer_id FROM billing_customers WHERE user_id = $1", {user_id}).one_row().str(0),
            "cus_checkout");

  session["id"] = "cs_test_unpaid";
  session["payment_status"] = "unpaid";
  EXPECT_FALSE(process_event(*db, event("evt_cs3", "checkout.session.completed", session)).applied);
  EXPECT_EQ(count_rows(*db, "SELECT count(*) FROM billing_orders"), 1);
}

TEST_F(BillingWebhookTest, MalformedEventsAreRefusedAndNotRecorded) {
  EXPECT_THROW(process_event(*db, json::parse(R"({"type":"invoice.paid"})")), BadRequest);
  EXPECT_THROW(process_event(*db, json::parse(R"({"id":"evt_no_type"})")), BadRequest);
  EXPECT_THROW(process_event(*db, json::parse("[1,2]")), BadRequest);
  Json::Value odd = subscription_object("sub_odd", "active");
  odd["items"] = "not a list";
  EXPECT_THROW(process_event(*db, event("evt_odd", "customer.subscription.updated", odd)), BadRequest);
  EXPECT_EQ(count_rows(*db, "SELECT count(*) FROM billing_webhook_events"), 0) << "a refused event can come again";
}

// --- the route: signature first ------------------------------------------------------------------

class BillingWebhookRouteTest : public BillingWebhookTest {
 protected:
  static constexpr std::time_t kNow = 1800000000;

  Response post(const std::string& payload, const std::string& signature_header) {
    config.stripe_secret_key = "sk_test_unit";
    config.stripe_webhook_secret = "whsec_unit";
    Services services{config, *db, *sessions, nullptr, "billing", [] { return kNow; }};
    Context context{services, std::nullopt};
    Request request = t2o::testing::make_request(Method::Post, "/stripe/webhook");
    request.body = payload;
    request.headers["stripe-signature"] = signature_header;
    return stripe_webhook(context, request);
  }

  static std::string sign(const std::string& payload, std::time_t t, const std::string& secret = "whsec_unit") {
    return "t=" + std::to_string(t) + ",v1=" +
           crypto::to_hex(crypto::hmac_sha256(secret, std::to_string(t) + "." + payload));
  }
};

TEST_F(BillingWebhookRouteTest, GoodSignatureIsProcessedBadOnesChangeNothing) {
  own_customer();
  const std::string payload =
      json::write(event("evt_route", "customer.subscription.created", subscription_object("sub_route", "active")));

  auto expect_refused = [&](const std::string& header, const char* message) {
    try {
      post(payload, header);
      ADD_FAILURE() << "accepted " << header;
    } catch (const BadRequest& error) {
      EXPECT_STREQ(error.what(), message);
    }
    EXPECT_EQ(status_of("sub_route"), "(none)");
    EXPECT_EQ(count_rows(*db, "SELECT count(*) FROM billing_webhook_events"), 0);
  };
  expect_refused(sign(payload, kNow, "whsec_wrong"), "Invalid webhook signature");
  expect_refused(sign(payload + " ", kNow), "Invalid webhook signature");
  expect_refused(sign(payload, kNow - 301), "Webhook timestamp is outside the tolerance");
  expect_refused("", "Malformed Stripe-Signature header");

  Response accepted = post(payload, sign(payload, kNow - 10));
  EXPECT_EQ(accepted.status, 200);
  EXPECT_EQ(t2o::testing::body_json(accepted)["duplicate"], false);
  EXPECT_EQ(status_of("sub_route"), "active");
  Response replay = post(payload, sign(payload, kNow));
  EXPECT_EQ(t2o::testing::body_json(replay)["duplicate"], true);
}

TEST_F(BillingWebhookRouteTest, AnswersServiceUnavailableWithoutAWebhookSecret) {
  config.stripe_webhook_secret.clear();
  Services services{config, *db, *sessions, nullptr, "billing", [] { return kNow; }};
  Context context{services, std::nullopt};
  Request request = t2o::testing::make_request(Method::Post, "/stripe/webhook");
  EXPECT_THROW(stripe_webhook(context, request), ServiceUnavailable);
}

}  // namespace
}  // namespace t2o::billing
