// The billing group through nginx against the fake Stripe (tests/fake_stripe), API.md
// "Billing group": catalogue access and CRUD, the subscription lifecycle, Checkout with its
// order recorded once, webhook signatures, and Stripe failing -> 502 with nothing changed.
//
// Besides the stack's environment it reads T2O_FAKE_STRIPE_PORT (the fake's control
// endpoints) and STRIPE_WEBHOOK_SECRET (to sign webhook events), both exported by tests/run.
#include <gtest/gtest.h>

#include <cstdlib>
#include <ctime>
#include <set>
#include <string>

#include "crypto/digest.hpp"
#include "http_client.hpp"
#include "stack_sql.hpp"
#include "test_support.hpp"

namespace t2o::it {
namespace {

std::string getenv_string(const char* name) {
  const char* value = std::getenv(name);
  return value ? value : "";
}

// A logged-in browser: its cookies and CSRF token.
struct Session {
  Client client;
  std::string csrf;

  Headers csrf_header() const { return {{"X-CSRFToken", csrf}}; }
  Response post(const std::string& path, const Json::Value& body = Json::Value(Json::objectValue)) {
    return client.post_json(path, body, csrf_header());
  }
  Response del(const std::string& path, const Json::Value& body) {
    return client.del(path, json_text(body), "application/json", csrf_header());
  }
  Response get(const std::string& path) { return client.get(path); }
};

// The fake Stripe's control endpoints.
class FakeStripe {
 public:
  FakeStripe() : client_("http://127.0.0.1:" + getenv_string("T2O_FAKE_STRIPE_PORT")) {}

  // The /v1 calls recorded from `since` on (see mark()).
  Json::Value requests_since(long long since) {
    const Response r = client_.get("/__requests?since=" + std::to_string(since));
    EXPECT_TRUE(HasStatus(r, 200));
    return r.json ? (*r.json)["requests"] : Json::Value(Json::arrayValue);
  }
  long long mark() {
    const Response r = client_.get("/__requests");
    EXPECT_TRUE(HasStatus(r, 200));
    return r.json ? (*r.json)["next"].asInt64() : 0;
  }
  void fail_next(int count, int status, const std::string& message) {
    Json::Value body;
    body["count"] = count;
    body["status"] = status;
    body["message"] = message;
    EXPECT_TRUE(HasStatus(client_.post_json("/__fail", body), 200));
  }
  void stop_failing() { fail_next(0, 500, ""); }
  // The customer paid on Stripe's page: {"session": ..., "subscription"?: ...}.
  Json::Value complete_checkout(const std::string& session_id) {
    Json::Value body;
    body["session_id"] = session_id;
    const Response r = client_.post_json("/__checkout/complete", body);
    EXPECT_TRUE(HasStatus(r, 200));
    return r.json ? *r.json : Json::Value();
  }

 private:
  Client client_;
};

// A Stripe event signed the way Stripe signs them: v1 = HMAC-SHA256(secret, "t.payload").
std::string stripe_signature(const std::string& payload, std::time_t t, const std::string& secret) {
  return "t=" + std::to_string(t) + ",v1=" + crypto::to_hex(crypto::hmac_sha256(secret, std::to_string(t) + "." + payload));
}

Json::Value stripe_event(const std::string& id, const std::string& type, const Json::Value& object) {
  Json::Value event;
  event["id"] = id;
  event["object"] = "event";
  event["api_version"] = "2024-06-20";
  event["created"] = static_cast<Json::Int64>(std::time(nullptr));
  event["type"] = type;
  event["livemode"] = false;
  event["data"]["object"] = object;
  return event;
}

std::string unique_suffix() {
  static int counter = 0;
  return std::to_string(std::time(nullptr)) + "_" + std::to_string(++counter);
}

class BillingTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_TRUE(env_problem().empty()) << env_problem();
    webhook_secret = getenv_string("STRIPE_WEBHOOK_SECRET");
    ASSERT_FALSE(webhook_secret.empty()) << "STRIPE_WEBHOOK_SECRET is not set (tests/run exports it)";
    ASSERT_FALSE(getenv_string("T2O_FAKE_STRIPE_PORT").empty()) << "T2O_FAKE_STRIPE_PORT is not set (tests/run exports it)";
    stripe.stop_failing();
  }
  void TearDown() override { stripe.stop_failing(); }

  void LogIn(Session& session, const std::string& who, const std::string& password) {
    const Response login = login_json(session.client, who, password);
    ASSERT_TRUE(IsSuccess(login, 200)) << who;
    session.csrf = (*login.json)["csrf_token"].asString();
  }
  void LogInAdmin(Session& session) { LogIn(session, "admin", env().admin_password); }
  void NewUser(Session& session, Identity& id, const std::string& tag) {
    id = unique_identity(tag);
    ASSERT_EQ(create_verified_user(session.client, id), "");
    LogIn(session, id.username, id.password);
  }

