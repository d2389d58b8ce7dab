/**
 * The organisation's KBLI 2020 codes (business lines, as licensed in OSS): a list to remove
 * from and a lookup (GET /api/kbli, by code prefix or title) to add from.
 */
import { SEARCH_DELAY_MS } from '../../lib/use-url-filters.js';
import { useEffect, useState } from 'react';
import { useApi } from '../../app/session-context.js';
import { EmptyState } from '../../components/empty-state.js';
import { ErrorBanner } from '../../components/error-banner.js';
import { TextField } from '../../components/field.js';
import { Section } from '../../components/page.js';
import { PagedList } from '../../components/paged-list.js';
import { useI18n } from '../../i18n/i18n-context.js';
import { asApiError, type ApiError } from '../../lib/api.js';
import { useCursorList } from '../../lib/use-cursor-list.js';
import type { KbliCodeT, OrganisationT } from './types.js';

const RESULT_LIMIT = 10;

export function KbliSection({
  organisation,
  onChange,
}: {
  organisation: OrganisationT;
  onChange: (codes: KbliCodeT[]) => void;
}) {
  const { t } = useI18n();
  const api = useApi();
  const [search, setSearch] = useState('');
  const [q, setQ] = useState('');
  const [busy, setBusy] = useState<string | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const base = `/api/organisations/${encodeURIComponent(organisation.id)}/kbli`;

  useEffect(() => {
    const timer = setTimeout(() => setQ(search.trim()), SEARCH_DELAY_MS);
    return () => clearTimeout(timer);
  }, [search]);

  const change = async (code: string, work: () => Promise<{ items: KbliCodeT[] }>) => {
    setBusy(code);
    setError(null);
    try {
      onChange((await work()).items);
    } catch (caught) {
      setError(asApiError(caught));
    } finally {
      setBusy(null);
    }
  };
  const add = (code: string) =>
    change(code, () => api.post<{ items: KbliCodeT[] }>(base, { code }));
  const remove = (code: string) =>
    change(code, () => api.delete<{ items: KbliCodeT[] }>(`${base}/${encodeURIComponent(code)}`));

  // A refused code (unknown, badly formed) is said beside the lookup; anything else above.
  const fieldError = error?.fieldErrors()['code'];

  return (
    <Section title={t('organisations.kbli.title')} testId="organisation-kbli">
      <ErrorBanner error={fieldError ? null : error} />
      {organisation.kbli.length === 0 ? (
        <EmptyState title={t('organisations.kbli.empty.title')}>
          {organisation.canEdit
            ? t('organisations.kbli.empty.bodyEditor')
            : t('organisations.kbli.empty.bodyReader')}
        </EmptyState>
      ) : (
        <ul className="kbli-list" data-testid="kbli-list">
          {organisation.kbli.map((kbli) => (
            <li key={kbli.code}>
              <span>
                <code>{kbli.code}</code> {kbli.title}
              </span>
              {organisation.canEdit && (
                <button
                  type="button"
                  className="button-danger"
                  disabled={busy !== null}
                  onClick={() => void remove(kbli.code)}
                  aria-label={t('organisations.kbli.removeCode', { code: kbli.code })}
                >
                  {t('action.remove')}
                </button>
              )}
            </li>
          ))}
        </ul>
      )}
      {organisation.canEdit && (
        <div className="kbli-lookup">
          <TextField
            label={t('organisations.kbli.search')}
            name="kbliSearch"
            type="search"
            autoComplete="off"
            value={search}
            onChange={(event) => setSearch(event.target.value)}
            onKeyDown={(event) => {
              if (event.key !== 'Enter') return;
              event.preventDefault();
              setQ(search.trim());
            }}
            hint={t('organisations.kbli.searchHint')}
            error={fieldError}
          />
          {q && (
            <KbliResults
              q={q}
              attached={organisation.kbli}
              busy={busy}
              onAdd={(code) => void add(code)}
            />
          )}
        </div>
      )}
    </Section>
  );
}

function KbliResults({
  q,
  attached,
  busy,
  onAdd,
}: {
  q: string;
  attached: readonly KbliCodeT[];
  busy: string | null;
  onAdd: (code: string) => void;
}) {
  const { t } = useI18n();
  const results = useCursorList<KbliCodeT>('/api/kbli', { q, limit: RESULT_LIMIT });
  return (
    <PagedList
      list={results}
      empty={<p className="muted">{t('organisations.kbli.noMatch', { q })}</p>}
    >
      {(items) => (
        <ul className="kbli-list kbli-results" aria-label={t('organisations.kbli.results')}>
          {items.map((kbli) => {
            const already = attached.some((item) => item.code === kbli.code);
            return (
              <li key={kbli.code}>
                <span>
                  <code>{kbli.code}</code> {kbli.title}
                </span>
                <button
                  type="button"
                  className="button-secondary"
                  disabled={already || busy !== null}
                  onClick={() => onAdd(kbli.code)}
                  aria-label={
                    already ? undefined : t('organisations.kbli.addCode', { code: kbli.code })
                  }
                >
                  {already ? t('organisations.kbli.attached') : t('action.add')}
                </button>
              </li>
            );
          })}
        </ul>
      )}
    </PagedList>
  );
}
