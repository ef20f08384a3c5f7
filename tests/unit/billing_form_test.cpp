// Unit tests for handlers/billing/stripe_form: Stripe's form encoding of nested parameters.
#include "billing/stripe_form.hpp"

#include <gtest/gtest.h>

#include <stdexcept>

#include "billing/stripe_client.hpp"
#include "json/json.hpp"

namespace t2o::billing {
namespace {

TEST(BillingForm, FlattensNestedObjectsAndArraysWithBrackets) {
  const Json::Value params = json::parse(R"({
    "customer": "cus_1",
    "items": [{"price": "price_1", "quantity": 2}],
    "metadata": {"user_id": "7"},
    "recurring": {"interval": "month", "interval_count": 1},
    "expand": ["latest_invoice.payment_intent"],
    "active": false,
    "trial_period_days": 14
  })");
  const FormFields expected = {
      {"active", "false"},
      {"customer", "cus_1"},
      {"expand[0]", "latest_invoice.payment_intent"},
      {"items[0][price]", "price_1"},
      {"items[0][quantity]", "2"},
      {"metadata[user_id]", "7"},
      {"recurring[interval]", "month"},
      {"recurring[interval_count]", "1"},
      {"trial_period_days", "14"},
  };
  EXPECT_EQ(form_fields(params), expected);
}

TEST(BillingForm, PercentEncodesKeysAndValues) {
  Json::Value params;
  params["items"][0]["price"] = "price_1";
  params["success_url"] = "https://x.test/checkout-success?session_id={CHECKOUT_SESSION_ID}";
  params["name"] = "Gold & Silver plan";
  params["description"] = "Zürich+50%";
  EXPECT_EQ(form_encode(params),
            "description=Z%C3%BCrich%2B50%25&items%5B0%5D%5Bprice%5D=price_1&name=Gold%20%26%20Silver%20plan&"
            "success_url=https%3A%2F%2Fx.test%2Fcheckout-success%3Fsession_id%3D%7BCHECKOUT_SESSION_ID%7D");
}

TEST(BillingForm, NullIsAnEmptyValueThatUnsets) {
  Json::Value params;
  params["pause_collection"] = Json::Value();
  EXPECT_EQ(form_encode(params), "pause_collection=");
}

TEST(BillingForm, DeeplyNestedAndSeveralItems) {
  Json::Value params;
  params["subscription_data"]["metadata"]["user_id"] = "42";
  params["line_items"][0]["price"] = "price_a";
  params["line_items"][1]["price"] = "price_b";
  const FormFields expected = {
      {"line_items[0][price]", "price_a"},
      {"line_items[1][price]", "price_b"},
      {"subscription_data[metadata][user_id]", "42"},
  };
  EXPECT_EQ(form_fields(params), expected);
}

TEST(BillingForm, EmptyParamsEncodeToNothing) {
  EXPECT_EQ(form_encode(Json::Value(Json::objectValue)), "");
  EXPECT_EQ(form_encode(Json::Value()), "");
  Json::Value params;
  params["metadata"] = Json::Value(Json::objectValue);
  EXPECT_EQ(form_encode(params), "");
}

TEST(BillingForm, RefusesFloatsAndNonObjects) {
  Json::Value params;
  params["unit_amount"] = 10.99;
  EXPECT_THROW(form_encode(params), std::invalid_argument);
  EXPECT_THROW(form_encode(Json::Value("x")), std::invalid_argument);
}

TEST(BillingForm, ObjectPathsEncodeTheId) {
  EXPECT_EQ(object_path("/v1/prices", "price_123"), "/v1/prices/price_123");
  EXPECT_EQ(object_path("/v1/subscriptions", "../v1/customers"), "/v1/subscriptions/..%2Fv1%2Fcustomers");
  EXPECT_EQ(object_path("/v1/checkout/sessions", "cs_1?x=y"), "/v1/checkout/sessions/cs_1%3Fx%3Dy");
}

}  // namespace
}  // namespace t2o::billing