  std::string CreateProduct(Session& admin, const std::string& name) {
    Json::Value body;
    body["name"] = name;
    body["description"] = "Integration test product";
    const Response r = admin.post("/create-product", body);
    EXPECT_TRUE(IsSuccess(r, 201, "Product created"));
    return r.json ? (*r.json)["product"]["product_id"].asString() : "";
  }
  std::string CreatePrice(Session& admin, const std::string& product_id, const std::string& amount,
                          const std::string& interval = "") {
    Json::Value body;
    body["product_id"] = product_id;
    body["unit_amount"] = amount;
    if (!interval.empty()) body["recurring"] = interval;
    const Response r = admin.post("/create-price", body);
    EXPECT_TRUE(IsSuccess(r, 201, "Price created"));
    return r.json ? (*r.json)["price"]["price_id"].asString() : "";
  }

  Response SendWebhook(const std::string& payload, const std::string& signature) {
    Client anonymous;  // no session, no CSRF token: Stripe has neither
    Headers headers;
    if (!signature.empty()) headers.emplace_back("Stripe-Signature", signature);
    return anonymous.post("/stripe/webhook", payload, "application/json", headers);
  }

  Json::Value Subscription(Session& session, const std::string& subscription_id) {
    Json::Value body;
    body["subscription_id"] = subscription_id;
    const Response r = session.post("/subscription", body);
    EXPECT_TRUE(IsSuccess(r, 200));
    return r.json ? (*r.json)["subscription"] : Json::Value();
  }

  FakeStripe stripe;
  std::string webhook_secret;
};

// --- access ----------------------------------------------------------------------------------------

TEST_F(BillingTest, EveryRouteNeedsALoginExceptCheckoutReturnsAndTheWebhook) {
  Client anonymous;
  for (const char* path : {"/products", "/prices", "/user-subscriptions", "/subscriptions"}) {
    EXPECT_TRUE(IsError(anonymous.get(path), 401, kLoginRequired)) << path;
    EXPECT_TRUE(IsError(anonymous.post(path, "{}"), 401, kLoginRequired)) << path;
  }
  for (const char* path : {"/create-product", "/edit-product", "/create-price", "/edit-price", "/delete-price",
                           "/product", "/price", "/prices-for-product", "/create-subscription",
                           "/update-subscription", "/cancel-subscription", "/deactivate-subscription",
                           "/reactivate-subscription", "/delete-subscription", "/subscription",
                           "/create-checkout-session"}) {
    EXPECT_TRUE(IsError(anonymous.post(path, "{}"), 401, kLoginRequired)) << path;
  }
  EXPECT_TRUE(IsError(anonymous.del("/delete-product", "{}"), 401, kLoginRequired));
  EXPECT_TRUE(IsSuccess(anonymous.get("/checkout-cancel"), 200, "Payment canceled"));
  EXPECT_TRUE(IsError(anonymous.get("/checkout-success"), 400));
  EXPECT_TRUE(IsError(anonymous.post("/stripe/webhook", "{}"), 400)) << "unsigned: refused, but not for want of CSRF";
}

TEST_F(BillingTest, CatalogueWritesNeedManageSettingsReadsOnlyALogin) {
  Session admin, user;
  Identity id;
  ASSERT_NO_FATAL_FAILURE(LogInAdmin(admin));
  ASSERT_NO_FATAL_FAILURE(NewUser(user, id, "bilacl"));
  const std::string product_id = CreateProduct(admin, "ACL product " + unique_suffix());
  const std::string price_id = CreatePrice(admin, product_id, "5.00");
  const long long before = stripe.mark();

  Json::Value product;
  product["product_id"] = product_id;
  product["name"] = "Hijacked";
  Json::Value price;
  price["product_id"] = product_id;
  price["price_id"] = price_id;
  price["unit_amount"] = "1.00";
  EXPECT_TRUE(IsError(user.post("/create-product", product), 403, "Unauthorized access"));
  EXPECT_TRUE(IsError(user.post("/edit-product", product), 403, "Unauthorized access"));
  EXPECT_TRUE(IsError(user.del("/delete-product", product), 403, "Unauthorized access"));
  EXPECT_TRUE(IsError(user.post("/create-price", price), 403, "Unauthorized access"));
  Json::Value archive;
  archive["price_id"] = price_id;
  archive["active"] = false;
  EXPECT_TRUE(IsError(user.post("/edit-price", archive), 403, "Unauthorized access"));
  EXPECT_TRUE(IsError(user.post("/delete-price", archive), 403, "Unauthorized access"));
  EXPECT_TRUE(IsError(user.client.post_json("/create-product", product), 403, kCsrfFailed)) << "no CSRF token";
  EXPECT_EQ(stripe.requests_since(before).size(), 0u) << "refused requests never reach Stripe";

  // Reads: any logged-in user, by POST (as the original) or GET.
  EXPECT_TRUE(IsSuccess(user.post("/products"), 200));
  EXPECT_TRUE(IsSuccess(user.get("/products"), 200));
  Json::Value which;
  which["product_id"] = product_id;
  const Response one = user.post("/product", which);
  ASSERT_TRUE(IsSuccess(one, 200));
  EXPECT_EQ((*one.json)["product"]["name"].asString().rfind("ACL product", 0), 0u) << one.describe();
  EXPECT_TRUE(IsSuccess(user.get("/prices-for-product?product_id=" + product_id), 200));
  which["price_id"] = price_id;
  EXPECT_TRUE(IsSuccess(user.post("/price", which), 200));
}

