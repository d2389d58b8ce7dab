/**
 * Organisations the user may see (the API scopes the list: all, a programme's, a site's
 * members), searched by name or NIB and filtered by kind, site and size class. Filters live in
 * the address, so "back" from a profile returns to the same list. Those who register members
 * get "Add" and "Import/Export"; programme officers may export.
 */
import { Link } from 'react-router';
import { canSee } from '../../app/nav.js';
import { useSession } from '../../app/session-context.js';
import { EmptyState } from '../../components/empty-state.js';
import { SelectField, TextField } from '../../components/field.js';
import { Page, Section } from '../../components/page.js';
import { PagedList } from '../../components/paged-list.js';
import { useI18n } from '../../i18n/i18n-context.js';
import { toQueryString } from '../../lib/api.js';
import { ORGANISATION_KINDS, SIZE_CLASSES } from '../../lib/contracts.js';
import { useCursorList } from '../../lib/use-cursor-list.js';
import { oneOf, useUrlFilters } from '../../lib/use-url-filters.js';
import { OrganisationTable } from './organisation-table.js';
import { SiteSelect, useSites } from './site-select.js';
import type { OrganisationKind, OrganisationSummaryT, SizeClass } from './types.js';

const PAGE_LIMIT = 25;
/** Wait for a pause in typing before asking the server. */

/** The filters, as kept in the address (?q=…&kind=…). */

export function OrganisationsPage() {
  const { t } = useI18n();
  const { roles } = useSession();
  const { params, q, search, setSearch, update, onSubmit, clearFilters } = useUrlFilters([
    'kind',
    'sizeClass',
    'siteId',
  ] as const);
  const kind: OrganisationKind | '' = oneOf(ORGANISATION_KINDS, params.get('kind'));
  const sizeClass: SizeClass | '' = oneOf(SIZE_CLASSES, params.get('sizeClass'));
  const siteId = params.get('siteId') ?? '';
  const filtered = Boolean(q || kind || sizeClass || siteId);

  const list = useCursorList<OrganisationSummaryT>('/api/organisations', {
    q,
    kind,
    sizeClass,
    siteId,
    limit: PAGE_LIMIT,
  });
  const sites = useSites();
  const registrar = canSee('organisationNew', roles);

  const transferLink = `/organisations/transfer${toQueryString({ kind, siteId })}`;
  const actions = (
    <div className="button-row">
      {registrar && (
        <Link to="/organisations/new" className="link-button" data-testid="add-organisation">
          {t('organisations.add')}
        </Link>
      )}
      {canSee('organisationTransfer', roles) && (
        <Link
          to={transferLink}
          className="link-button link-button-secondary"
          data-testid="open-transfer"
        >
          {registrar ? t('organisations.importExport') : t('organisations.export')}
        </Link>
      )}
    </div>
  );

  let empty;
  if (filtered) {
    empty = (
      <EmptyState
        title={t('organisations.emptyFiltered.title')}
        action={
          <button type="button" className="button-secondary" onClick={clearFilters}>
            {t('action.clearFilters')}
          </button>
        }
      >
        {t('organisations.emptyFiltered.body')}
      </EmptyState>
    );
  } else if (registrar) {
    empty = (
      <EmptyState title={t('organisations.empty.title')} action={actions}>
        {t('organisations.empty.bodyRegistrar')}
      </EmptyState>
    );
  } else {
    empty = (
      <EmptyState title={t('organisations.empty.title')}>
        {t('organisations.empty.bodyReader')}
      </EmptyState>
    );
  }

  return (
    <Page title={t('organisations.title')} lead={t('organisations.lead')} actions={actions}>
      <Section title={t('organisations.filters')}>
        <form className="form form-filters" role="search" onSubmit={onSubmit}>
          <TextField
            label={t('organisations.field.search')}
            name="q"
            type="search"
            autoComplete="off"
            value={search}
            onChange={(event) => setSearch(event.target.value)}
            hint={t('organisations.field.searchHint')}
          />
          <SelectField
            label={t('organisations.field.kind')}
            name="kind"
            value={kind}
            onChange={(event) => update({ kind: event.target.value })}
          >
            <option value="">{t('organisations.allKinds')}</option>
            {ORGANISATION_KINDS.map((option) => (
              <option key={option} value={option}>
                {t(`organisationKind.${option}`)}
              </option>
            ))}
          </SelectField>
          <SiteSelect
            sites={sites}
            label={t('organisations.field.site')}
            name="siteId"
            value={siteId}
            onChange={(value) => update({ siteId: value })}
            emptyOption={{ label: t('organisations.allSites'), selectable: true }}
          />
          <SizeClassFilter value={sizeClass} onChange={(value) => update({ sizeClass: value })} />
          {filtered && (
            <div className="button-row">
              <button type="button" className="button-secondary" onClick={clearFilters}>
                {t('action.clearFilters')}
              </button>
            </div>
          )}
        </form>
      </Section>
      <Section title={t('organisations.list')}>
        <PagedList list={list} empty={empty}>
          {(items) => <OrganisationTable organisations={items} caption={t('organisations.list')} />}
        </PagedList>
      </Section>
    </Page>
  );
}

/** Size classes as toggle chips: one tap filters, a second tap (or "All") clears. */
function SizeClassFilter({
  value,
  onChange,
}: {
  value: SizeClass | '';
  onChange: (value: SizeClass | '') => void;
}) {
  const { t } = useI18n();
  return (
    <fieldset className="chip-group">
      <legend>{t('organisations.field.sizeClass')}</legend>
      <button
        type="button"
        className="filter-chip"
        aria-pressed={value === ''}
        onClick={() => onChange('')}
      >
        {t('organisations.allSizeClasses')}
      </button>
      {SIZE_CLASSES.map((option) => (
        <button
          key={option}
          type="button"
          className={`filter-chip size-${option}`}
          aria-pressed={value === option}
          data-testid={`size-filter-${option}`}
          onClick={() => onChange(value === option ? '' : option)}
        >
          {t(`sizeClass.${option}`)}
        </button>
      ))}
    </fieldset>
  );
}
