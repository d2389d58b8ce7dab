/**
 * One search box for the registry: organisations (name or NIB), people (name) and machines
 * (name or code) at once, each already limited by the server to what the user may read.
 */
import { useState, type FormEvent } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { EmptyState } from '../../components/empty-state.js';
import { ErrorBanner } from '../../components/error-banner.js';
import { TextField } from '../../components/field.js';
import { Loading } from '../../components/loading.js';
import { Page, Section } from '../../components/page.js';
import { useI18n } from '../../i18n/i18n-context.js';
import type { SearchHit, SearchResult } from '../../lib/contracts.js';
import { useResource } from '../../lib/use-resource.js';

const MIN_LENGTH = 2;

/** The search form, also shown on the home page; it opens the search page with the query. */
export function SearchBox({ initial = '' }: { initial?: string }) {
  const { t } = useI18n();
  const navigate = useNavigate();
  const [q, setQ] = useState(initial);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    void navigate(`/search?q=${encodeURIComponent(q.trim())}`);
  };
  return (
    <form role="search" className="form form-filters" onSubmit={submit} data-testid="search-form">
      <TextField
        type="search"
        label={t('search.label')}
        name="q"
        value={q}
        hint={t('search.placeholder')}
        onChange={(event) => setQ(event.target.value)}
      />
      <div className="button-row">
        <button type="submit">{t('search.submit')}</button>
      </div>
    </form>
  );
}

const hrefOf = (hit: SearchHit) =>
  hit.type === 'organisation'
    ? `/organisations/${hit.id}`
    : hit.type === 'person'
      ? `/organisations/${hit.organisationId}/people/${hit.id}`
      : `/equipment/${hit.id}`;

function Hits({ title, hits, testId }: { title: string; hits: SearchHit[]; testId: string }) {
  const { t } = useI18n();
  return (
    <Section title={title} testId={testId}>
      {hits.length === 0 ? (
        <p className="muted">{t('search.noneOfKind')}</p>
      ) : (
        <ul className="search-hits">
          {hits.map((hit) => (
            <li key={hit.id}>
              <Link to={hrefOf(hit)}>{hit.title}</Link>
              {hit.subtitle && <span className="muted"> — {hit.subtitle}</span>}
            </li>
          ))}
        </ul>
      )}
    </Section>
  );
}

export function SearchPage() {
  const { t } = useI18n();
  const [params] = useSearchParams();
  const q = (params.get('q') ?? '').trim();
  const ready = q.length >= MIN_LENGTH;
  const result = useResource<SearchResult>(ready ? '/api/search' : null, { q, limit: 10 });
  const data = result.data;
  const nothing =
    data && data.organisations.length + data.people.length + data.equipment.length === 0;
  return (
    <Page title={t('search.title')} lead={t('search.lead')}>
      <SearchBox key={q} initial={q} />
      {!ready && q.length > 0 && (
        <p className="muted">{t('search.tooShort', { min: MIN_LENGTH })}</p>
      )}
      {result.loading && <Loading label={t('state.loading')} />}
      <ErrorBanner error={result.error} />
      {nothing && (
        <EmptyState title={t('search.none.title', { q })}>{t('search.none.body')}</EmptyState>
      )}
      {data && !nothing && (
        <>
          <Hits
            title={t('search.organisations')}
            hits={data.organisations}
            testId="search-organisations"
          />
          <Hits title={t('search.people')} hits={data.people} testId="search-people" />
          <Hits title={t('search.equipment')} hits={data.equipment} testId="search-equipment" />
        </>
      )}
    </Page>
  );
}
