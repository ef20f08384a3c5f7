// Where Stripe sends the customer back: /app/billing/checkout-success?session_id=cs_...
// (the API records the order) or /app/billing/checkout-cancel.
import { useEffect, useRef, useState } from "react";
import { useSearchParams } from "react-router-dom";
import { billingApi } from "../../api/billing";
import type { Order } from "../../api/types";
import { PageTitle } from "../../components/Card";
import { Notice } from "../../components/Notice";
import { Loading } from "../../components/States";
import { TextLink } from "../../components/TextLink";
import { formatAmount } from "../../lib/format";
import { errorText } from "../../lib/useLoad";

export function CheckoutSuccessPage() {
  const [params] = useSearchParams();
  const sessionId = params.get("session_id") ?? "";
  const [result, setResult] = useState<{ message: string; order?: Order; failed?: boolean }>();
  const asked = useRef(false);

  useEffect(() => {
    if (asked.current) return;
    asked.current = true;
    billingApi
      .checkoutSuccess(sessionId)
      .then((answer) => setResult({ message: answer.message, order: answer.order }))
      .catch((error: unknown) => setResult({ message: errorText(error), failed: true }));
  }, [sessionId]);

  return (
    <div className="mx-auto max-w-xl space-y-4">
      <PageTitle>Checkout</PageTitle>
      {!result && <Loading label="Confirming your payment…" />}
      {result && <Notice tone={result.failed ? "error" : "success"}>{result.message}</Notice>}
      {result?.order?.amount_total && (
        <p className="text-sm text-slate-600 dark:text-slate-300">
          Paid {formatAmount(result.order.amount_total, result.order.currency ?? "usd")} · order {result.order.order_id}
        </p>
      )}
      <TextLink to="/billing">Back to billing</TextLink>
    </div>
  );
}

export function CheckoutCancelPage() {
  return (
    <div className="mx-auto max-w-xl space-y-4">
      <PageTitle>Checkout</PageTitle>
      <Notice tone="info">Payment canceled. Nothing was charged.</Notice>
      <TextLink to="/billing">Back to billing</TextLink>
    </div>
  );
}
