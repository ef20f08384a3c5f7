#!/usr/bin/python3
"""A fake Stripe API for the billing tests, on loopback only.

It answers the endpoints t2o-billing uses with objects shaped like Stripe's (API version
2024-06-20), and it is strict where Stripe is strict, so an encoding mistake in the handler
fails here the way it would against Stripe:

  POST   /v1/products                 POST /v1/products/{id}       GET /v1/products/{id}
  DELETE /v1/products/{id}            (refused while the product has prices)
  POST   /v1/prices                   POST /v1/prices/{id}         GET /v1/prices/{id}
  POST   /v1/customers                GET  /v1/customers/{id}
  POST   /v1/subscriptions            POST /v1/subscriptions/{id}  GET /v1/subscriptions/{id}
  DELETE /v1/subscriptions/{id}       (cancels)
  POST   /v1/checkout/sessions        GET  /v1/checkout/sessions/{id}

Every /v1 call needs "Authorization: Bearer <secret key>" (else 401 with Stripe's error
JSON); POST bodies must be application/x-www-form-urlencoded with Stripe's bracketed keys
(items[0][price]=...); unknown parameters are refused ("Received unknown parameter: x").
Creates need an Idempotency-Key; the same key with the same request replays the first
answer (header Idempotent-Replayed: true), with a different request it is an
idempotency_error.

Control endpoints for the tests (no key needed):
  GET  /__requests[?since=N]   recorded /v1 calls: {"requests": [...], "next": N}
  POST /__fail                 {"count": N, "status": 500, "message": "...", "type": "api_error"}:
                               the next N /v1 calls fail with that Stripe error
  POST /__reset                forget everything (objects, requests, keys, failures)
  POST /__checkout/complete    {"session_id": "cs_..."}: the customer paid; returns the session
                               (and for subscription mode creates the subscription)

Port: --port or $T2O_FAKE_STRIPE_PORT. Key: --secret-key or $STRIPE_SECRET_KEY.
Runs with Debian's /usr/bin/python3 and the standard library only.
"""

import argparse
import json
import os
import re
import secrets
import sys
import threading
import time
import urllib.parse
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

DEFAULT_KEY = "sk_test_t2o_integration"
INTERVALS = ("day", "week", "month", "year")
PERIOD_SECONDS = {"day": 86400, "week": 7 * 86400, "month": 30 * 86400, "year": 365 * 86400}


class StripeFailure(Exception):
    """An error answer in Stripe's shape."""

    def __init__(self, status, message, error_type="invalid_request_error", code=None, param=None):
        super().__init__(message)
        self.status = status
        self.message = message
        self.error_type = error_type
        self.code = code
        self.param = param

    def body(self):
        error = {"message": self.message, "type": self.error_type}
        if self.code:
            error["code"] = self.code
        if self.param:
            error["param"] = self.param
        return {"error": error}


def new_id(prefix):
    return prefix + secrets.token_hex(12)


def now():
    return int(time.time())


# --- form decoding -----------------------------------------------------------------------

KEY_PATTERN = re.compile(r"^([A-Za-z0-9_]+)((?:\[[A-Za-z0-9_.\-]*\])*)$")


def decode_form(body):
    """Stripe's encoding: a[b]=1&c[0][d]=2 -> {"a": {"b": "1"}, "c": [{"d": "2"}]}."""
    if not body:
        return {}
    try:
        pairs = urllib.parse.parse_qsl(body, keep_blank_values=True, strict_parsing=True, errors="strict")
    except (ValueError, UnicodeDecodeError) as error:
        raise StripeFailure(400, "Invalid request body: %s" % error)
    root = {}
    for key, value in pairs:
        match = KEY_PATTERN.match(key)
        if not match:
            raise StripeFailure(400, "Invalid parameter name: %s" % key)
        parts = [match.group(1)] + re.findall(r"\[([^\]]*)\]", match.group(2))
        node = root
        for depth, part in enumerate(parts):
            last = depth == len(parts) - 1
            if part == "":  # key[]=v appends
                part = str(len(node))
            if last:
                if part in node:
                    raise StripeFailure(400, "Duplicate parameter: %s" % key)
                node[part] = value
            else:
                child = node.setdefault(part, {})
                if not isinstance(child, dict):
                    raise StripeFailure(400, "Invalid parameter: %s is both a value and a hash" % key)
                node = child
    return to_lists(root, "")


