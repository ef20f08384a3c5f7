// How times and amounts read on screen.

/** An ISO 8601 UTC time from the API in the reader's locale and time zone. */
export function formatTime(iso: string | null | undefined): string {
  if (!iso) return "—";
  const time = new Date(iso);
  return Number.isNaN(time.getTime()) ? iso : time.toLocaleString();
}

/** "10.99" + "usd" → "$10.99" (the API sends amounts as decimal text). */
export function formatAmount(amount: string | null, currency: string): string {
  if (amount === null) return "—";
  const value = Number(amount);
  if (!Number.isFinite(value)) return `${amount} ${currency.toUpperCase()}`;
  try {
    return new Intl.NumberFormat(undefined, { style: "currency", currency: currency.toUpperCase() }).format(value);
  } catch {
    return `${amount} ${currency.toUpperCase()}`;
  }
}

export function formatInterval(recurring: { interval: string; interval_count: number } | null): string {
  if (!recurring) return "one time";
  return recurring.interval_count === 1 ? `per ${recurring.interval}` : `every ${recurring.interval_count} ${recurring.interval}s`;
}