// --- catalogue -------------------------------------------------------------------------------------

TEST_F(BillingTest, CatalogueCrudAsAdminKeepsStripeAndTheLocalCopyInStep) {
  Session admin;
  ASSERT_NO_FATAL_FAILURE(LogInAdmin(admin));
  const std::string name = "Gold " + unique_suffix();
  long long mark = stripe.mark();

  // Create: the product as Stripe made it, with the original's field names.
  Json::Value create;
  create["name"] = name;
  create["description"] = "All the features";
  const Response created = admin.post("/create-product", create);
  ASSERT_TRUE(IsSuccess(created, 201, "Product created"));
  const Json::Value& product = (*created.json)["product"];
  const std::string product_id = product["product_id"].asString();
  EXPECT_EQ(product_id.rfind("prod_", 0), 0u) << created.describe();
  EXPECT_EQ(product["name"], name);
  EXPECT_EQ(product["description"], "All the features");
  EXPECT_EQ(product["active"], true);
  EXPECT_TRUE(product.isMember("created_at"));

  // What Stripe received: form encoding, the secret key as Bearer, an Idempotency-Key.
  const Json::Value sent = stripe.requests_since(mark);
  ASSERT_EQ(sent.size(), 1u);
  EXPECT_EQ(sent[0]["method"], "POST");
  EXPECT_EQ(sent[0]["path"], "/v1/products");
  EXPECT_EQ(sent[0]["authorization"], "Bearer sk_test_t2o_integration");
  EXPECT_EQ(sent[0]["content_type"], "application/x-www-form-urlencoded");
  EXPECT_EQ(sent[0]["stripe_version"], "2024-06-20") << "the API version is pinned";
  EXPECT_TRUE(sent[0]["idempotency_key"].isString() && !sent[0]["idempotency_key"].asString().empty());
  EXPECT_EQ(sent[0]["params"]["name"], name);
  EXPECT_EQ(sent[0]["status"], 200);

  // Edit.
  Json::Value edit;
  edit["product_id"] = product_id;
  edit["name"] = name + " Plus";
  edit["description"] = "";
  const Response edited = admin.post("/edit-product", edit);
  ASSERT_TRUE(IsSuccess(edited, 200, "Product updated"));
  EXPECT_EQ((*edited.json)["product"]["name"], name + " Plus");
  EXPECT_TRUE((*edited.json)["product"]["description"].isNull()) << edited.describe();

  // Prices: dollars in, cents to Stripe, dollars out.
  mark = stripe.mark();
  const std::string monthly = CreatePrice(admin, product_id, "10.99", "month");
  const std::string one_time = CreatePrice(admin, product_id, "0.29");
  const Json::Value price_calls = stripe.requests_since(mark);
  ASSERT_EQ(price_calls.size(), 2u);
  EXPECT_EQ(price_calls[0]["params"]["unit_amount"], "1099");
  EXPECT_EQ(price_calls[0]["params"]["recurring"]["interval"], "month");
  EXPECT_EQ(price_calls[1]["params"]["unit_amount"], "29");
  EXPECT_TRUE(price_calls[1]["params"]["recurring"].isNull());

  Json::Value which;
  which["price_id"] = monthly;
  const Response price = admin.post("/price", which);
  ASSERT_TRUE(IsSuccess(price, 200));
  const Json::Value& p = (*price.json)["price"];
  EXPECT_EQ(member_names(p), (std::set<std::string>{"price_id", "product_id", "unit_amount", "currency", "recurring",
                                                    "type", "nickname", "active", "created_at", "updated_at"}));
  EXPECT_EQ(p["unit_amount"], "10.99");
  EXPECT_EQ(p["currency"], "usd");
  EXPECT_EQ(p["product_id"], product_id);
  EXPECT_EQ(p["recurring"]["interval"], "month");

  // Amounts that are not exact dollars are refused before Stripe hears of them.
  mark = stripe.mark();
  for (const char* bad : {"1e3", "-1", "10.999", "abc"}) {
    Json::Value body;
    body["product_id"] = product_id;
    body["unit_amount"] = bad;
    EXPECT_TRUE(IsError(admin.post("/create-price", body), 400)) << bad;
  }
  EXPECT_EQ(stripe.requests_since(mark).size(), 0u);

  // Lists, by GET and POST.
  Json::Value of_product;
  of_product["product_id"] = product_id;
  const Response listed = admin.post("/prices-for-product", of_product);
  ASSERT_TRUE(IsSuccess(listed, 200));
  std::set<std::string> amounts;
  for (const auto& each : (*listed.json)["prices"]) amounts.insert(each["unit_amount"].asString());
  EXPECT_EQ(amounts, (std::set<std::string>{"10.99", "0.29"}));
  const Response all = admin.get("/prices");
  ASSERT_TRUE(IsSuccess(all, 200));
  std::set<std::string> ids;
  for (const auto& each : (*all.json)["prices"]) ids.insert(each["price_id"].asString());
  EXPECT_TRUE(ids.count(monthly) && ids.count(one_time));

  // Edit a price: only what Stripe lets change.
  Json::Value nickname;
  nickname["price_id"] = monthly;
  nickname["nickname"] = "Monthly";
  const Response renamed = admin.post("/edit-price", nickname);
  ASSERT_TRUE(IsSuccess(renamed, 200, "Price updated"));
  EXPECT_EQ((*renamed.json)["price"]["nickname"], "Monthly");
  Json::Value reprice;
  reprice["price_id"] = monthly;
  reprice["unit_amount"] = "12.00";
  EXPECT_TRUE(IsError(admin.post("/edit-price", reprice), 400));

  // Delete the one-time price (archived at Stripe), then the product (archived: it has prices).
  Json::Value drop;
  drop["price_id"] = one_time;
  EXPECT_TRUE(IsSuccess(admin.post("/delete-price", drop), 200, "Price deleted"));
  EXPECT_TRUE(IsError(admin.post("/price", drop), 404));
  Json::Value drop_product;
  drop_product["product_id"] = product_id;
  const Response deleted = admin.del("/delete-product", drop_product);
  ASSERT_TRUE(IsSuccess(deleted, 200, "Product deleted"));
  EXPECT_EQ((*deleted.json)["archived_at_stripe"], true);
  EXPECT_TRUE(IsError(admin.post("/product", drop_product), 404));
  EXPECT_TRUE(IsError(admin.post("/prices-for-product", drop_product), 404));
  EXPECT_EQ(sql_count("SELECT count(*) FROM billing_prices WHERE product_id = $1", {product_id}), 0);

  // A product without prices is deleted at Stripe outright.
  const std::string bare = CreateProduct(admin, "Bare " + unique_suffix());
  mark = stripe.mark();
  Json::Value drop_bare;
  drop_bare["product_id"] = bare;
  EXPECT_TRUE(IsSuccess(admin.del("/delete-product", drop_bare), 200));
  const Json::Value delete_call = stripe.requests_since(mark);
  ASSERT_EQ(delete_call.size(), 1u);
  EXPECT_EQ(delete_call[0]["method"], "DELETE");
  EXPECT_EQ(delete_call[0]["path"], "/v1/products/" + bare);
}

