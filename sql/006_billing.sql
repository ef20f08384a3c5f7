-- Billing (Stripe): a local copy of the catalogue, each user's Stripe customer, their
-- subscriptions, completed checkouts (orders) and the webhook events already processed.
-- Stripe is the source of truth and its ids are the keys. Amounts are integer minor units
-- (cents), never floating point.

CREATE TABLE billing_products (
    product_id  text         PRIMARY KEY,  -- prod_...
    name        varchar(250) NOT NULL,
    description text,
    active      boolean      NOT NULL DEFAULT true,
    created_at  timestamptz  NOT NULL DEFAULT now(),
    updated_at  timestamptz  NOT NULL DEFAULT now()
);

CREATE TABLE billing_prices (
    price_id                 text        PRIMARY KEY,  -- price_...
    product_id               text        NOT NULL REFERENCES billing_products(product_id) ON DELETE CASCADE,
    unit_amount              bigint      NOT NULL CHECK (unit_amount >= 0),
    currency                 varchar(3)  NOT NULL CHECK (currency ~ '^[a-z]{3}$'),
    recurring_interval       text        CHECK (recurring_interval IN ('day', 'week', 'month', 'year')),
    recurring_interval_count integer     CHECK (recurring_interval_count > 0),
    nickname                 text,
    active                   boolean     NOT NULL DEFAULT true,
    created_at               timestamptz NOT NULL DEFAULT now(),
    updated_at               timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX billing_prices_product_idx ON billing_prices (product_id);

-- One Stripe customer per user, created on the user's first subscription or checkout.
CREATE TABLE billing_customers (
    user_id     bigint      PRIMARY KEY REFERENCES users(id) ON DELETE CASCADE,
    customer_id text        NOT NULL UNIQUE,  -- cus_...
    created_at  timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE billing_subscriptions (
    subscription_id      text        PRIMARY KEY,  -- sub_...
    user_id              bigint      NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    customer_id          text        NOT NULL,
    price_id             text,        -- no foreign key: a deleted price keeps its subscriptions
    item_id              text,        -- si_...: the item whose price an upgrade replaces
    quantity             integer     NOT NULL DEFAULT 1,
    status               text        NOT NULL,
    current_period_end   timestamptz,
    trial_end            timestamptz,
    cancel_at_period_end boolean     NOT NULL DEFAULT false,
    paused               boolean     NOT NULL DEFAULT false,  -- pause_collection set
    canceled_at          timestamptz,
    -- Stripe's "created" time of the newest webhook event applied: an older event that
    -- arrives late (Stripe does not guarantee order) does not overwrite a newer state.
    last_event_created   bigint,
    created_at           timestamptz NOT NULL DEFAULT now(),
    updated_at           timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX billing_subscriptions_user_idx ON billing_subscriptions (user_id, created_at);
CREATE INDEX billing_subscriptions_customer_idx ON billing_subscriptions (customer_id);

-- A paid Checkout Session, recorded once whether /checkout-success or the webhook sees it first.
CREATE TABLE billing_orders (
    order_id            bigserial   PRIMARY KEY,
    checkout_session_id text        NOT NULL UNIQUE,  -- cs_...
    user_id             bigint      REFERENCES users(id) ON DELETE SET NULL,
    customer_id         text,
    price_id            text,
    quantity            integer,
    mode                text        NOT NULL,
    amount_total        bigint,
    currency            varchar(3),
    payment_status      text        NOT NULL,
    subscription_id     text,
    payment_intent_id   text,
    created_at          timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX billing_orders_user_idx ON billing_orders (user_id);

-- Webhook event ids already processed, written in the same transaction as their effects,
-- so a replayed or retried event changes nothing.
CREATE TABLE billing_webhook_events (
    event_id     text        PRIMARY KEY,  -- evt_...
    event_type   text        NOT NULL,
    processed_at timestamptz NOT NULL DEFAULT now()
);
