// Unit tests for the billing services (catalogue, subscriptions, checkout) against the test
// database, with a scripted stand-in for Stripe: what is sent to Stripe, what is kept
// locally, and that a Stripe failure leaves the tables as they were.
#include <gtest/gtest.h>

#include <functional>
#include <string>
#include <vector>

#include "billing/billing_access.hpp"
#include "billing/catalogue_service.hpp"
#include "billing/checkout_service.hpp"
#include "billing/stripe_form.hpp"
#include "billing/subscription_service.hpp"
#include "errors/http_error.hpp"
#include "json/json.hpp"
#include "service_calls.hpp"
#include "test_database.hpp"
#include "test_support.hpp"

namespace t2o::billing {
namespace {

using t2o::testing::count_rows;
using t2o::testing::insert_user;

// Records every call; answers with `respond` (which may throw StripeError).
class ScriptedStripe final : public StripeApi {
 public:
  struct Call {
    StripeMethod method;
    std::string path;
    Json::Value params;
    std::string form() const { return form_encode(params); }
  };

  Json::Value send(StripeMethod method, const std::string& path, const Json::Value& params) override {
    calls.push_back({method, path, params});
    return respond(calls.back());
  }

  std::vector<Call> calls;
  std::function<Json::Value(const Call&)> respond = [](const Call&) -> Json::Value {
    throw StripeError(500, "unexpected Stripe call");
  };
};

StripeError stripe_down() { return StripeError(500, "Stripe is having a bad day"); }

class BillingServiceTest : public t2o::testing::DatabaseTest {
 protected:
  void SetUp() override {
    DatabaseTest::SetUp();
    db->run(
        "DELETE FROM billing_webhook_events; DELETE FROM billing_orders; DELETE FROM billing_subscriptions; "
        "DELETE FROM billing_customers; DELETE FROM billing_products");
    user = BillingUser{insert_user(*db, "buyer", "buyer@example.test"), "buyer@example.test", "Test User"};
  }

  void add_product(const std::string& id) {
    db->exec("INSERT INTO billing_products (product_id, name) VALUES ($1, 'Plan')", {id});
  }
  void add_price(const std::string& id, const std::string& product, const std::optional<std::string>& interval,
                 bool active = true) {
    db->exec("INSERT INTO billing_prices (price_id, product_id, unit_amount, currency, recurring_interval, "
             "recurring_interval_count, active) VALUES ($1, $2, 1099, 'usd', $3, 1, $4)",
             {id, product, interval, active});
  }
  long long rows(const char* table) { return count_rows(*db, std::string("SELECT count(*) FROM ") + table); }

  static Json::Value stripe_subscription(const std::string& id, const std::string& price, const std::string& status) {
    Json::Value s;
    s["id"] = id;
    s["object"] = "subscription";
    s["customer"] = "cus_buyer";
    s["status"] = status;
    s["current_period_end"] = 1900000000;
    s["trial_end"] = Json::Value();
    s["items"]["data"][0]["id"] = "si_" + id;
    s["items"]["data"][0]["price"]["id"] = price;
    s["items"]["data"][0]["quantity"] = 1;
    s["pause_collection"] = Json::Value();
    return s;
  }