// --- subscriptions ---------------------------------------------------------------------------------

TEST_F(BillingTest, SubscribeUpgradePauseResumeCancelAndDelete) {
  Session admin, user, other;
  Identity id, other_id;
  ASSERT_NO_FATAL_FAILURE(LogInAdmin(admin));
  ASSERT_NO_FATAL_FAILURE(NewUser(user, id, "bilsub"));
  ASSERT_NO_FATAL_FAILURE(NewUser(other, other_id, "bilsub2"));
  const std::string product_id = CreateProduct(admin, "Plans " + unique_suffix());
  const std::string basic = CreatePrice(admin, product_id, "9.99", "month");
  const std::string pro = CreatePrice(admin, product_id, "19.99", "month");
  const long long mark = stripe.mark();

  // Subscribe (with a trial), then a second one without: it waits for the first payment.
  Json::Value subscribe;
  subscribe["price_id"] = basic;
  subscribe["trial_period_days"] = 7;
  const Response created = user.post("/create-subscription", subscribe);
  ASSERT_TRUE(IsSuccess(created, 201, "Subscription created"));
  const Json::Value subscription = (*created.json)["subscription"];
  const std::string subscription_id = subscription["subscription_id"].asString();
  EXPECT_EQ(subscription_id.rfind("sub_", 0), 0u);
  EXPECT_EQ(subscription["status"], "trialing");
  EXPECT_EQ(subscription["price_id"], basic);
  EXPECT_TRUE(subscription["trial_end"].isString());
  EXPECT_TRUE(subscription["current_period_end"].isString());
  for (const char* field : {"subscription_id", "user_id", "price_id", "status", "current_period_end", "trial_end"}) {
    EXPECT_TRUE(subscription.isMember(field)) << field;
  }

  Json::Value second;
  second["price_id"] = pro;
  const Response incomplete = user.post("/create-subscription", second);
  ASSERT_TRUE(IsSuccess(incomplete, 201));
  EXPECT_EQ((*incomplete.json)["subscription"]["status"], "incomplete");
  EXPECT_TRUE((*incomplete.json)["client_secret"].isString()) << incomplete.describe();
  const std::string second_id = (*incomplete.json)["subscription"]["subscription_id"].asString();

  // One Stripe customer for the user, created on the first subscription.
  int customers = 0;
  for (const auto& call : stripe.requests_since(mark)) {
    if (call["path"] == "/v1/customers") {
      ++customers;
      EXPECT_EQ(call["params"]["email"], id.email);
    }
    if (call["path"] == "/v1/subscriptions") {
      EXPECT_TRUE(call["idempotency_key"].isString());
    }
  }
  EXPECT_EQ(customers, 1);

  // Without subscription_id the choice is ambiguous now.
  EXPECT_TRUE(IsError(user.post("/deactivate-subscription"), 400));

  // Upgrade, pause, resume.
  Json::Value upgrade;
  upgrade["subscription_id"] = subscription_id;
  upgrade["new_price_id"] = pro;
  const Response upgraded = user.post("/update-subscription", upgrade);
  ASSERT_TRUE(IsSuccess(upgraded, 200, "Subscription updated"));
  EXPECT_EQ((*upgraded.json)["subscription"]["price_id"], pro);

  Json::Value target;
  target["subscription_id"] = subscription_id;
  const Response paused = user.post("/deactivate-subscription", target);
  ASSERT_TRUE(IsSuccess(paused, 200, "Subscription paused"));
  EXPECT_EQ((*paused.json)["subscription"]["paused"], true);
  EXPECT_EQ(Subscription(user, subscription_id)["paused"], true);
  const Response resumed = user.post("/reactivate-subscription", target);
  ASSERT_TRUE(IsSuccess(resumed, 200, "Subscription resumed"));
  EXPECT_EQ((*resumed.json)["subscription"]["paused"], false);

  // Someone else's subscriptions: refused without manage_users, allowed to the admin.
  EXPECT_TRUE(IsError(other.post("/subscription", target), 403, "Unauthorized access"));
  EXPECT_TRUE(IsError(other.post("/cancel-subscription", target), 403, "Unauthorized access"));
  Json::Value by_email;
  by_email["email"] = id.email;
  EXPECT_TRUE(IsError(other.post("/user-subscriptions", by_email), 403, "Unauthorized access"));
  EXPECT_TRUE(IsError(other.get("/subscriptions"), 403, "Unauthorized access"));
  const Response others_own = other.get("/user-subscriptions");
  ASSERT_TRUE(IsSuccess(others_own, 200));
  EXPECT_EQ((*others_own.json)["subscriptions"].size(), 0u);
  const Response for_admin = admin.post("/user-subscriptions", by_email);
  ASSERT_TRUE(IsSuccess(for_admin, 200));
  EXPECT_EQ((*for_admin.json)["subscriptions"].size(), 2u);
  const Response everything = admin.get("/subscriptions");
  ASSERT_TRUE(IsSuccess(everything, 200));
  std::set<std::string> all_ids;
  for (const auto& each : (*everything.json)["subscriptions"]) all_ids.insert(each["subscription_id"].asString());
  EXPECT_TRUE(all_ids.count(subscription_id) && all_ids.count(second_id));

  // Cancel (Stripe DELETE), then cancel again: nothing left to cancel.
  const Response canceled = user.post("/cancel-subscription", target);
  ASSERT_TRUE(IsSuccess(canceled, 200, "Subscription canceled"));
  EXPECT_EQ((*canceled.json)["subscription"]["status"], "canceled");
  EXPECT_TRUE((*canceled.json)["subscription"]["canceled_at"].isString());
  EXPECT_TRUE(IsError(user.post("/cancel-subscription", target), 409));

  // Only one live subscription is left, so it needs no id; delete it (canceled at Stripe).
  const long long before_delete = stripe.mark();
  EXPECT_TRUE(IsSuccess(user.client.del("/delete-subscription", "{}", "application/json", user.csrf_header()), 200,
                        "Subscription deleted"));
  bool canceled_at_stripe = false;
  for (const auto& call : stripe.requests_since(before_delete)) {
    canceled_at_stripe |= call["method"] == "DELETE" && call["path"] == "/v1/subscriptions/" + second_id;
  }
  EXPECT_TRUE(canceled_at_stripe);
  EXPECT_TRUE(IsSuccess(user.post("/delete-subscription", target), 200)) << "a canceled one is simply forgotten";
  const Response left = user.post("/user-subscriptions");
  ASSERT_TRUE(IsSuccess(left, 200));
  EXPECT_EQ((*left.json)["subscriptions"].size(), 0u) << left.describe();
}

