// Loads data for a page: loading, failed (with the server's words) and loaded states, and a
// reload after a change. An answer that arrives after a newer load started is dropped.
import { useCallback, useEffect, useRef, useState } from "react";
import { messageOf } from "../api/client";

export interface Loaded<T> {
  data: T | undefined;
  error: string | undefined;
  loading: boolean;
  reload: () => Promise<void>;
  /** Replaces the data locally (an optimistic change), without a request; loads in flight are dropped. */
  setData: (data: T) => void;
}

export function errorText(error: unknown): string {
  if (error instanceof Error && error.message) return error.message;
  return messageOf(error, 0);
}

export function useLoad<T>(load: () => Promise<T>, deps: readonly unknown[]): Loaded<T> {
  const [data, setData] = useState<T>();
  const [error, setError] = useState<string>();
  const [loading, setLoading] = useState(true);
  const generation = useRef(0);

  // eslint-disable-next-line react-hooks/exhaustive-deps
  const run = useCallback(load, deps);

  const reload = useCallback(async () => {
    const mine = ++generation.current;
    setLoading(true);
    try {
      const value = await run();
      if (mine !== generation.current) return;
      setData(value);
      setError(undefined);
    } catch (caught) {
      if (mine !== generation.current) return;
      setError(errorText(caught));
    } finally {
      if (mine === generation.current) setLoading(false);
    }
  }, [run]);

  useEffect(() => {
    void reload();
  }, [reload]);

  // A local change wins over any load still in flight (its answer predates the change).
  const replace = useCallback((value: T) => {
    generation.current += 1;
    setData(value);
    setLoading(false);
  }, []);

  return { data, error, loading, reload, setData: replace };
}
