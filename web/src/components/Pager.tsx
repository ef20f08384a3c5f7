// Previous/next paging with "Page P of N", or "of about N" when N is the database's
// estimate (API.md: /logs counts exactly only up to 10,000 rows).
import { Button } from "./Button";

export function pageLabel(page: number, totalPages: number, estimate: boolean): string {
  const total = Math.max(totalPages, 1).toLocaleString();
  return `Page ${page.toLocaleString()} of ${estimate ? "about " : ""}${total}`;
}

export function Pager({ page, totalPages, estimate = false, onPage, busy = false }: { page: number; totalPages: number; estimate?: boolean; onPage: (page: number) => void; busy?: boolean }) {
  const last = Math.max(totalPages, 1);
  return (
    <nav aria-label="Pages" className="flex flex-wrap items-center justify-between gap-3 text-sm text-slate-600 dark:text-slate-300">
      <span aria-live="polite">{pageLabel(page, totalPages, estimate)}</span>
      <div className="flex gap-2">
        <Button variant="secondary" small onClick={() => onPage(page - 1)} disabled={busy || page <= 1}>
          Previous
        </Button>
        <Button variant="secondary" small onClick={() => onPage(page + 1)} disabled={busy || (!estimate && page >= last)}>
          Next
        </Button>
      </div>
    </nav>
  );
}