// --- checkout --------------------------------------------------------------------------------------

TEST_F(BillingTest, CheckoutSuccessRecordsTheOrderOnce) {
  Session admin, user;
  Identity id;
  ASSERT_NO_FATAL_FAILURE(LogInAdmin(admin));
  ASSERT_NO_FATAL_FAILURE(NewUser(user, id, "bilchk"));
  const std::string product_id = CreateProduct(admin, "Ebook " + unique_suffix());
  const std::string price_id = CreatePrice(admin, product_id, "4.99");

  Json::Value checkout;
  checkout["price_id"] = price_id;
  checkout["quantity"] = 2;
  const long long mark = stripe.mark();
  const Response session = user.post("/create-checkout-session", checkout);
  ASSERT_TRUE(IsSuccess(session, 200));
  const std::string url = (*session.json)["checkout_url"].asString();
  const std::string session_id = (*session.json)["session_id"].asString();
  EXPECT_EQ(url.rfind("https://checkout.stripe.com/", 0), 0u) << session.describe();
  const Json::Value calls = stripe.requests_since(mark);
  ASSERT_EQ(calls.size(), 1u);
  EXPECT_EQ(calls[0]["params"]["mode"], "payment");
  EXPECT_EQ(calls[0]["params"]["line_items"][0]["quantity"], "2");
  const std::string success_url = calls[0]["params"]["success_url"].asString();
  // Stripe sends the customer back to the dashboard's pages, which call the API.
  EXPECT_EQ(success_url, env().base_url + "/app/billing/checkout-success?session_id={CHECKOUT_SESSION_ID}");
  EXPECT_EQ(calls[0]["params"]["cancel_url"].asString(), env().base_url + "/app/billing/checkout-cancel");

  // Not paid yet: nothing to record.
  EXPECT_TRUE(IsError(user.get("/checkout-success?session_id=" + session_id), 400));
  stripe.complete_checkout(session_id);

  // Stripe sends the browser back, twice (a reload): one order.
  Client browser;  // the return needs no session: the order comes from Stripe's session
  const Response first = browser.get("/checkout-success?session_id=" + session_id);
  ASSERT_TRUE(IsSuccess(first, 200, "Payment successful"));
  const Json::Value& order = (*first.json)["order"];
  EXPECT_EQ(order["checkout_session_id"], session_id);
  EXPECT_EQ(order["amount_total"], "9.98");
  EXPECT_EQ(order["quantity"], 2);
  EXPECT_EQ(order["price_id"], price_id);
  EXPECT_EQ(order["payment_status"], "paid");
  const Response second = user.get("/checkout-success?session_id=" + session_id);
  ASSERT_TRUE(IsSuccess(second, 200));
  EXPECT_EQ((*second.json)["order"]["order_id"], order["order_id"]);
  EXPECT_EQ(sql_count("SELECT count(*) FROM billing_orders WHERE checkout_session_id = $1", {session_id}),
            1);

  // The checkout.session.completed webhook for the same session adds nothing either.
  Json::Value paid = stripe.complete_checkout(session_id)["session"];
  const std::string payload = json_text(stripe_event("evt_cs_" + unique_suffix(), "checkout.session.completed", paid));
  EXPECT_TRUE(IsSuccess(SendWebhook(payload, stripe_signature(payload, std::time(nullptr), webhook_secret)), 200));
  EXPECT_EQ(sql_count("SELECT count(*) FROM billing_orders WHERE checkout_session_id = $1", {session_id}),
            1);

  EXPECT_TRUE(IsError(user.get("/checkout-success?session_id=cs_test_unknown"), 502)) << "Stripe: no such session";
  EXPECT_TRUE(IsError(user.get("/checkout-success?session_id=../v1/customers"), 400));
  EXPECT_TRUE(IsSuccess(user.get("/checkout-cancel"), 200, "Payment canceled"));
}

