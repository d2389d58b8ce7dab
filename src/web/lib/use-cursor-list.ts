/**
 * Loads a cursor-paged API list (`{ items, nextCursor }`) and appends further pages on demand.
 * A change of path or query starts over; an answer that arrives after the user moved on is
 * dropped (AbortController), so a slow first filter can never overwrite a later one.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import { useApi } from '../app/session-context.js';
import { asApiError, type ApiError, type Query } from './api.js';

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

export interface CursorList<T> {
  items: T[];
  /** The first page is on its way (nothing to show yet). */
  loading: boolean;
  loadingMore: boolean;
  error: ApiError | null;
  hasMore: boolean;
  loadMore: () => void;
  reload: () => void;
}

interface State<T> {
  items: T[];
  nextCursor: string | null;
  loading: boolean;
  loadingMore: boolean;
  error: ApiError | null;
}

const INITIAL = { items: [], nextCursor: null, loading: true, loadingMore: false, error: null };

/** `path` null: nothing to load, e.g. a list the user may not read. */
export function useCursorList<T>(path: string | null, query: Query = {}): CursorList<T> {
  const api = useApi();
  const [state, setState] = useState<State<T>>(INITIAL);
  const [generation, setGeneration] = useState(0);
  // Identify the query by value: callers build a fresh object on every render.
  const queryKey = JSON.stringify(query);
  const moreController = useRef<AbortController | null>(null);

  useEffect(() => {
    const controller = new AbortController();
    moreController.current?.abort();
    if (path === null) {
      setState({ ...INITIAL, loading: false });
      return;
    }
    setState(INITIAL);
    api
      .get<Page<T>>(path, { query: JSON.parse(queryKey) as Query, signal: controller.signal })
      .then((page) =>
        setState({ ...INITIAL, loading: false, items: page.items, nextCursor: page.nextCursor }),
      )
      .catch((error: unknown) => {
        if (controller.signal.aborted) return;
        setState({ ...INITIAL, loading: false, error: asApiError(error) });
      });
    return () => controller.abort();
  }, [api, path, queryKey, generation]);

  const loadMore = useCallback(() => {
    const cursor = state.nextCursor;
    if (!cursor || state.loadingMore || path === null) return;
    const controller = new AbortController();
    moreController.current = controller;
    setState((current) => ({ ...current, loadingMore: true, error: null }));
    api
      .get<Page<T>>(path, {
        query: { ...(JSON.parse(queryKey) as Query), cursor },
        signal: controller.signal,
      })
      .then((page) =>
        setState((current) => ({
          ...current,
          loadingMore: false,
          items: [...current.items, ...page.items],
          nextCursor: page.nextCursor,
        })),
      )
      .catch((error: unknown) => {
        if (controller.signal.aborted) return;
        setState((current) => ({ ...current, loadingMore: false, error: asApiError(error) }));
      });
  }, [api, path, queryKey, state.nextCursor, state.loadingMore]);

  const reload = useCallback(() => setGeneration((count) => count + 1), []);

  return {
    items: state.items,
    loading: state.loading,
    loadingMore: state.loadingMore,
    error: state.error,
    hasMore: state.nextCursor !== null,
    loadMore,
    reload,
  };
}