  ScriptedStripe stripe;
  BillingUser user;
};

// --- catalogue ------------------------------------------------------------------------------------

TEST_F(BillingServiceTest, CreateProductSendsItToStripeAndKeepsStripesAnswer) {
  stripe.respond = [](const ScriptedStripe::Call& call) {
    Json::Value product;
    product["id"] = "prod_gold";
    product["object"] = "product";
    product["name"] = call.params["name"];
    product["description"] = call.params["description"];
    product["active"] = true;
    return product;
  };
  const Product product = create_product(*db, stripe, product_input(json::parse(R"({"name":" Gold ","description":"Best"})")));
  ASSERT_EQ(stripe.calls.size(), 1u);
  EXPECT_EQ(stripe.calls[0].method, StripeMethod::Post);
  EXPECT_EQ(stripe.calls[0].path, "/v1/products");
  EXPECT_EQ(stripe.calls[0].form(), "description=Best&name=Gold");
  EXPECT_EQ(product.product_id, "prod_gold");
  EXPECT_EQ(product.name, "Gold");
  EXPECT_EQ(product.description, "Best");
  EXPECT_TRUE(product.active);
  EXPECT_EQ(get_product(*db, "prod_gold").name, "Gold");
}

TEST_F(BillingServiceTest, AStripeFailureLeavesTheCatalogueUnchanged) {
  add_product("prod_keep");
  add_price("price_keep", "prod_keep", "month");
  stripe.respond = [](const ScriptedStripe::Call&) -> Json::Value { throw stripe_down(); };

  EXPECT_THROW(create_product(*db, stripe, ProductInput{"New", std::nullopt, std::nullopt}), StripeError);
  EXPECT_THROW(edit_product(*db, stripe, "prod_keep", ProductChanges{"Renamed", std::nullopt, std::nullopt}), StripeError);
  EXPECT_THROW(delete_product(*db, stripe, "prod_keep"), StripeError);
  EXPECT_THROW(create_price(*db, stripe, PriceInput{"prod_keep", 500, "usd", std::nullopt, 1, std::nullopt}), StripeError);
  EXPECT_THROW(delete_price(*db, stripe, "price_keep"), StripeError);
  try {
    edit_price(*db, stripe, "price_keep", PriceChanges{false, std::nullopt});
    ADD_FAILURE() << "no error";
  } catch (const HttpError& error) {
    EXPECT_EQ(error.status(), 502);
    EXPECT_STREQ(error.what(), "Stripe is having a bad day");
  }
  EXPECT_EQ(rows("billing_products"), 1);
  EXPECT_EQ(rows("billing_prices"), 1);
  EXPECT_EQ(get_product(*db, "prod_keep").name, "Plan");
  EXPECT_TRUE(get_price(*db, "price_keep").active);
}

TEST_F(BillingServiceTest, UnknownIdsAreNotFoundWithoutAskingStripe) {
  EXPECT_THROW(edit_product(*db, stripe, "prod_none", ProductChanges{"x", std::nullopt, std::nullopt}), NotFound);
  EXPECT_THROW(delete_product(*db, stripe, "prod_none"), NotFound);
  EXPECT_THROW(create_price(*db, stripe, PriceInput{"prod_none", 1, "usd", std::nullopt, 1, std::nullopt}), NotFound);
  EXPECT_THROW(delete_price(*db, stripe, "price_none"), NotFound);
  EXPECT_THROW(get_price(*db, "price_none"), NotFound);
  EXPECT_THROW(list_prices(*db, std::string("prod_none")), NotFound);
  EXPECT_TRUE(stripe.calls.empty());
}

TEST_F(BillingServiceTest, CreatePriceSendsCentsAndReturnsDollars) {
  add_product("prod_p");
  stripe.respond = [](const ScriptedStripe::Call& call) {
    Json::Value price;
    price["id"] = "price_new";
    price["object"] = "price";
    price["product"] = call.params["product"];
    price["unit_amount"] = call.params["unit_amount"];
    price["currency"] = call.params["currency"];
    price["recurring"] = call.params["recurring"];
    price["recurring"]["usage_type"] = "licensed";
    price["nickname"] = Json::Value();
    price["active"] = true;
    return price;
  };
  const Price price = create_price(
      *db, stripe, price_input(json::parse(R"({"product_id":"prod_p","unit_amount":"19.99","recurring":"month"})")));
  ASSERT_EQ(stripe.calls.size(), 1u);
  EXPECT_EQ(stripe.calls[0].path, "/v1/prices");
  EXPECT_EQ(stripe.calls[0].form(),
            "currency=usd&product=prod_p&recurring%5Binterval%5D=month&recurring%5Binterval_count%5D=1&unit_amount=1999");
  EXPECT_EQ(price.price_id, "price_new");
  EXPECT_EQ(price.unit_amount, 1999) << "cents, exactly";
  EXPECT_EQ(price.currency, "usd");
  EXPECT_EQ(price.interval, "month");
  EXPECT_EQ(price.interval_count, 1);
  EXPECT_EQ(db->exec("SELECT unit_amount FROM billing_prices WHERE price_id = 'price_new'").one_row().integer(0), 1999);
  EXPECT_EQ(list_prices(*db, std::string("prod_p")).size(), 1u);
}

TEST_F(BillingServiceTest, PriceInputReadsAmountsCurrenciesAndIntervals) {
  auto input = price_input(json::parse(R"({"product_id":"p","unit_amount":"0.29"})"));
  EXPECT_EQ(input.unit_amount, 29);
  EXPECT_EQ(input.currency, "usd");
  EXPECT_FALSE(input.interval);
  input = price_input(json::parse(R"({"product_id":"p","unit_amount":500,"currency":"JPY"})"));
  EXPECT_EQ(input.unit_amount, 500) << "zero-decimal currency";
  EXPECT_EQ(input.currency, "jpy");
  input = price_input(json::parse(R"({"product_id":"p","unit_amount":10.99,"recurring":{"interval":"year","interval_count":"2"}})"));
  EXPECT_EQ(input.unit_amount, 1099);
  EXPECT_EQ(input.interval, "year");
  EXPECT_EQ(input.interval_count, 2);

  for (const char* bad : {R"({"product_id":"p","unit_amount":"1e3"})", R"({"product_id":"p","unit_amount":"-1"})",
                          R"({"product_id":"p","unit_amount":"10.999"})", R"({"product_id":"p","unit_amount":"abc"})",
                          R"({"product_id":"p"})", R"({"unit_amount":"1"})",
                          R"({"product_id":"p","unit_amount":"1","currency":"dollars"})",
                          R"({"product_id":"p","unit_amount":"1","recurring":"fortnight"})",
                          R"({"product_id":"p","unit_amount":"1","recurring":{"interval":"month","interval_count":0}})",
                          R"({"product_id":"p","unit_amount":"1","recurring":7})", "[]"}) {
    EXPECT_THROW(price_input(json::parse(bad)), BadRequest) << bad;
  }
}

TEST_F(BillingServiceTest, PriceChangesAreLimitedToWhatStripeCanChange) {
  EXPECT_EQ(price_changes(json::parse(R"({"active":false})")).active, false);
  EXPECT_EQ(price_changes(json::parse(R"({"nickname":"Monthly"})")).nickname, "Monthly");
  EXPECT_THROW(price_changes(json::parse(R"({"unit_amount":"5.00"})")), BadRequest);
  EXPECT_THROW(price_changes(json::parse(R"({"currency":"eur","active":true})")), BadRequest);
  EXPECT_THROW(price_changes(json::parse("{}")), BadRequest);
}

TEST_F(BillingServiceTest, DeletingAProductWithPricesArchivesItAtStripe) {
  add_product("prod_with");
  add_price("price_with", "prod_with", std::nullopt);
  add_product("prod_bare");
  stripe.respond = [](const ScriptedStripe::Call& call) {
    Json::Value answer;
    answer["id"] = call.path.substr(call.path.rfind('/') + 1);
    return answer;
  };
  EXPECT_TRUE(delete_product(*db, stripe, "prod_with"));
  EXPECT_FALSE(delete_product(*db, stripe, "prod_bare"));
  ASSERT_EQ(stripe.calls.size(), 2u);
  EXPECT_EQ(stripe.calls[0].method, StripeMethod::Post);
  EXPECT_EQ(stripe.calls[0].path, "/v1/products/prod_with");
  EXPECT_EQ(stripe.calls[0].form(), "active=false");
  EXPECT_EQ(stripe.calls[1].method, StripeMethod::Delete);
  EXPECT_EQ(stripe.calls[1].path, "/v1/products/prod_bare");
  EXPECT_EQ(rows("billing_products"), 0);
  EXPECT_EQ(rows("billing_prices"), 0);
}

TEST_F(BillingServiceTest, ADatabaseFailureAfterStripeSucceededIsLoggedWithTheStripeId) {
  add_product("prod_log");
  stripe.respond = [](const ScriptedStripe::Call&) {
    Json::Value price;
    price["id"] = "price_orphan";
    price["product"] = "prod_log";
    price["unit_amount"] = 100;
    price["currency"] = "US$";  // violates the currency CHECK: the local write fails
    price["active"] = true;
    return price;
  };
  ::testing::internal::CaptureStderr();
  EXPECT_ANY_THROW(create_price(*db, stripe, PriceInput{"prod_log", 100, "usd", std::nullopt, 1, std::nullopt}));
  const std::string log = ::testing::internal::GetCapturedStderr();
  EXPECT_NE(log.find("price_orphan"), std::string::npos) << log;
  EXPECT_NE(log.find("level=ERROR"), std::string::npos) << log;
  EXPECT_EQ(rows("billing_prices"), 0);
}

// --- subscriptions ----------------------------------------------------------------------------

TEST_F(BillingServiceTest, FirstSubscriptionCreatesTheCustomerThenTheSubscription) {
  add_product("prod_s");
  add_price("price_monthly", "prod_s", "month");
  stripe.respond = [](const ScriptedStripe::Call& call) {
    if (call.path == "/v1/customers") {
      Json::Value customer;
      customer["id"] = "cus_buyer";
      return customer;
    }
    Json::Value s = stripe_subscription("sub_first", "price_monthly", "incomplete");
    s["latest_invoice"]["id"] = "in_1";
    s["latest_invoice"]["payment_intent"]["client_secret"] = "pi_1_secret_x";
    return s;
  };
  const CreatedSubscription created = create_subscription(*db, stripe, user, NewSubscription{"price_monthly", 14});
  ASSERT_EQ(stripe.calls.size(), 2u);
  EXPECT_EQ(stripe.calls[0].path, "/v1/customers");
  EXPECT_EQ(stripe.calls[0].form(), "email=buyer%40example.test&metadata%5Buser_id%5D=" + std::to_string(user.id) +
                                        "&name=Test%20User");
  EXPECT_EQ(stripe.calls[1].path, "/v1/subscriptions");
  const FormFields fields = form_fields(stripe.calls[1].params);
  const FormFields expected = {{"customer", "cus_buyer"},
                               {"expand[0]", "latest_invoice.payment_intent"},
                               {"items[0][price]", "price_monthly"},
                               {"metadata[user_id]", std::to_string(user.id)},
                               {"payment_behavior", "default_incomplete"},
                               {"payment_settings[save_default_payment_method]", "on_subscription"},
                               {"trial_period_days", "14"}};
  EXPECT_EQ(fields, expected);
  EXPECT_EQ(created.client_secret, "pi_1_secret_x");
  EXPECT_EQ(created.subscription.subscription_id, "sub_first");
  EXPECT_EQ(created.subscription.user_id, user.id);
  EXPECT_EQ(created.subscription.status, "incomplete");
  ASSERT_TRUE(created.subscription.current_period_end);
  EXPECT_EQ(iso_utc(*created.subscription.current_period_end), "2030-03-17T17:46:40Z");

  // The second subscription reuses the customer.
  stripe.calls.clear();
  stripe.respond = [](const ScriptedStripe::Call&) { return stripe_subscription("sub_second", "price_monthly", "active"); };
  create_subscription(*db, stripe, user, NewSubscription{"price_monthly", std::nullopt});
  ASSERT_EQ(stripe.calls.size(), 1u);
  EXPECT_EQ(stripe.calls[0].path, "/v1/subscriptions");
  EXPECT_EQ(list_subscriptions(*db, user.id).size(), 2u);
}

TEST_F(BillingServiceTest, SubscribingNeedsAnActiveRecurringPriceAndStripe) {
  add_product("prod_s");
  add_price("price_once", "prod_s", std::nullopt);
  add_price("price_archived", "prod_s", "month", false);
  add_price("price_ok", "prod_s", "month");
  EXPECT_THROW(create_subscription(*db, stripe, user, NewSubscription{"price_none", std::nullopt}), NotFound);
  EXPECT_THROW(create_subscription(*db, stripe, user, NewSubscription{"price_once", std::nullopt}), BadRequest);
  EXPECT_THROW(create_subscription(*db, stripe, user, NewSubscription{"price_archived", std::nullopt}), BadRequest);
  EXPECT_THROW(create_subscription(*db, stripe, user, NewSubscription{"price_ok", 0}), BadRequest);
  EXPECT_TRUE(stripe.calls.empty());

  stripe.respond = [](const ScriptedStripe::Call&) -> Json::Value { throw stripe_down(); };
  EXPECT_THROW(create_subscription(*db, stripe, user, NewSubscription{"price_ok", std::nullopt}), StripeError);
  EXPECT_EQ(rows("billing_customers"), 0);
  EXPECT_EQ(rows("billing_subscriptions"), 0);
}

TEST_F(BillingServiceTest, UpgradePauseResumeCancelAndDelete) {
  add_product("prod_s");
  add_price("price_basic", "prod_s", "month");
  add_price("price_pro", "prod_s", "month");
  db->exec("INSERT INTO billing_customers (user_id, customer_id) VALUES ($1, 'cus_buyer')", {user.id});
  std::string status = "active";
  std::string price = "price_basic";
  bool paused = false;
  stripe.respond = [&](const ScriptedStripe::Call& call) {
    if (call.method == StripeMethod::Delete) status = "canceled";
    if (call.params.isMember("items")) price = call.params["items"][0]["price"].asString();
    if (call.params.isMember("pause_collection")) paused = call.params["pause_collection"].isObject();
    Json::Value s = stripe_subscription("sub_ops", price, status);
    if (paused) s["pause_collection"]["behavior"] = "void";
    return s;
  };
  create_subscription(*db, stripe, user, NewSubscription{"price_basic", std::nullopt});
  LocalSubscription chosen = choose_subscription(*db, user.id, std::nullopt);
  EXPECT_EQ(chosen.id, "sub_ops");

  stripe.calls.clear();
  const Subscription upgraded = change_price(*db, stripe, chosen, "price_pro");
  EXPECT_EQ(stripe.calls.back().path, "/v1/subscriptions/sub_ops");
  EXPECT_EQ(stripe.calls.back().form(),
            "items%5B0%5D%5Bid%5D=si_sub_ops&items%5B0%5D%5Bprice%5D=price_pro&proration_behavior=create_prorations");
  EXPECT_EQ(upgraded.price_id, "price_pro");

  EXPECT_TRUE(pause_subscription(*db, stripe, chosen).paused);
  EXPECT_EQ(stripe.calls.back().form(), "pause_collection%5Bbehavior%5D=void");
  EXPECT_FALSE(resume_subscription(*db, stripe, chosen).paused);
  EXPECT_EQ(stripe.calls.back().form(), "pause_collection=");

  EXPECT_EQ(cancel_subscription(*db, stripe, chosen).status, "canceled");
  EXPECT_EQ(stripe.calls.back().method, StripeMethod::Delete);
  chosen = choose_subscription(*db, user.id, std::string("sub_ops"));
  EXPECT_THROW(cancel_subscription(*db, stripe, chosen), Conflict);
  EXPECT_THROW(pause_subscription(*db, stripe, chosen), Conflict);
  EXPECT_THROW(choose_subscription(*db, user.id, std::nullopt), NotFound) << "no live subscription left";

  const auto calls = stripe.calls.size();
  delete_subscription(*db, stripe, chosen);
  EXPECT_EQ(stripe.calls.size(), calls) << "already canceled: nothing to ask Stripe";
  EXPECT_EQ(rows("billing_subscriptions"), 0);
}

TEST_F(BillingServiceTest, ChoosingASubscriptionNeedsAnIdWhenThereAreSeveral) {
  db->exec("INSERT INTO billing_subscriptions (subscription_id, user_id, customer_id, status) VALUES "
           "('sub_a', $1, 'cus_x', 'active'), ('sub_b', $1, 'cus_x', 'trialing'), ('sub_c', $1, 'cus_x', 'canceled')",
           {user.id});
  EXPECT_THROW(choose_subscription(*db, user.id, std::nullopt), BadRequest);
  EXPECT_EQ(choose_subscription(*db, user.id, std::string("sub_c")).id, "sub_c");
  EXPECT_THROW(choose_subscription(*db, user.id, std::string("sub_zzz")), NotFound);
  EXPECT_EQ(list_subscriptions(*db, std::nullopt).size(), 3u);
}

// --- checkout ----------------------------------------------------------------------------------

TEST_F(BillingServiceTest, CheckoutSessionPointsBackAtThisSite) {
  add_product("prod_c");
  add_price("price_one_time", "prod_c", std::nullopt);
  add_price("price_monthly", "prod_c", "month");
  stripe.respond = [](const ScriptedStripe::Call&) {
    Json::Value session;
    session["id"] = "cs_test_abc";
    session["url"] = "https://checkout.stripe.com/c/pay/cs_test_abc";
    return session;
  };
  const CheckoutSession result = create_checkout_session(*db, stripe, config, user,
                                                     checkout_request(json::parse(R"({"price_id":"price_one_time","quantity":2})")));
  EXPECT_EQ(result.checkout_url, "https://checkout.stripe.com/c/pay/cs_test_abc");
  EXPECT_EQ(result.session_id, "cs_test_abc");
  const std::string uid = std::to_string(user.id);
  const FormFields expected = {{"cancel_url", "https://example.test/app/billing/checkout-cancel"},
                               {"client_reference_id", uid},
                               {"customer_creation", "always"},
                               {"customer_email", "buyer@example.test"},
                               {"line_items[0][price]", "price_one_time"},
                               {"line_items[0][quantity]", "2"},
                               {"metadata[price_id]", "price_one_time"},
                               {"metadata[quantity]", "2"},
                               {"metadata[user_id]", uid},
                               {"mode", "payment"},
                               {"success_url", "https://example.test/app/billing/checkout-success?session_id={CHECKOUT_SESSION_ID}"}};
  EXPECT_EQ(form_fields(stripe.calls.at(0).params), expected);

  // A recurring price defaults to subscription mode; a mismatched mode is refused.
  create_checkout_session(*db, stripe, config, user, checkout_request(json::parse(R"({"price_id":"price_monthly"})")));
  EXPECT_EQ(stripe.calls.at(1).params["mode"], "subscription");
  EXPECT_EQ(stripe.calls.at(1).params["subscription_data"]["metadata"]["user_id"], uid);
  EXPECT_THROW(create_checkout_session(*db, stripe, config, user,
                                       checkout_request(json::parse(R"({"price_id":"price_monthly","mode":"payment"})"))),
               BadRequest);
  EXPECT_THROW(checkout_request(json::parse(R"({"price_id":"p","quantity":0})")), BadRequest);
  EXPECT_THROW(checkout_request(json::parse(R"({"price_id":"p","mode":"setup"})")), BadRequest);
}

TEST_F(BillingServiceTest, CheckoutSuccessRecordsThePaidOrderOnce) {
  Json::Value session;
  session["id"] = "cs_test_paid";
  session["status"] = "open";
  session["payment_status"] = "unpaid";
  session["mode"] = "payment";
  session["amount_total"] = 1099;
  session["currency"] = "usd";
  session["customer"] = "cus_paid";
  session["client_reference_id"] = std::to_string(user.id);
  session["metadata"]["price_id"] = "price_x";
  session["metadata"]["quantity"] = "1";
  stripe.respond = [&](const ScriptedStripe::Call&) { return session; };

  EXPECT_THROW(complete_checkout(*db, stripe, "cs_test_paid"), BadRequest) << "not paid yet";
  EXPECT_EQ(rows("billing_orders"), 0);
  session["status"] = "complete";
  session["payment_status"] = "paid";
  const Order first = complete_checkout(*db, stripe, "cs_test_paid");
  const Order second = complete_checkout(*db, stripe, "cs_test_paid");
  EXPECT_EQ(stripe.calls.back().method, StripeMethod::Get);
  EXPECT_EQ(stripe.calls.back().path, "/v1/checkout/sessions/cs_test_paid");
  EXPECT_EQ(first.order_id, second.order_id);
  EXPECT_EQ(first.amount_total, 1099);
  EXPECT_EQ(first.user_id, user.id);
  EXPECT_EQ(rows("billing_orders"), 1);

  const auto calls = stripe.calls.size();
  for (const char* bad : {"", "cs_", "pi_123", "cs_../../v1/customers", "cs_a b"}) {
    EXPECT_THROW(complete_checkout(*db, stripe, bad), BadRequest) << bad;
  }
  EXPECT_EQ(stripe.calls.size(), calls) << "malformed ids never reach Stripe";
}

// --- configuration and access ---------------------------------------------------------------------

Response ok_handler(Context&, const Request&) { return success("ran"); }

TEST_F(BillingServiceTest, EveryRouteAnswers503WithoutAStripeKey) {
  config.stripe_secret_key.clear();
  Services services{config, *db, *sessions, nullptr, "billing"};
  Context context{services, std::nullopt};
  const Request request = t2o::testing::make_request(Method::Get, "/products");
  try {
    when_configured<ok_handler>(context, request);
    ADD_FAILURE() << "ran without a key";
  } catch (const ServiceUnavailable& error) {
    EXPECT_STREQ(error.what(), "Billing is not configured: STRIPE_SECRET_KEY is not set");
  }
  config.stripe_secret_key = "sk_test_x";
  EXPECT_EQ(when_configured<ok_handler>(context, request).status, 200);
}

TEST_F(BillingServiceTest, NamingAnotherUserNeedsManageUsers) {
  config.stripe_secret_key = "sk_test_x";
  Services services{config, *db, *sessions, nullptr, "billing"};
  const long long other = insert_user(*db, "other", "other@example.test");
  const long long admin = t2o::testing::admin_user_id(*db);
  auto as = [&](long long user_id, const std::string& email) {
    Context context{services, SessionInfo{1, user_id, email, "token"}};
    return context;
  };
  Context plain = as(user.id, user.email);
  EXPECT_EQ(target_user(plain, json::parse("{}")).id, user.id);
  EXPECT_EQ(target_user(plain, json::parse(R"({"email":"BUYER@example.test"})")).id, user.id);
  EXPECT_THROW(target_user(plain, json::parse(R"({"user_id":)" + std::to_string(other) + "}")), Forbidden);
  EXPECT_THROW(target_user(plain, json::parse(R"({"email":"other@example.test"})")), Forbidden);
  EXPECT_THROW(target_user(plain, json::parse(R"({"email":"nobody@example.test"})")), Forbidden)
      << "no lookup (and no enumeration) without the permission";

  Context boss = as(admin, "admin@example.com");
  EXPECT_EQ(target_user(boss, json::parse(R"({"user_id":)" + std::to_string(other) + "}")).id, other);
  EXPECT_EQ(target_user(boss, json::parse(R"({"email":"other@example.test"})")).id, other);
  EXPECT_THROW(target_user(boss, json::parse(R"({"email":"nobody@example.test"})")), NotFound);
}

}  // namespace
}  // namespace t2o::billing

