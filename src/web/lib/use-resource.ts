/**
 * Loads one API resource that is not a cursor page (an organisation, its financials, a short
 * `{ items }` list). Like useCursorList: a change of path or query starts over and a late
 * answer is dropped. `replace` takes the fresh object a write returned, without a reload.
 */
import { useCallback, useEffect, useState } from 'react';
import { useApi } from '../app/session-context.js';
import { asApiError, type ApiError, type Query } from './api.js';

export interface Resource<T> {
  data: T | null;
  /** Nothing loaded yet (the first answer is on its way). */
  loading: boolean;
  error: ApiError | null;
  reload: () => void;
  replace: (data: T) => void;
}

interface State<T> {
  data: T | null;
  loading: boolean;
  error: ApiError | null;
}

/** `path` null: nothing to load (yet), e.g. until a site is chosen. */
export function useResource<T>(path: string | null, query: Query = {}): Resource<T> {
  const api = useApi();
  const [state, setState] = useState<State<T>>({
    data: null,
    loading: path !== null,
    error: null,
  });
  const [generation, setGeneration] = useState(0);
  const queryKey = JSON.stringify(query);

  useEffect(() => {
    if (path === null) {
      setState({ data: null, loading: false, error: null });
      return;
    }
    const controller = new AbortController();
    // A reload keeps showing what is there; a new path starts from nothing.
    setState((current) => ({ ...current, loading: current.data === null, error: null }));
    api
      .get<T>(path, { query: JSON.parse(queryKey) as Query, signal: controller.signal })
      .then((data) => setState({ data, loading: false, error: null }))
      .catch((error: unknown) => {
        if (controller.signal.aborted) return;
        setState((current) => ({ ...current, loading: false, error: asApiError(error) }));
      });
    return () => controller.abort();
  }, [api, path, queryKey, generation]);

  // A different path is a different resource: never show the previous one's data under it.
  const shown = `${path ?? ''}${queryKey}`;
  const [shownPath, setShownPath] = useState(shown);
  if (shownPath !== shown) {
    setShownPath(shown);
    setState({ data: null, loading: path !== null, error: null });
  }

  const reload = useCallback(() => setGeneration((count) => count + 1), []);
  const replace = useCallback((data: T) => setState({ data, loading: false, error: null }), []);
  return { ...state, reload, replace };
}