def to_lists(node, path):
    """Hashes whose keys are 0..n-1 become lists, as Stripe reads indexed keys."""
    if not isinstance(node, dict):
        return node
    converted = {key: to_lists(value, "%s[%s]" % (path, key) if path else key) for key, value in node.items()}
    if converted and all(key.isdigit() for key in converted):
        indexes = sorted(int(key) for key in converted)
        if indexes != list(range(len(indexes))):
            raise StripeFailure(400, "Invalid array: %s must be indexed from 0 without gaps" % (path or "body"))
        return [converted[str(index)] for index in indexes]
    return converted


# --- parameter checks --------------------------------------------------------------------

def allow_only(params, allowed, prefix=""):
    for key in params:
        if key not in allowed:
            raise StripeFailure(400, "Received unknown parameter: %s%s" % (prefix, key), param=prefix + key)


def text(params, name, required=False):
    value = params.get(name)
    if value is None:
        if required:
            raise StripeFailure(400, "Missing required param: %s." % name, code="parameter_missing", param=name)
        return None
    if not isinstance(value, str):
        raise StripeFailure(400, "Invalid string: %s" % name, param=name)
    return value


def integer(params, name, required=False, minimum=None):
    value = text(params, name, required)
    if value is None:
        return None
    if not re.fullmatch(r"-?[0-9]+", value):
        raise StripeFailure(400, "Invalid integer: %s" % value, param=name)
    number = int(value)
    if minimum is not None and number < minimum:
        raise StripeFailure(400, "Invalid %s: must be at least %d" % (name, minimum), param=name)
    return number


def boolean(params, name):
    value = text(params, name)
    if value is None:
        return None
    if value not in ("true", "false"):
        raise StripeFailure(400, "Invalid boolean: %s" % value, param=name)
    return value == "true"


def hash_param(params, name):
    value = params.get(name)
    if value is None:
        return None
    if not isinstance(value, dict):
        raise StripeFailure(400, "Invalid object: %s" % name, param=name)
    return value


def list_param(params, name):
    value = params.get(name)
    if value is None:
        return None
    if not isinstance(value, list):
        raise StripeFailure(400, "Invalid array: %s" % name, param=name)
    return value


def metadata(params):
    value = hash_param(params, "metadata")
    if value is None:
        return {}
    for key, item in value.items():
        if not isinstance(item, str):
            raise StripeFailure(400, "Invalid metadata[%s]: values must be strings" % key, param="metadata")
    return dict(value)


def expand(params):
    value = list_param(params, "expand") or []
    for item in value:
        if not isinstance(item, str):
            raise StripeFailure(400, "Invalid array: expand", param="expand")
    return value


# --- the fake account ----------------------------------------------------------------------

