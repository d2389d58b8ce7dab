/**
 * Machines the user may see (the API scopes the list), searched by name or code and filtered
 * by site, capability and status. Filters live in the address, so "back" from a machine
 * returns to the same list. Managers add machines and see documents about to expire.
 */
import { Link } from 'react-router';
import { canSee } from '../../app/nav.js';
import { useSession } from '../../app/session-context.js';
import { EmptyState } from '../../components/empty-state.js';
import { SelectField, TextField } from '../../components/field.js';
import { Page, Section } from '../../components/page.js';
import { PagedList } from '../../components/paged-list.js';
import { useI18n } from '../../i18n/i18n-context.js';
import { CAPABILITIES, MACHINE_STATUSES } from '../../lib/contracts.js';
import { useCursorList } from '../../lib/use-cursor-list.js';
import { oneOf, useUrlFilters } from '../../lib/use-url-filters.js';
import { SiteSelect, useSites } from '../organisations/site-select.js';
import { sortedCapabilities } from './capabilities.js';
import { MachineTable } from './machine-table.js';
import type { MachineT } from './types.js';

const PAGE_LIMIT = 25;

export function EquipmentPage() {
  const { t } = useI18n();
  const { roles } = useSession();
  const { params, q, search, setSearch, update, onSubmit, clearFilters } = useUrlFilters([
    'siteId',
    'capability',
    'status',
  ] as const);
  const siteId = params.get('siteId') ?? '';
  const capability = oneOf(CAPABILITIES, params.get('capability'));
  const status = oneOf(MACHINE_STATUSES, params.get('status'));
  const filtered = Boolean(q || siteId || capability || status);
  const list = useCursorList<MachineT>('/api/equipment', {
    q,
    siteId,
    capability,
    status,
    limit: PAGE_LIMIT,
  });
  const sites = useSites();
  const editor = canSee('equipmentNew', roles);

  const actions = editor && (
    <div className="button-row">
      <Link
        to={`/equipment/new${siteId ? `?siteId=${siteId}` : ''}`}
        className="link-button"
        data-testid="add-machine"
      >
        {t('equipment.add')}
      </Link>
      <Link
        to={`/equipment/transfer${siteId ? `?siteId=${siteId}` : ''}`}
        className="link-button link-button-secondary"
        data-testid="open-equipment-transfer"
      >
        {t('transfer.equipment.open')}
      </Link>
      {canSee('equipmentExpiring', roles) && (
        <Link
          to="/equipment/expiring"
          className="link-button link-button-secondary"
          data-testid="open-expiring"
        >
          {t('equipment.expiring.title')}
        </Link>
      )}
    </div>
  );

  const empty = filtered ? (
    <EmptyState
      title={t('equipment.emptyFiltered.title')}
      action={
        <button type="button" className="button-secondary" onClick={clearFilters}>
          {t('action.clearFilters')}
        </button>
      }
    >
      {t('equipment.emptyFiltered.body')}
    </EmptyState>
  ) : (
    <EmptyState title={t('equipment.empty.title')} action={actions || undefined}>
      {editor ? t('equipment.empty.bodyEditor') : t('equipment.empty.bodyReader')}
    </EmptyState>
  );

  return (
    <Page title={t('equipment.title')} lead={t('equipment.lead')} actions={actions}>
      <Section title={t('equipment.filters')}>
        <form className="form form-filters" role="search" onSubmit={onSubmit}>
          <TextField
            label={t('equipment.field.search')}
            name="q"
            type="search"
            autoComplete="off"
            value={search}
            onChange={(event) => setSearch(event.target.value)}
            hint={t('equipment.field.searchHint')}
          />
          <SiteSelect
            sites={sites}
            label={t('equipment.field.site')}
            name="siteId"
            value={siteId}
            onChange={(value) => update({ siteId: value })}
            emptyOption={{ label: t('equipment.allSites'), selectable: true }}
          />
          <SelectField
            label={t('equipment.field.capability')}
            name="capability"
            value={capability}
            onChange={(event) => update({ capability: event.target.value })}
          >
            <option value="">{t('equipment.allCapabilities')}</option>
            {sortedCapabilities(t).map((option) => (
              <option key={option} value={option}>
                {t(`capability.${option}`)}
              </option>
            ))}
          </SelectField>
          <fieldset className="chip-group">
            <legend>{t('equipment.field.status')}</legend>
            <button
              type="button"
              className="filter-chip"
              aria-pressed={status === ''}
              onClick={() => update({ status: '' })}
            >
              {t('equipment.allStatuses')}
            </button>
            {MACHINE_STATUSES.map((option) => (
              <button
                key={option}
                type="button"
                className={`filter-chip machine-status-${option}`}
                aria-pressed={status === option}
                data-testid={`status-filter-${option}`}
                onClick={() => update({ status: status === option ? '' : option })}
              >
                {t(`machineStatus.${option}`)}
              </button>
            ))}
          </fieldset>
          {filtered && (
            <div className="button-row">
              <button type="button" className="button-secondary" onClick={clearFilters}>
                {t('action.clearFilters')}
              </button>
            </div>
          )}
        </form>
      </Section>
      <Section title={t('equipment.list')}>
        <PagedList list={list} empty={empty}>
          {(items) => <MachineTable machines={items} caption={t('equipment.list')} />}
        </PagedList>
      </Section>
    </Page>
  );
}
