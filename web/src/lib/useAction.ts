// Runs one user action (a form submit, a button): busy while it runs, the server's message
// as a toast or inline, never two at once.
import { useCallback, useRef, useState } from "react";
import { useToast } from "../components/Toast";
import { errorText } from "./useLoad";

export interface Action<A extends unknown[]> {
  run: (...args: A) => Promise<boolean>;
  busy: boolean;
  error: string | undefined;
  clearError: () => void;
}

interface Options {
  /** Show failures as a toast too (forms show them inline; buttons in lists use toasts). */
  toastErrors?: boolean;
}

/**
 * `act` returns the success text to toast (or nothing for a quiet success). `run` resolves
 * to whether it succeeded, so a form can reset itself.
 */
export function useAction<A extends unknown[]>(act: (...args: A) => Promise<string | void>, options: Options = {}): Action<A> {
  const toast = useToast();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  const running = useRef(false);

  const run = useCallback(
    async (...args: A) => {
      if (running.current) return false;
      running.current = true;
      setBusy(true);
      setError(undefined);
      try {
        const done = await act(...args);
        if (done) toast.success(done);
        return true;
      } catch (caught) {
        const text = errorText(caught);
        setError(text);
        if (options.toastErrors) toast.error(text);
        return false;
      } finally {
        running.current = false;
        setBusy(false);
      }
    },
    [act, options.toastErrors, toast],
  );

  return { run, busy, error, clearError: () => setError(undefined) };
}