namespace t2o::billing {
namespace {

// stripe_api() once kept the first configuration it saw and ignored every later one.
TEST_F(BillingServiceTest, StripeApiFollowsTheConfigurationItIsGiven) {
  Services services{config, *db, *sessions, nullptr, "billing"};
  Context context{services, std::nullopt};
  auto settings = [&](const std::string& base, const std::string& key) {
    config.stripe_api_base = base;
    config.stripe_secret_key = key;
    return dynamic_cast<HttpStripeClient&>(stripe_api(context)).settings();
  };
  EXPECT_EQ(settings("http://127.0.0.1:1", "sk_test_first").api_base, "http://127.0.0.1:1");
  EXPECT_EQ(settings("http://127.0.0.1:2", "sk_test_second").api_base, "http://127.0.0.1:2");
  EXPECT_EQ(settings("http://127.0.0.1:2", "sk_test_second").secret_key, "sk_test_second");
  EXPECT_EQ(&stripe_api(context), &stripe_api(context)) << "the same settings keep the same client";
}

// A request that lost its database connection is run again only when nothing it did can
// have taken effect; a call to Stripe has, so the dispatcher must not repeat it.
TEST_F(BillingServiceTest, ARequestThatReachesStripeIsNotRepeatable) {
  config.stripe_secret_key = "sk_test_x";
  Services services{config, *db, *sessions, nullptr, "billing"};
  Context context{services, std::nullopt};
  db->begin_unit();
  db->exec(db::idempotent("SELECT 1"));
  EXPECT_FALSE(db->may_have_taken_effect()) << "a read changes nothing";
  stripe_api(context);
  EXPECT_TRUE(db->may_have_taken_effect());
}

}  // namespace
}  // namespace t2o::billing
