import { useCallback, useEffect, useRef, useState } from "react";
import { ApiError } from "./errors";

export interface ApiState<T> {
  data: T | undefined;
  error: ApiError | undefined;
  loading: boolean;
  reload: () => void;
  setData: (data: T) => void;
}

/** Loads data for a page; a newer load wins over an older one that answers late. */
export function useApi<T>(load: () => Promise<T>, deps: readonly unknown[]): ApiState<T> {
  const [data, setData] = useState<T>();
  const [error, setError] = useState<ApiError>();
  const [loading, setLoading] = useState(true);
  const [tick, setTick] = useState(0);
  const latest = useRef(0);
  const loadRef = useRef(load);
  loadRef.current = load;

  useEffect(() => {
    const run = ++latest.current;
    setLoading(true);
    loadRef.current().then(
      (value) => {
        if (run === latest.current) {
          setData(value);
          setError(undefined);
          setLoading(false);
        }
      },
      (cause: unknown) => {
        if (run === latest.current) {
          setError(cause instanceof ApiError ? cause : new ApiError(0, "client", cause instanceof Error ? cause.message : String(cause)));
          setLoading(false);
        }
      },
    );
    // The caller names what the load depends on (deps), as with useEffect.
  }, [...deps, tick]);

  const reload = useCallback(() => setTick((t) => t + 1), []);
  return { data, error, loading, reload, setData };
}

export type ActionResult<R> = { ok: true; value: R } | { ok: false; error: ApiError };

/** Runs one change (a form submit) and keeps its error and busy state. */
export function useAction<A extends unknown[], R>(run: (...args: A) => Promise<R>) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError>();
  const runRef = useRef(run);
  runRef.current = run;
  const execute = useCallback(async (...args: A): Promise<ActionResult<R>> => {
    setBusy(true);
    setError(undefined);
    try {
      return { ok: true, value: await runRef.current(...args) };
    } catch (cause) {
      const failure = cause instanceof ApiError ? cause : new ApiError(0, "client", cause instanceof Error ? cause.message : String(cause));
      setError(failure);
      return { ok: false, error: failure };
    } finally {
      setBusy(false);
    }
  }, []);
  return { execute, busy, error, setError, clearError: () => setError(undefined) };
}