class FakeStripe:
    def __init__(self, secret_key):
        self.secret_key = secret_key
        self.lock = threading.Lock()
        self.reset()

    def reset(self):
        self.products = {}
        self.prices = {}
        self.customers = {}
        self.subscriptions = {}
        self.sessions = {}
        self.invoices = {}
        self.requests = []
        self.idempotent = {}  # key -> (method, path, body, status, answer)
        self.failures = []  # pending injected failures

    # -- lookups --

    def find(self, store, kind, object_id):
        if object_id not in store:
            raise StripeFailure(404, "No such %s: '%s'" % (kind, object_id), code="resource_missing", param="id")
        return store[object_id]

    def retrieve(self, store, kind, object_id, params):
        allow_only(params, {"expand"})
        return 200, self.find(store, kind, object_id)

    def price_for_item(self, price_id, param):
        price = self.prices.get(price_id)
        if price is None:
            raise StripeFailure(400, "No such price: '%s'" % price_id, code="resource_missing", param=param)
        if not price["active"]:
            raise StripeFailure(400, "The price specified is inactive. This field only accepts active prices.",
                                param=param)
        return price

    # -- products --

    def create_product(self, params):
        allow_only(params, {"name", "description", "active", "metadata", "expand"})
        name = text(params, "name", required=True)
        description = text(params, "description")
        if description == "":
            raise StripeFailure(400, "You passed an empty string for 'description'. We assume empty values are an "
                                     "attempt to unset a parameter; however 'description' cannot be unset.",
                                param="description")
        active = boolean(params, "active")
        product = {
            "id": new_id("prod_"), "object": "product", "active": True if active is None else active,
            "created": now(), "default_price": None, "description": description, "images": [],
            "livemode": False, "metadata": metadata(params), "name": name, "type": "service",
            "updated": now(), "url": None,
        }
        self.products[product["id"]] = product
        return 200, product

    def update_product(self, product_id, params):
        product = self.find(self.products, "product", product_id)
        allow_only(params, {"name", "description", "active", "metadata", "expand"})
        if "name" in params:
            name = text(params, "name")
            if not name:
                raise StripeFailure(400, "You cannot unset 'name'.", param="name")
            product["name"] = name
        if "description" in params:
            product["description"] = text(params, "description") or None
        if "active" in params:
            product["active"] = boolean(params, "active")
        product["metadata"].update(metadata(params))
        product["updated"] = now()
        return 200, product

    def delete_product(self, product_id):
        self.find(self.products, "product", product_id)
        if any(price["product"] == product_id for price in self.prices.values()):
            raise StripeFailure(400, "This product cannot be deleted because it has one or more user-created prices.")
        del self.products[product_id]
        return 200, {"id": product_id, "object": "product", "deleted": True}

    # -- prices --

    def create_price(self, params):
        allow_only(params, {"product", "unit_amount", "currency", "recurring", "nickname", "active", "metadata",
                            "lookup_key", "tax_behavior", "expand"})
        product_id = text(params, "product", required=True)
        if product_id not in self.products:
            raise StripeFailure(400, "No such product: '%s'" % product_id, code="resource_missing", param="product")
        unit_amount = integer(params, "unit_amount", required=True, minimum=0)
        if unit_amount > 99999999:
            raise StripeFailure(400, "This value must be less than or equal to 99999999.", param="unit_amount")
        currency = text(params, "currency", required=True)
        if not re.fullmatch(r"[a-z]{3}", currency):
            raise StripeFailure(400, "Invalid currency: %s." % currency, param="currency")
        recurring = hash_param(params, "recurring")
        recurring_object = None
        if recurring is not None:
            allow_only(recurring, {"interval", "interval_count", "usage_type"}, "recurring[")
            interval = text(recurring, "interval", required=True)
            if interval not in INTERVALS:
                raise StripeFailure(400, "Invalid recurring[interval]: must be one of day, week, month, or year",
                                    param="recurring[interval]")
            count = integer(recurring, "interval_count", minimum=1) or 1
            recurring_object = {"aggregate_usage": None, "interval": interval, "interval_count": count,
                                "meter": None, "trial_period_days": None, "usage_type": "licensed"}
        active = boolean(params, "active")
        price = {
            "id": new_id("price_"), "object": "price", "active": True if active is None else active,
            "billing_scheme": "per_unit", "created": now(), "currency": currency, "custom_unit_amount": None,
            "livemode": False, "lookup_key": text(params, "lookup_key"), "metadata": metadata(params),
            "nickname": text(params, "nickname"), "product": product_id, "recurring": recurring_object,
            "tax_behavior": "unspecified", "tiers_mode": None, "transform_quantity": None,
            "type": "recurring" if recurring_object else "one_time",
            "unit_amount": unit_amount, "unit_amount_decimal": str(unit_amount),
        }
        self.prices[price["id"]] = price
        return 200, price

    def update_price(self, price_id, params):
        price = self.find(self.prices, "price", price_id)
        # Stripe prices are immutable apart from these.
        allow_only(params, {"active", "nickname", "metadata", "lookup_key", "tax_behavior", "expand"})
        if "active" in params:
            price["active"] = boolean(params, "active")
        if "nickname" in params:
            price["nickname"] = text(params, "nickname") or None
        price["metadata"].update(metadata(params))
        return 200, price

    # -- customers --

    def create_customer(self, params):
        allow_only(params, {"email", "name", "description", "metadata", "expand"})
        customer = {
            "id": new_id("cus_"), "object": "customer", "created": now(), "description": text(params, "description"),
            "email": text(params, "email"), "livemode": False, "metadata": metadata(params),
            "name": text(params, "name"),
        }
        self.customers[customer["id"]] = customer
        return 200, customer

    # -- subscriptions --

    def new_invoice(self, subscription, status):
        intent = {"id": new_id("pi_"), "object": "payment_intent",
                  "status": "requires_payment_method" if status == "incomplete" else "succeeded"}
        intent["client_secret"] = intent["id"] + "_secret_" + secrets.token_hex(8)
        invoice = {"id": new_id("in_"), "object": "invoice", "customer": subscription["customer"],
                   "subscription": subscription["id"], "status": "open" if status == "incomplete" else "paid",
                   "payment_intent": intent}
        self.invoices[invoice["id"]] = invoice
        return invoice["id"]

    def make_subscription(self, customer_id, price, quantity, meta, status, trial_days=None):
        created = now()
        trial_end = created + trial_days * 86400 if trial_days else None
        period_end = trial_end or created + PERIOD_SECONDS[price["recurring"]["interval"]] * \
            price["recurring"]["interval_count"]
        subscription = {
            "id": new_id("sub_"), "object": "subscription", "billing_cycle_anchor": period_end,
            "cancel_at": None, "cancel_at_period_end": False, "canceled_at": None, "collection_method":
            "charge_automatically", "created": created, "currency": price["currency"],
            "current_period_end": period_end, "current_period_start": created, "customer": customer_id,
            "ended_at": None, "latest_invoice": None, "livemode": False, "metadata": meta,
            "pause_collection": None, "start_date": created, "status": status,
            "trial_end": trial_end, "trial_start": created if trial_end else None,
        }
        item = {"id": new_id("si_"), "object": "subscription_item", "created": created, "metadata": {},
                "price": price, "quantity": quantity, "subscription": subscription["id"]}
        subscription["items"] = {"object": "list", "data": [item], "has_more": False, "total_count": 1,
                                 "url": "/v1/subscription_items?subscription=" + subscription["id"]}
        subscription["latest_invoice"] = self.new_invoice(subscription, status)
        self.subscriptions[subscription["id"]] = subscription
        return subscription

    def expanded(self, subscription, expansions):
        answer = json.loads(json.dumps(subscription))
        for path in expansions:
            if path not in ("latest_invoice", "latest_invoice.payment_intent"):
                raise StripeFailure(400, "This property cannot be expanded (%s)." % path, param="expand")
            invoice = dict(self.invoices[subscription["latest_invoice"]])
            if path == "latest_invoice":
                invoice["payment_intent"] = invoice["payment_intent"]["id"]
            answer["latest_invoice"] = invoice
        return answer

    def create_subscription(self, params):
        allow_only(params, {"customer", "items", "metadata", "trial_period_days", "payment_behavior",
                            "payment_settings", "expand", "proration_behavior", "default_payment_method"})
        customer_id = text(params, "customer", required=True)
        if customer_id not in self.customers:
            raise StripeFailure(400, "No such customer: '%s'" % customer_id, code="resource_missing", param="customer")
        items = list_param(params, "items")
        if not items:
            raise StripeFailure(400, "Missing required param: items.", code="parameter_missing", param="items")
        if len(items) != 1 or not isinstance(items[0], dict):
            raise StripeFailure(400, "The fake supports exactly one item: items[0][price]", param="items")
        allow_only(items[0], {"price", "quantity"}, "items[0][")
        price = self.price_for_item(text(items[0], "price", required=True), "items[0][price]")
        if price["type"] != "recurring":
            raise StripeFailure(400, "The price specified is set to `type=one_time` but this field only accepts "
                                     "prices with `type=recurring`.", param="items[0][price]")
        quantity = integer(items[0], "quantity", minimum=1) or 1
        trial_days = integer(params, "trial_period_days", minimum=1)
        behavior = text(params, "payment_behavior") or "allow_incomplete"
        if behavior not in ("allow_incomplete", "default_incomplete", "error_if_incomplete", "pending_if_incomplete"):
            raise StripeFailure(400, "Invalid payment_behavior: %s" % behavior, param="payment_behavior")
        settings = hash_param(params, "payment_settings")
        if settings is not None:
            allow_only(settings, {"save_default_payment_method", "payment_method_types"}, "payment_settings[")
            if text(settings, "save_default_payment_method") not in (None, "off", "on_subscription"):
                raise StripeFailure(400, "Invalid payment_settings[save_default_payment_method]",
                                    param="payment_settings[save_default_payment_method]")
        expansions = expand(params)
        if trial_days:
            status = "trialing"
        elif behavior == "default_incomplete":
            status = "incomplete"  # until the client confirms the first invoice's PaymentIntent
        else:
            status = "active"
        subscription = self.make_subscription(customer_id, price, quantity, metadata(params), status, trial_days)
        return 200, self.expanded(subscription, expansions)

    def update_subscription(self, subscription_id, params):
        subscription = self.find(self.subscriptions, "subscription", subscription_id)
        allow_only(params, {"items", "proration_behavior", "pause_collection", "cancel_at_period_end", "metadata",
                            "expand", "trial_end", "payment_behavior"})
        if subscription["status"] in ("canceled", "incomplete_expired"):
            raise StripeFailure(400, "A canceled subscription can only update its cancellation_details and metadata.")
        items = list_param(params, "items")
        if items is not None:
            if len(items) != 1 or not isinstance(items[0], dict):
                raise StripeFailure(400, "The fake supports exactly one item", param="items")
            allow_only(items[0], {"id", "price", "quantity"}, "items[0][")
            item = subscription["items"]["data"][0]
            item_id = text(items[0], "id")
            if item_id is None:
                raise StripeFailure(400, "Adding a second item is not supported by the fake; pass items[0][id]",
                                    param="items[0][id]")
            if item_id != item["id"]:
                raise StripeFailure(400, "No such subscription item: '%s'" % item_id, code="resource_missing",
                                    param="items[0][id]")
            if "price" in items[0]:
                price = self.price_for_item(text(items[0], "price"), "items[0][price]")
                if price["type"] != "recurring":
                    raise StripeFailure(400, "The price specified is set to `type=one_time` but this field only "
                                             "accepts prices with `type=recurring`.", param="items[0][price]")
                item["price"] = price
            if "quantity" in items[0]:
                item["quantity"] = integer(items[0], "quantity", minimum=1)
        behavior = text(params, "proration_behavior")
        if behavior not in (None, "create_prorations", "none", "always_invoice"):
            raise StripeFailure(400, "Invalid proration_behavior: %s" % behavior, param="proration_behavior")
        if "pause_collection" in params:
            pause = params["pause_collection"]
            if pause == "":
                subscription["pause_collection"] = None  # an empty value unsets it
            elif isinstance(pause, dict):
                allow_only(pause, {"behavior", "resumes_at"}, "pause_collection[")
                behavior = text(pause, "behavior", required=True)
                if behavior not in ("keep_as_draft", "mark_uncollectible", "void"):
                    raise StripeFailure(400, "Invalid pause_collection[behavior]: %s" % behavior,
                                        param="pause_collection[behavior]")
                subscription["pause_collection"] = {"behavior": behavior,
                                                    "resumes_at": integer(pause, "resumes_at")}
            else:
                raise StripeFailure(400, "Invalid pause_collection", param="pause_collection")
        if "cancel_at_period_end" in params:
            subscription["cancel_at_period_end"] = boolean(params, "cancel_at_period_end")
        subscription["metadata"].update(metadata(params))
        return 200, self.expanded(subscription, expand(params))

    def get_subscription(self, subscription_id, params):
        allow_only(params, {"expand"})
        return 200, self.expanded(self.find(self.subscriptions, "subscription", subscription_id), expand(params))

    def cancel_subscription(self, subscription_id):
        subscription = self.find(self.subscriptions, "subscription", subscription_id)
        if subscription["status"] == "canceled":
            raise StripeFailure(400, "This subscription has already been canceled.")
        subscription["status"] = "canceled"
        subscription["canceled_at"] = subscription["ended_at"] = now()
        return 200, subscription

    # -- checkout --

    def create_session(self, params):
        allow_only(params, {"mode", "line_items", "success_url", "cancel_url", "customer", "customer_email",
                            "customer_creation", "client_reference_id", "metadata", "subscription_data", "expand"})
        mode = text(params, "mode", required=True)
        if mode not in ("payment", "subscription", "setup"):
            raise StripeFailure(400, "Invalid mode: %s" % mode, param="mode")
        text(params, "success_url", required=True)
        text(params, "cancel_url")
        items = list_param(params, "line_items")
        if not items:
            raise StripeFailure(400, "Missing required param: line_items.", code="parameter_missing",
                                param="line_items")
        total = 0
        currency = None
        for index, item in enumerate(items):
            if not isinstance(item, dict):
                raise StripeFailure(400, "Invalid line_items[%d]" % index, param="line_items")
            allow_only(item, {"price", "quantity"}, "line_items[%d][" % index)
            price = self.price_for_item(text(item, "price", required=True), "line_items[%d][price]" % index)
            quantity = integer(item, "quantity", required=True, minimum=1)
            if mode == "payment" and price["type"] == "recurring":
                raise StripeFailure(400, "You specified `payment` mode but passed a recurring price. Either switch "
                                         "to `subscription` mode or use only one-time prices.")
            total += price["unit_amount"] * quantity
            currency = price["currency"]
        if mode == "subscription" and not any(self.prices[i["price"]]["type"] == "recurring" for i in items):
            raise StripeFailure(400, "You must provide at least one recurring price in `subscription` mode when "
                                     "using prices.")
        customer_id = text(params, "customer")
        if customer_id is not None and "customer_email" in params:
            raise StripeFailure(400, "You may only specify one of these parameters: customer, customer_email.")
        if customer_id is not None and customer_id not in self.customers:
            raise StripeFailure(400, "No such customer: '%s'" % customer_id, code="resource_missing",
                                param="customer")
        creation = text(params, "customer_creation")
        if creation is not None and (mode != "payment" or creation not in ("always", "if_required")):
            raise StripeFailure(400, "`customer_creation` can only be used in `payment` mode.",
                                param="customer_creation")
        subscription_data = hash_param(params, "subscription_data")
        if subscription_data is not None:
            if mode != "subscription":
                raise StripeFailure(400, "You can not pass `subscription_data` in `%s` mode." % mode,
                                    param="subscription_data")
            allow_only(subscription_data, {"metadata", "trial_period_days"}, "subscription_data[")
        session_id = "cs_test_" + secrets.token_hex(24)
        session = {
            "id": session_id, "object": "checkout.session", "amount_subtotal": total, "amount_total": total,
            "cancel_url": text(params, "cancel_url"), "client_reference_id": text(params, "client_reference_id"),
            "created": now(), "currency": currency, "customer": customer_id,
            "customer_creation": creation, "customer_email": text(params, "customer_email"),
            "expires_at": now() + 86400, "livemode": False, "metadata": metadata(params), "mode": mode,
            "payment_intent": None, "payment_status": "unpaid", "status": "open",
            "subscription": None, "success_url": text(params, "success_url"),
            "url": "https://checkout.stripe.com/c/pay/" + session_id,
        }
        # Kept for /__checkout/complete; not part of Stripe's session object.
        self.sessions[session_id] = (session, items, subscription_data or {})
        return 200, session

    def get_session(self, session_id, params):
        allow_only(params, {"expand"})
        if session_id not in self.sessions:
            raise StripeFailure(404, "No such checkout.session: '%s'" % session_id, code="resource_missing",
                                param="session")
        return 200, self.sessions[session_id][0]

    def complete_session(self, session_id):
        """The customer paid on the hosted page."""
        if session_id not in self.sessions:
            raise StripeFailure(404, "No such checkout.session: '%s'" % session_id, code="resource_missing")
        session, items, subscription_data = self.sessions[session_id]
        answer = {"session": session}
        if session["status"] == "complete":
            return 200, answer
        if session["customer"] is None:
            _, customer = self.create_customer({"email": session["customer_email"]} if session["customer_email"]
                                               else {})
            session["customer"] = customer["id"]
        session["status"] = "complete"
        session["payment_status"] = "paid"
        if session["mode"] == "subscription":
            item = items[0]
            subscription = self.make_subscription(session["customer"], self.prices[item["price"]],
                                                  int(item["quantity"]), dict(subscription_data.get("metadata", {})),
                                                  "active")
            session["subscription"] = subscription["id"]
            answer["subscription"] = subscription
        else:
            session["payment_intent"] = new_id("pi_")
        return 200, answer


