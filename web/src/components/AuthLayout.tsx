// The frame of the signed-out pages: the app's name, one card, the theme toggle.
import type { ReactNode } from "react";
import { ThemeToggle } from "./ThemeToggle";

export function AuthLayout({ title, children, footer }: { title: string; children: ReactNode; footer?: ReactNode }) {
  return (
    <div className="flex min-h-screen flex-col items-center justify-center px-4 py-10">
      <div className="absolute right-3 top-3">
        <ThemeToggle />
      </div>
      <main className="w-full max-w-md">
        <p className="mb-6 text-center text-lg font-bold tracking-tight text-indigo-600 dark:text-indigo-400">T2O-verse</p>
        <div className="rounded-lg border border-slate-200 bg-white p-6 shadow-sm dark:border-slate-700 dark:bg-slate-900">
          <h1 className="mb-5 text-xl font-semibold text-slate-900 dark:text-slate-100">{title}</h1>
          {children}
        </div>
        {footer && <div className="mt-4 text-center text-sm text-slate-600 dark:text-slate-400">{footer}</div>}
      </main>
    </div>
  );
}