TEST_F(BillingTest, SubscriptionCheckoutArrivesThroughTheWebhook) {
  Session admin, user;
  Identity id;
  ASSERT_NO_FATAL_FAILURE(LogInAdmin(admin));
  ASSERT_NO_FATAL_FAILURE(NewUser(user, id, "bilchs"));
  const std::string product_id = CreateProduct(admin, "Club " + unique_suffix());
  const std::string price_id = CreatePrice(admin, product_id, "3.00", "week");

  Json::Value checkout;
  checkout["price_id"] = price_id;
  const Response session = user.post("/create-checkout-session", checkout);
  ASSERT_TRUE(IsSuccess(session, 200));
  const Json::Value paid = stripe.complete_checkout((*session.json)["session_id"].asString());
  ASSERT_TRUE(paid["subscription"].isObject()) << json_text(paid);

  const std::string payload =
      json_text(stripe_event("evt_sub_" + unique_suffix(), "customer.subscription.created", paid["subscription"]));
  ASSERT_TRUE(IsSuccess(SendWebhook(payload, stripe_signature(payload, std::time(nullptr), webhook_secret)), 200));
  const Response mine = user.get("/user-subscriptions");
  ASSERT_TRUE(IsSuccess(mine, 200));
  ASSERT_EQ((*mine.json)["subscriptions"].size(), 1u) << mine.describe();
  EXPECT_EQ((*mine.json)["subscriptions"][0]["subscription_id"], paid["subscription"]["id"]);
  EXPECT_EQ((*mine.json)["subscriptions"][0]["status"], "active");
  EXPECT_EQ((*mine.json)["subscriptions"][0]["price_id"], price_id);
}

