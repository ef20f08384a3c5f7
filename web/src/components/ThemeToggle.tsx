import { useState } from "react";
import { applyTheme, storedTheme, type Theme } from "../lib/theme";

const NEXT: Record<Theme, Theme> = { system: "dark", dark: "light", light: "system" };
const LABEL: Record<Theme, string> = { system: "System theme", dark: "Dark theme", light: "Light theme" };
const ICON: Record<Theme, string> = { system: "◐", dark: "☾", light: "☀" };

export function ThemeToggle() {
  const [theme, setTheme] = useState<Theme>(storedTheme);
  const next = NEXT[theme];
  return (
    <button
      type="button"
      onClick={() => {
        applyTheme(next);
        setTheme(next);
      }}
      className="inline-flex h-9 items-center gap-2 rounded-md px-2 text-sm text-slate-600 hover:bg-slate-100 focus:outline-none focus-visible:ring-2 focus-visible:ring-indigo-500 dark:text-slate-300 dark:hover:bg-slate-800"
      aria-label={`${LABEL[theme]} (switch to ${LABEL[next].toLowerCase()})`}
      title={`${LABEL[theme]}: click for ${LABEL[next].toLowerCase()}`}
    >
      <span aria-hidden="true">{ICON[theme]}</span>
      <span className="hidden sm:inline">{LABEL[theme]}</span>
    </button>
  );
}
