import { billingApi } from "../../api/billing";
import type { Price, Product } from "../../api/types";
import { Button } from "../../components/Button";
import { Card } from "../../components/Card";
import { Empty } from "../../components/States";
import { formatAmount, formatInterval } from "../../lib/format";
import { useAction } from "../../lib/useAction";

/** Active products that have at least one active price, each with those prices. */
export function plans(products: Product[], prices: Price[]): { product: Product; prices: Price[] }[] {
  return products
    .filter((product) => product.active)
    .map((product) => ({ product, prices: prices.filter((price) => price.active && price.product_id === product.product_id) }))
    .filter((plan) => plan.prices.length > 0);
}

export function PlanCards({ products, prices }: { products: Product[]; prices: Price[] }) {
  const checkout = useAction(
    async (price: Price) => {
      const session = await billingApi.checkout(price.price_id, price.recurring ? "subscription" : "payment");
      // Stripe's hosted page; it sends the user back to /app/billing/checkout-success.
      window.location.assign(session.checkout_url);
    },
    { toastErrors: true },
  );
  const available = plans(products, prices);

  return (
    <Card title="Plans">
      {available.length === 0 ? (
        <Empty>No plans are on offer yet.</Empty>
      ) : (
        <ul className="grid gap-4 sm:grid-cols-2 xl:grid-cols-3">
          {available.map(({ product, prices: offers }) => (
            <li key={product.product_id} className="flex flex-col rounded-lg border border-slate-200 p-4 dark:border-slate-700" aria-label={`Plan ${product.name}`}>
              <h3 className="text-lg font-semibold text-slate-900 dark:text-slate-100">{product.name}</h3>
              {product.description && <p className="mt-1 text-sm text-slate-600 dark:text-slate-300">{product.description}</p>}
              <ul className="mt-4 flex-1 space-y-3">
                {offers.map((price) => (
                  <li key={price.price_id} className="flex flex-wrap items-center justify-between gap-2">
                    <span className="text-sm text-slate-800 dark:text-slate-100">
                      <strong className="text-xl">{formatAmount(price.unit_amount, price.currency)}</strong> {formatInterval(price.recurring)}
                      {price.nickname && <span className="block text-xs text-slate-500">{price.nickname}</span>}
                    </span>
                    <Button small busy={checkout.busy} onClick={() => void checkout.run(price)} aria-label={`${price.recurring ? "Subscribe to" : "Buy"} ${product.name} at ${formatAmount(price.unit_amount, price.currency)} ${formatInterval(price.recurring)}`}>
                      {price.recurring ? "Subscribe" : "Buy"}
                    </Button>
                  </li>
                ))}
              </ul>
            </li>
          ))}
        </ul>
      )}
    </Card>
  );
}