// --- webhook -----------------------------------------------------------------------------------------

TEST_F(BillingTest, WebhookNeedsAValidFreshSignatureAndIgnoresReplays) {
  Session admin, user;
  Identity id;
  ASSERT_NO_FATAL_FAILURE(LogInAdmin(admin));
  ASSERT_NO_FATAL_FAILURE(NewUser(user, id, "bilwh"));
  const std::string product_id = CreateProduct(admin, "Hooks " + unique_suffix());
  const std::string price_id = CreatePrice(admin, product_id, "1.00", "month");
  Json::Value subscribe;
  subscribe["price_id"] = price_id;
  const Response created = user.post("/create-subscription", subscribe);
  ASSERT_TRUE(IsSuccess(created, 201));
  const Json::Value local = (*created.json)["subscription"];
  const std::string subscription_id = local["subscription_id"].asString();
  ASSERT_EQ(local["status"], "incomplete");

  // Stripe's subscription object after the customer failed to pay.
  Json::Value object;
  object["id"] = subscription_id;
  object["object"] = "subscription";
  object["customer"] = local["customer_id"];
  object["status"] = "past_due";
  object["cancel_at_period_end"] = false;
  object["current_period_end"] = static_cast<Json::Int64>(std::time(nullptr) + 30 * 86400);
  object["pause_collection"] = Json::Value();
  object["items"]["data"][0]["id"] = "si_webhook";
  object["items"]["data"][0]["price"]["id"] = price_id;
  object["items"]["data"][0]["quantity"] = 1;
  const std::string event_id = "evt_wh_" + unique_suffix();
  const std::string payload = json_text(stripe_event(event_id, "customer.subscription.updated", object));
  const std::time_t now = std::time(nullptr);

  // Bad signatures: 400, nothing changes.
  EXPECT_TRUE(IsError(SendWebhook(payload, stripe_signature(payload, now, "whsec_wrong")), 400,
                      "Invalid webhook signature"));
  EXPECT_TRUE(IsError(SendWebhook(payload + " ", stripe_signature(payload, now, webhook_secret)), 400,
                      "Invalid webhook signature"));
  EXPECT_TRUE(IsError(SendWebhook(payload, stripe_signature(payload, now - 600, webhook_secret)), 400,
                      "Webhook timestamp is outside the tolerance"));
  EXPECT_TRUE(IsError(SendWebhook(payload, ""), 400, "Malformed Stripe-Signature header"));
  EXPECT_TRUE(IsError(SendWebhook(payload, "t=" + std::to_string(now) + ",v1=nothex"), 400));
  EXPECT_EQ(Subscription(user, subscription_id)["status"], "incomplete");
  EXPECT_EQ(sql_count("SELECT count(*) FROM billing_webhook_events WHERE event_id = $1", {event_id}), 0);

  // Good: applied. Several v1 values (a secret roll) with one right is good too.
  const std::string good = stripe_signature(payload, now, webhook_secret);
  const Response accepted =
      SendWebhook(payload, "t=" + std::to_string(now) + ",v1=" + std::string(64, '0') + "," + good.substr(good.find("v1=")));
  ASSERT_TRUE(IsSuccess(accepted, 200));
  EXPECT_EQ((*accepted.json)["duplicate"], false);
  EXPECT_EQ(Subscription(user, subscription_id)["status"], "past_due");

  // Replay of the same event id, even with other content and a fresh signature: no change.
  object["status"] = "active";
  const std::string replay = json_text(stripe_event(event_id, "customer.subscription.updated", object));
  const Response replayed = SendWebhook(replay, stripe_signature(replay, std::time(nullptr), webhook_secret));
  ASSERT_TRUE(IsSuccess(replayed, 200));
  EXPECT_EQ((*replayed.json)["duplicate"], true);
  EXPECT_EQ(Subscription(user, subscription_id)["status"], "past_due");

  // invoice.paid brings it back to active.
  Json::Value invoice;
  invoice["id"] = "in_" + unique_suffix();
  invoice["object"] = "invoice";
  invoice["subscription"] = subscription_id;
  const std::string paid = json_text(stripe_event("evt_inv_" + unique_suffix(), "invoice.paid", invoice));
  ASSERT_TRUE(IsSuccess(SendWebhook(paid, stripe_signature(paid, std::time(nullptr), webhook_secret)), 200));
  EXPECT_EQ(Subscription(user, subscription_id)["status"], "active");
  const std::string failed = json_text(stripe_event("evt_inv_" + unique_suffix(), "invoice.payment_failed", invoice));
  ASSERT_TRUE(IsSuccess(SendWebhook(failed, stripe_signature(failed, std::time(nullptr), webhook_secret)), 200));
  EXPECT_EQ(Subscription(user, subscription_id)["status"], "past_due");
}

