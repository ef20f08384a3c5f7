// Products and prices, for holders of manage_settings. Stripe keeps a price's amount,
// currency and interval fixed, so prices are created, renamed, (de)activated or deleted.
import { useState, type FormEvent } from "react";
import { billingApi } from "../../api/billing";
import type { Price, Product } from "../../api/types";
import { Button } from "../../components/Button";
import { Card } from "../../components/Card";
import { ConfirmButton } from "../../components/ConfirmButton";
import { SelectField, TextField } from "../../components/Field";
import { Notice } from "../../components/Notice";
import { Empty } from "../../components/States";
import { formatAmount, formatInterval } from "../../lib/format";
import { useAction } from "../../lib/useAction";

const INTERVALS = ["", "day", "week", "month", "year"] as const;

export function isAmount(text: string): boolean {
  return /^\d{1,8}(\.\d{1,2})?$/.test(text.trim());
}

export function CatalogueManager({ products, prices, onChanged }: { products: Product[]; prices: Price[]; onChanged: () => Promise<void> }) {
  const [name, setName] = useState("");
  const [description, setDescription] = useState("");
  const [priceFor, setPriceFor] = useState("");
  const [amount, setAmount] = useState("");
  const [currency, setCurrency] = useState("usd");
  const [interval, setInterval] = useState<string>("month");

  const createProduct = useAction(async () => {
    const answer = await billingApi.createProduct(name.trim(), description.trim());
    setName("");
    setDescription("");
    await onChanged();
    return answer.message;
  });
  const createPrice = useAction(async () => {
    const answer = await billingApi.createPrice({ product_id: priceFor || products[0]?.product_id || "", unit_amount: amount.trim(), currency: currency.trim().toLowerCase(), recurring: interval || undefined });
    setAmount("");
    await onChanged();
    return answer.message;
  });
  const change = useAction(async (act: () => Promise<{ message: string }>) => {
    const answer = await act();
    await onChanged();
    return answer.message;
  }, { toastErrors: true });

  const submitProduct = (event: FormEvent) => {
    event.preventDefault();
    if (name.trim()) void createProduct.run();
  };
  const submitPrice = (event: FormEvent) => {
    event.preventDefault();
    if (isAmount(amount) && /^[a-zA-Z]{3}$/.test(currency.trim())) void createPrice.run();
  };

  return (
    <Card title="Catalogue" description="Products and prices, kept in Stripe and mirrored here.">
      <div className="grid gap-6 lg:grid-cols-2">
        <form onSubmit={submitProduct} className="space-y-3" aria-label="New product" noValidate>
          <h3 className="text-sm font-semibold text-slate-800 dark:text-slate-100">New product</h3>
          <Notice tone="error">{createProduct.error}</Notice>
          <TextField label="Product name" value={name} maxLength={200} onChange={(e) => setName(e.target.value)} />
          <TextField label="Product description" value={description} onChange={(e) => setDescription(e.target.value)} />
          <Button type="submit" busy={createProduct.busy} disabled={!name.trim()}>
            Create product
          </Button>
        </form>
        <form onSubmit={submitPrice} className="space-y-3" aria-label="New price" noValidate>
          <h3 className="text-sm font-semibold text-slate-800 dark:text-slate-100">New price</h3>
          <Notice tone="error">{createPrice.error}</Notice>
          <SelectField label="For product" value={priceFor || products[0]?.product_id || ""} onChange={(e) => setPriceFor(e.target.value)} disabled={!products.length}>
            {products.map((product) => (
              <option key={product.product_id} value={product.product_id}>
                {product.name}
              </option>
            ))}
          </SelectField>
          <div className="grid grid-cols-3 gap-3">
            <TextField label="Amount" inputMode="decimal" placeholder="10.99" value={amount} onChange={(e) => setAmount(e.target.value)} error={amount && !isAmount(amount) ? "Like 10.99" : undefined} />
            <TextField label="Currency" value={currency} maxLength={3} onChange={(e) => setCurrency(e.target.value)} />
            <SelectField label="Billed" value={interval} onChange={(e) => setInterval(e.target.value)}>
              {INTERVALS.map((name) => (
                <option key={name} value={name}>
                  {name ? `every ${name}` : "once"}
                </option>
              ))}
            </SelectField>
          </div>
          <Button type="submit" busy={createPrice.busy} disabled={!products.length || !isAmount(amount)}>
            Create price
          </Button>
        </form>
      </div>

      <h3 className="mb-2 mt-6 text-sm font-semibold text-slate-800 dark:text-slate-100">Products</h3>
      {products.length === 0 && <Empty>No products yet.</Empty>}
      <ul className="divide-y divide-slate-200 dark:divide-slate-700">
        {products.map((product) => (
          <li key={product.product_id} className="py-3" aria-label={`Product ${product.name}`}>
            <div className="flex flex-wrap items-center gap-2">
              <span className="font-medium text-slate-900 dark:text-slate-100">{product.name}</span>
              {!product.active && <span className="rounded bg-slate-200 px-1.5 text-xs dark:bg-slate-700">inactive</span>}
              <span className="flex-1" />
              <Button variant="ghost" small onClick={() => void change.run(() => billingApi.editProduct(product.product_id, { active: !product.active }))}>
                {product.active ? "Deactivate" : "Activate"}
              </Button>
              <ConfirmButton label="Delete" question={`Delete product ${product.name}?`} onConfirm={() => void change.run(() => billingApi.deleteProduct(product.product_id))} />
            </div>
            <ul className="mt-2 space-y-1 pl-4">
              {prices
                .filter((price) => price.product_id === product.product_id)
                .map((price) => (
                  <li key={price.price_id} className="flex flex-wrap items-center gap-2 text-sm text-slate-700 dark:text-slate-300">
                    <span>
                      {formatAmount(price.unit_amount, price.currency)} {formatInterval(price.recurring)}
                    </span>
                    {!price.active && <span className="rounded bg-slate-200 px-1.5 text-xs dark:bg-slate-700">inactive</span>}
                    <span className="flex-1" />
                    <Button variant="ghost" small onClick={() => void change.run(() => billingApi.editPrice(price.price_id, { active: !price.active }))}>
                      {price.active ? "Deactivate" : "Activate"}
                    </Button>
                    <ConfirmButton label="Delete" question={`Delete price ${formatAmount(price.unit_amount, price.currency)}?`} onConfirm={() => void change.run(() => billingApi.deletePrice(price.price_id))} />
                  </li>
                ))}
            </ul>
          </li>
        ))}
      </ul>
    </Card>
  );
}