# --- HTTP ------------------------------------------------------------------------------------

# (method, path pattern, is a create (needs an Idempotency-Key), action(fake, ids, params)).
ROUTES = [
    ("POST", r"/v1/products", True, lambda fake, ids, params: fake.create_product(params)),
    ("POST", r"/v1/products/([^/]+)", False, lambda fake, ids, params: fake.update_product(ids[0], params)),
    ("GET", r"/v1/products/([^/]+)", False, lambda fake, ids, params: fake.retrieve(fake.products, "product", ids[0],
                                                                                    params)),
    ("DELETE", r"/v1/products/([^/]+)", False, lambda fake, ids, params: fake.delete_product(ids[0])),
    ("POST", r"/v1/prices", True, lambda fake, ids, params: fake.create_price(params)),
    ("POST", r"/v1/prices/([^/]+)", False, lambda fake, ids, params: fake.update_price(ids[0], params)),
    ("GET", r"/v1/prices/([^/]+)", False, lambda fake, ids, params: fake.retrieve(fake.prices, "price", ids[0], params)),
    ("POST", r"/v1/customers", True, lambda fake, ids, params: fake.create_customer(params)),
    ("GET", r"/v1/customers/([^/]+)", False, lambda fake, ids, params: fake.retrieve(fake.customers, "customer",
                                                                                     ids[0], params)),
    ("POST", r"/v1/subscriptions", True, lambda fake, ids, params: fake.create_subscription(params)),
    ("POST", r"/v1/subscriptions/([^/]+)", False, lambda fake, ids, params: fake.update_subscription(ids[0], params)),
    ("GET", r"/v1/subscriptions/([^/]+)", False, lambda fake, ids, params: fake.get_subscription(ids[0], params)),
    ("DELETE", r"/v1/subscriptions/([^/]+)", False, lambda fake, ids, params: fake.cancel_subscription(ids[0])),
    ("POST", r"/v1/checkout/sessions", True, lambda fake, ids, params: fake.create_session(params)),
    ("GET", r"/v1/checkout/sessions/([^/]+)", False, lambda fake, ids, params: fake.get_session(ids[0], params)),
]