// --- Stripe failing ---------------------------------------------------------------------------------

TEST_F(BillingTest, StripeFailingIs502WithItsMessageAndChangesNothing) {
  Session admin, user;
  Identity id;
  ASSERT_NO_FATAL_FAILURE(LogInAdmin(admin));
  ASSERT_NO_FATAL_FAILURE(NewUser(user, id, "bilfail"));
  const std::string product_id = CreateProduct(admin, "Fragile " + unique_suffix());
  const std::string price_id = CreatePrice(admin, product_id, "2.50", "month");
  const long long products_before = sql_count("SELECT count(*) FROM billing_products");
  const long long prices_before = sql_count("SELECT count(*) FROM billing_prices");

  stripe.fail_next(1, 500, "Simulated Stripe outage");
  Json::Value create;
  create["name"] = "Never made";
  EXPECT_TRUE(IsError(admin.post("/create-product", create), 502, "Simulated Stripe outage"));
  EXPECT_EQ(sql_count("SELECT count(*) FROM billing_products"), products_before);

  stripe.fail_next(1, 402, "Your card was declined.");
  Json::Value rename;
  rename["product_id"] = product_id;
  rename["name"] = "Renamed";
  EXPECT_TRUE(IsError(admin.post("/edit-product", rename), 502, "Your card was declined."));
  Json::Value which;
  which["product_id"] = product_id;
  const Response unchanged = admin.post("/product", which);
  ASSERT_TRUE(IsSuccess(unchanged, 200));
  EXPECT_EQ((*unchanged.json)["product"]["name"].asString().rfind("Fragile", 0), 0u);

  stripe.fail_next(1, 500, "Price service down");
  Json::Value price;
  price["product_id"] = product_id;
  price["unit_amount"] = "1.00";
  EXPECT_TRUE(IsError(admin.post("/create-price", price), 502, "Price service down"));
  stripe.fail_next(1, 500, "Archive failed");
  Json::Value drop;
  drop["price_id"] = price_id;
  EXPECT_TRUE(IsError(admin.post("/delete-price", drop), 502, "Archive failed"));
  EXPECT_EQ(sql_count("SELECT count(*) FROM billing_prices"), prices_before);
  stripe.fail_next(1, 500, "Delete failed");
  EXPECT_TRUE(IsError(admin.del("/delete-product", which), 502, "Delete failed"));
  EXPECT_TRUE(IsSuccess(admin.post("/product", which), 200)) << "a failed delete leaves the product";
  EXPECT_EQ(sql_count("SELECT count(*) FROM billing_prices"), prices_before);

  // Subscribing: the customer creation fails -> no customer, no subscription here.
  stripe.fail_next(1, 500, "Customers unavailable");
  Json::Value subscribe;
  subscribe["price_id"] = price_id;
  EXPECT_TRUE(IsError(user.post("/create-subscription", subscribe), 502, "Customers unavailable"));
  EXPECT_EQ(sql_count("SELECT count(*) FROM billing_customers c JOIN users u ON u.id = c.user_id WHERE u.username = $1",
                      {id.username}),
            0);
  const Response none = user.get("/user-subscriptions");
  ASSERT_TRUE(IsSuccess(none, 200));
  EXPECT_EQ((*none.json)["subscriptions"].size(), 0u);

  // A live subscription survives a failed cancel.
  const Response created = user.post("/create-subscription", subscribe);
  ASSERT_TRUE(IsSuccess(created, 201));
  const std::string subscription_id = (*created.json)["subscription"]["subscription_id"].asString();
  stripe.fail_next(2, 503, "Try again later");
  Json::Value target;
  target["subscription_id"] = subscription_id;
  EXPECT_TRUE(IsError(user.post("/cancel-subscription", target), 502, "Try again later"));
  EXPECT_TRUE(IsError(user.post("/deactivate-subscription", target), 502, "Try again later"));
  const Json::Value after = Subscription(user, subscription_id);
  EXPECT_EQ(after["status"], "incomplete");
  EXPECT_EQ(after["paused"], false);

  stripe.fail_next(1, 500, "Checkout down");
  Json::Value checkout;
  checkout["price_id"] = price_id;
  EXPECT_TRUE(IsError(user.post("/create-checkout-session", checkout), 502, "Checkout down"));
}

}  // namespace
}  // namespace t2o::it
