/**
 * Choosing KBLI 2020 codes before the organisation exists: a lookup (GET /api/kbli, public
 * reference data) to add from and the chosen list to remove from. The codes are sent with the
 * form; the API checks each against the shipped list again.
 */
import { useEffect, useState } from 'react';
import { ErrorBanner } from '../../components/error-banner.js';
import { TextField } from '../../components/field.js';
import { Loading } from '../../components/loading.js';
import { useI18n } from '../../i18n/i18n-context.js';
import { MAX_REGISTRATION_KBLI } from '../../lib/contracts.js';
import { useResource } from '../../lib/use-resource.js';
import { SEARCH_DELAY_MS } from '../../lib/use-url-filters.js';
import type { KbliCodeT } from '../organisations/types.js';

const RESULT_LIMIT = 10;

export function KbliPicker({
  chosen,
  onChange,
  error,
}: {
  chosen: readonly KbliCodeT[];
  onChange: (codes: KbliCodeT[]) => void;
  error?: string | undefined;
}) {
  const { t } = useI18n();
  const [search, setSearch] = useState('');
  const [q, setQ] = useState('');
  useEffect(() => {
    const timer = setTimeout(() => setQ(search.trim()), SEARCH_DELAY_MS);
    return () => clearTimeout(timer);
  }, [search]);

  const add = (kbli: KbliCodeT) => {
    if (!chosen.some((c) => c.code === kbli.code)) onChange([...chosen, kbli]);
  };
  const remove = (code: string) => onChange(chosen.filter((c) => c.code !== code));

  return (
    <div className="kbli-lookup" data-testid="kbli-picker">
      {chosen.length === 0 ? (
        <p className="muted">{t('register.kbli.none')}</p>
      ) : (
        <ul className="kbli-list" aria-label={t('register.kbli.chosen')} data-testid="kbli-chosen">
          {chosen.map((kbli) => (
            <li key={kbli.code}>
              <span>
                <code>{kbli.code}</code> {kbli.title}
              </span>
              <button
                type="button"
                className="button-secondary"
                onClick={() => remove(kbli.code)}
                aria-label={t('organisations.kbli.removeCode', { code: kbli.code })}
              >
                {t('action.remove')}
              </button>
            </li>
          ))}
        </ul>
      )}
      <TextField
        label={t('register.kbli.search')}
        name="kbliSearch"
        type="search"
        autoComplete="off"
        value={search}
        onChange={(event) => setSearch(event.target.value)}
        onKeyDown={(event) => {
          // Enter searches now; it must not send the whole registration form.
          if (event.key !== 'Enter') return;
          event.preventDefault();
          setQ(search.trim());
        }}
        hint={t('register.kbli.searchHint')}
        // A missing or refused code is said here, where the next one is looked up.
        error={error}
      />
      {q && (
        <Results q={q} chosen={chosen} full={chosen.length >= MAX_REGISTRATION_KBLI} onAdd={add} />
      )}
    </div>
  );
}

function Results({
  q,
  chosen,
  full,
  onAdd,
}: {
  q: string;
  chosen: readonly KbliCodeT[];
  full: boolean;
  onAdd: (kbli: KbliCodeT) => void;
}) {
  const { t } = useI18n();
  // `items` is all this needs, whether the API answers a list or a page of one.
  const results = useResource<{ items: KbliCodeT[] }>('/api/kbli', { q, limit: RESULT_LIMIT });
  if (results.loading) return <Loading label={t('state.loading')} />;
  if (!results.data) return <ErrorBanner error={results.error} onRetry={results.reload} />;
  if (results.data.items.length === 0) {
    return <p className="muted">{t('organisations.kbli.noMatch', { q })}</p>;
  }
  return (
    <ul className="kbli-list kbli-results" aria-label={t('organisations.kbli.results')}>
      {results.data.items.map((kbli) => {
        const already = chosen.some((item) => item.code === kbli.code);
        return (
          <li key={kbli.code}>
            <span>
              <code>{kbli.code}</code> {kbli.title}
            </span>
            <button
              type="button"
              className="button-secondary"
              disabled={already || full}
              onClick={() => onAdd(kbli)}
              aria-label={
                already ? undefined : t('organisations.kbli.addCode', { code: kbli.code })
              }
            >
              {already ? t('register.kbli.picked') : t('action.add')}
            </button>
          </li>
        );
      })}
    </ul>
  );
}