class Handler(BaseHTTPRequestHandler):
    server_version = "fake-stripe/1"
    protocol_version = "HTTP/1.1"  # keep-alive, as the handler's libcurl reuses connections
    disable_nagle_algorithm = True  # headers and body go out in two writes; no 40 ms stall

    @property
    def fake(self):
        return self.server.fake

    def log_message(self, format, *args):  # noqa: A002 (the base class's name)
        sys.stderr.write("fake-stripe: %s\n" % (format % args))

    def send_json(self, status, body, extra_headers=()):
        data = json.dumps(body).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.send_header("Request-Id", "req_" + secrets.token_hex(7))
        for name, value in extra_headers:
            self.send_header(name, value)
        self.end_headers()
        self.wfile.write(data)

    def read_body(self):
        length = int(self.headers.get("Content-Length") or 0)
        return self.rfile.read(length).decode("utf-8", errors="strict") if length else ""

    def do_GET(self):
        self.handle_any("GET")

    def do_POST(self):
        self.handle_any("POST")

    def do_DELETE(self):
        self.handle_any("DELETE")

    def handle_any(self, method):
        url = urllib.parse.urlsplit(self.path)
        try:
            body = self.read_body()
        except UnicodeDecodeError:
            self.send_json(400, StripeFailure(400, "The request body is not UTF-8").body())
            return
        if url.path.startswith("/__"):
            self.control(method, url, body)
        else:
            self.api(method, url, body)

    # -- control endpoints --

    def control(self, method, url, body):
        try:
            payload = json.loads(body) if body else {}
        except ValueError:
            self.send_json(400, {"error": {"message": "control bodies are JSON"}})
            return
        with self.fake.lock:
            if method == "GET" and url.path == "/__requests":
                since = int(urllib.parse.parse_qs(url.query).get("since", ["0"])[0])
                self.send_json(200, {"requests": self.fake.requests[since:], "next": len(self.fake.requests)})
            elif method == "POST" and url.path == "/__reset":
                self.fake.reset()
                self.send_json(200, {"reset": True})
            elif method == "POST" and url.path == "/__fail":
                count = int(payload.get("count", 1))
                failure = StripeFailure(int(payload.get("status", 500)), payload.get("message", "Injected failure"),
                                        payload.get("type", "api_error"))
                self.fake.failures = [failure] * count
                self.send_json(200, {"failing": count})
            elif method == "POST" and url.path == "/__checkout/complete":
                try:
                    status, answer = self.fake.complete_session(str(payload.get("session_id", "")))
                    self.send_json(status, answer)
                except StripeFailure as failure:
                    self.send_json(failure.status, failure.body())
            else:
                self.send_json(404, {"error": {"message": "unknown control endpoint %s %s" % (method, url.path)}})

    # -- the API --

    def api(self, method, url, body):
        record = {
            "method": method, "path": url.path, "query": url.query, "body": body,
            "authorization": self.headers.get("Authorization", ""),
            "idempotency_key": self.headers.get("Idempotency-Key"),
            "stripe_version": self.headers.get("Stripe-Version"),
            "content_type": self.headers.get("Content-Type"),
            "params": None, "status": None, "replayed": False,
        }
        with self.fake.lock:
            record["seq"] = len(self.fake.requests)
            self.fake.requests.append(record)
            try:
                status, answer, headers = self.dispatch(method, url, body, record)
            except StripeFailure as failure:
                status, answer, headers = failure.status, failure.body(), ()
            record["status"] = status
        self.send_json(status, answer, headers)

    def dispatch(self, method, url, body, record):
        auth = self.headers.get("Authorization", "")
        if not auth.startswith("Bearer ") or not auth[len("Bearer "):]:
            raise StripeFailure(401, "You did not provide an API key. You need to provide your API key in the "
                                     "Authorization header, using Bearer auth (e.g. 'Authorization: Bearer "
                                     "YOUR_SECRET_KEY').")
        key = auth[len("Bearer "):]
        if not secrets.compare_digest(key, self.fake.secret_key):
            raise StripeFailure(401, "Invalid API Key provided: %s****%s" % (key[:8], key[-4:]))
        if self.fake.failures:
            raise self.fake.failures.pop(0)

        for route_method, pattern, is_create, action in ROUTES:
            match = re.fullmatch(pattern, url.path)
            if route_method != method or not match:
                continue
            if method == "POST":
                content_type = (self.headers.get("Content-Type") or "").split(";")[0].strip().lower()
                if content_type != "application/x-www-form-urlencoded":
                    raise StripeFailure(400, "Stripe expects application/x-www-form-urlencoded bodies, got '%s'"
                                        % content_type)
                params = decode_form(body)
            else:
                if body:
                    raise StripeFailure(400, "%s requests take no body" % method)
                params = decode_form(url.query)
            record["params"] = params
            args = [urllib.parse.unquote(group) for group in match.groups()]
            idempotency_key = self.headers.get("Idempotency-Key")
            if is_create and not idempotency_key:
                raise StripeFailure(400, "fake Stripe: creates must carry an Idempotency-Key header",
                                    error_type="idempotency_error")
            if method == "POST" and idempotency_key:
                cached = self.fake.idempotent.get(idempotency_key)
                if cached is not None:
                    if cached[:3] != (method, url.path, body):
                        raise StripeFailure(400, "Keys for idempotent requests can only be used with the same "
                                                 "parameters they were first used with. Try using a key other than "
                                                 "'%s' if you meant to execute a different request."
                                            % idempotency_key, error_type="idempotency_error")
                    record["replayed"] = True
                    return cached[3], cached[4], (("Idempotent-Replayed", "true"),)
            try:
                status, answer = action(self.fake, args, params)
            except StripeFailure as failure:
                status, answer = failure.status, failure.body()
            # A snapshot, so later changes to the object do not change the replay.
            answer = json.loads(json.dumps(answer))
            if method == "POST" and idempotency_key:
                self.fake.idempotent[idempotency_key] = (method, url.path, body, status, answer)
            return status, answer, ()
        raise StripeFailure(404, "Unrecognized request URL (%s: %s)." % (method, url.path))


def main():
    parser = argparse.ArgumentParser(description="A fake Stripe API on loopback for the billing tests.")
    parser.add_argument("--port", type=int, default=int(os.environ.get("T2O_FAKE_STRIPE_PORT") or 12111))
    parser.add_argument("--secret-key", default=os.environ.get("STRIPE_SECRET_KEY") or DEFAULT_KEY)
    args = parser.parse_args()
    server = ThreadingHTTPServer(("127.0.0.1", args.port), Handler)
    server.daemon_threads = True
    server.fake = FakeStripe(args.secret_key)
    sys.stderr.write("fake-stripe: listening on 127.0.0.1:%d\n" % args.port)
    sys.stderr.flush()
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()


if __name__ == "__main__":
    main()
