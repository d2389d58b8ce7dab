/**
 * Picks the programme, site or organisation a role is granted on, from GET /api/scope-options
 * (administrators only). A plain <select>, which every phone and screen reader handles well;
 * when the list is long, a search box above it narrows it on the server (`q`) and "load more"
 * fetches further pages. The chosen option stays in the list while the search changes, so
 * searching never loses a choice already made.
 */
import { SEARCH_DELAY_MS } from '../../lib/use-url-filters.js';
import { useEffect, useState } from 'react';
import type { z } from 'zod';
import { SelectField, TextField } from '../../components/field.js';
import { useI18n } from '../../i18n/i18n-context.js';
import type { ScopeOption, ScopeOptionQuery } from '../../lib/contracts.js';
import { useCursorList } from '../../lib/use-cursor-list.js';

export type PickableScope = z.infer<typeof ScopeOptionQuery>['type'];

const PAGE_LIMIT = 50;
/** More options than this (or more than one page) and the search box appears. */
const SEARCH_THRESHOLD = 10;
/** Wait for a pause in typing before asking the server. */

/** The kinds of organisation (organisations.kind); `detail` of an organisation option. */
const ORGANISATION_KINDS = ['umkm', 'cooperative', 'buyer', 'regional_government'] as const;
type OrganisationKind = (typeof ORGANISATION_KINDS)[number];
const isOrganisationKind = (value: string): value is OrganisationKind =>
  (ORGANISATION_KINDS as readonly string[]).includes(value);

export function ScopePicker({
  type,
  value,
  onChange,
  error,
}: {
  type: PickableScope;
  value: ScopeOption | null;
  onChange: (option: ScopeOption | null) => void;
  error?: string | undefined;
}) {
  const { t } = useI18n();
  const [search, setSearch] = useState('');
  const [q, setQ] = useState('');
  const [many, setMany] = useState(false);

  useEffect(() => {
    const timer = setTimeout(() => setQ(search.trim()), SEARCH_DELAY_MS);
    return () => clearTimeout(timer);
  }, [search]);

  const list = useCursorList<ScopeOption>('/api/scope-options', {
    type,
    limit: PAGE_LIMIT,
    ...(q ? { q } : {}),
  });

  // Once the unfiltered list proved long, the search box stays (even while a search reloads).
  if (!many && q === '' && !list.loading && (list.hasMore || list.items.length > SEARCH_THRESHOLD))
    setMany(true);

  const options =
    value && !list.items.some((option) => option.id === value.id)
      ? [value, ...list.items]
      : list.items;

  const describe = (option: ScopeOption) => {
    const code = option.code ? ` (${option.code})` : '';
    const detail =
      option.detail === null
        ? ''
        : ` — ${
            type === 'organisation' && isOrganisationKind(option.detail)
              ? t(`organisationKind.${option.detail}`)
              : option.detail
          }`;
    return `${option.name}${code}${detail}`;
  };

  let status: string;
  if (list.loading) status = t('state.loading');
  else if (list.items.length === 0 && q) status = t('users.scope.noMatch', { q });
  else if (list.items.length === 0) status = t('users.scope.empty');
  else if (list.hasMore) status = t('users.scope.foundMore', { count: list.items.length });
  else status = t('users.scope.found', { count: list.items.length });

  return (
    <div className="scope-picker" data-testid="scope-picker">
      {many && (
        <TextField
          label={t(`users.scope.search.${type}`)}
          name="scopeSearch"
          type="search"
          autoComplete="off"
          value={search}
          onChange={(event) => setSearch(event.target.value)}
          onKeyDown={(event) => {
            // Enter searches now instead of submitting the user form around the box.
            if (event.key !== 'Enter') return;
            event.preventDefault();
            setQ(search.trim());
          }}
          hint={t('users.scope.searchHint')}
        />
      )}
      <SelectField
        label={t(`scope.${type}`)}
        name="scopeId"
        value={value?.id ?? ''}
        onChange={(event) =>
          onChange(options.find((option) => option.id === event.target.value) ?? null)
        }
        hint={status}
        liveHint
        error={error ?? list.error?.message}
      >
        <option value="" disabled>
          {t(`users.scope.choose.${type}`)}
        </option>
        {options.map((option) => (
          <option key={option.id} value={option.id}>
            {describe(option)}
          </option>
        ))}
      </SelectField>
      {list.hasMore && (
        <button
          type="button"
          className="button-secondary"
          onClick={list.loadMore}
          disabled={list.loadingMore}
          aria-busy={list.loadingMore}
        >
          {list.loadingMore ? t('state.loading') : t('action.loadMore')}
        </button>
      )}
    </div>
  );
}
