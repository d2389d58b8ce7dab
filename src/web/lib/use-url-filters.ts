/**
 * List filters kept in the address (so Back returns to the same list), with a search box that
 * applies itself after a pause in typing (Enter applies it at once). Shared by the list pages.
 */
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useSearchParams } from 'react-router';

export const SEARCH_DELAY_MS = 300;

/** The value if it is one of the options, else '' (an address may hold anything). */
export const oneOf = <T extends string>(options: readonly T[], value: string | null): T | '' =>
  options.find((option) => option === value) ?? '';

export function useUrlFilters<K extends string>(keys: readonly K[]) {
  const [params, setParams] = useSearchParams();
  const q = params.get('q') ?? '';
  const update = (changes: Partial<Record<K | 'q', string>>) =>
    setParams(
      (current) => {
        const next = new URLSearchParams(current);
        for (const [key, value] of Object.entries(changes) as [string, string | undefined][]) {
          if (value) next.set(key, value);
          else next.delete(key);
        }
        return next;
      },
      { replace: true },
    );
  const updateRef = useRef(update);
  updateRef.current = update;

  const [search, setSearch] = useState(q);
  useEffect(() => {
    const next = search.trim();
    if (next === q) return;
    const timer = setTimeout(
      () => updateRef.current({ q: next } as Partial<Record<K | 'q', string>>),
      SEARCH_DELAY_MS,
    );
    return () => clearTimeout(timer);
  }, [search, q]);

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    update({ q: search.trim() } as Partial<Record<K | 'q', string>>);
  };
  const clearFilters = () => {
    setSearch('');
    update(
      Object.fromEntries([...keys, 'q'].map((k) => [k, ''])) as Partial<Record<K | 'q', string>>,
    );
  };
  return { params, q, search, setSearch, update, onSubmit, clearFilters };
}
