import { billingApi } from "../../api/billing";
import type { Price, Product, Subscription } from "../../api/types";
import { Button } from "../../components/Button";
import { Card } from "../../components/Card";
import { ConfirmButton } from "../../components/ConfirmButton";
import { Empty, Failed, Loading } from "../../components/States";
import { formatAmount, formatInterval, formatTime } from "../../lib/format";
import { useAction } from "../../lib/useAction";
import { useLoad } from "../../lib/useLoad";

type Change = "cancel" | "pause" | "resume";

export function isLive(subscription: Subscription): boolean {
  return subscription.status !== "canceled" && subscription.status !== "incomplete_expired";
}

export function MySubscriptions({ prices, products }: { prices: Price[]; products: Product[] }) {
  const subscriptions = useLoad(billingApi.mySubscriptions, []);
  const change = useAction(
    async (subscription: Subscription, what: Change) => {
      const answer = await billingApi[what](subscription.subscription_id);
      await subscriptions.reload();
      return answer.message;
    },
    { toastErrors: true },
  );

  const describe = (subscription: Subscription) => {
    const price = prices.find((p) => p.price_id === subscription.price_id);
    const product = products.find((p) => p.product_id === price?.product_id);
    return { name: product?.name ?? subscription.price_id ?? "Subscription", cost: price ? `${formatAmount(price.unit_amount, price.currency)} ${formatInterval(price.recurring)}` : "" };
  };

  return (
    <Card title="My subscriptions">
      {subscriptions.error && <Failed message={subscriptions.error} onRetry={subscriptions.reload} />}
      {subscriptions.loading && !subscriptions.data && <Loading />}
      {subscriptions.data?.length === 0 && <Empty>You have no subscriptions.</Empty>}
      {subscriptions.data && subscriptions.data.length > 0 && (
        <ul className="divide-y divide-slate-200 dark:divide-slate-700">
          {subscriptions.data.map((subscription) => {
            const { name, cost } = describe(subscription);
            const status = subscription.paused ? "paused" : subscription.cancel_at_period_end ? "ends at period end" : subscription.status;
            return (
              <li key={subscription.subscription_id} className="flex flex-wrap items-center gap-3 py-3" aria-label={`Subscription ${name}`}>
                <div className="min-w-0 flex-1 text-sm">
                  <p className="font-medium text-slate-900 dark:text-slate-100">
                    {name} <span className="text-slate-500">{cost}</span>
                  </p>
                  <p className="text-slate-500 dark:text-slate-400">
                    Status: <span data-testid="subscription-status">{status}</span>
                    {subscription.current_period_end && isLive(subscription) && <> · renews {formatTime(subscription.current_period_end)}</>}
                  </p>
                </div>
                {isLive(subscription) && (
                  <div className="flex flex-wrap gap-2">
                    {subscription.paused ? (
                      <Button variant="secondary" small busy={change.busy} onClick={() => void change.run(subscription, "resume")}>
                        Resume
                      </Button>
                    ) : (
                      <Button variant="secondary" small busy={change.busy} onClick={() => void change.run(subscription, "pause")}>
                        Pause
                      </Button>
                    )}
                    <ConfirmButton label="Cancel" question={`Cancel ${name}?`} onConfirm={() => void change.run(subscription, "cancel")} />
                  </div>
                )}
              </li>
            );
          })}
        </ul>
      )}
    </Card>
  );
}
