/**
 * /lots — "Lot & stok": the lots in custody the user may see (site staff and officers: their
 * sites'; members: their own, the API decides), newest first, filtered by status, kind, owner
 * and code (kept in the address). Staff start an intake from here.
 */
import { Link } from 'react-router';
import { canSee } from '../../app/nav.js';
import { useCurrentUser, useSession } from '../../app/session-context.js';
import { DataTable } from '../../components/data-table.js';
import { EmptyState } from '../../components/empty-state.js';
import { Field, SelectField } from '../../components/field.js';
import { Page, Section } from '../../components/page.js';
import { PagedList } from '../../components/paged-list.js';
import { useI18n } from '../../i18n/i18n-context.js';
import { LOT_STATUSES, type OrganisationSummary } from '../../lib/contracts.js';
import { formatDateTime } from '../../lib/format.js';
import { useCursorList } from '../../lib/use-cursor-list.js';
import { oneOf, useUrlFilters } from '../../lib/use-url-filters.js';
import { SiteSelect } from '../organisations/site-select.js';
import { LotStatusChip, useKindName, useProductName } from './lot-status.js';
import { formatKg } from './quantity.js';
import { useSiteZones } from './site-zone.js';
import { LOT_KINDS, lotPath, memberOrgs, type LotSummaryT } from './types.js';

export function LotsPage() {
  const { t, locale } = useI18n();
  const { roles } = useSession();
  const user = useCurrentUser();
  const { sites, zoneOf } = useSiteZones();
  const productName = useProductName();
  const kindName = useKindName();
  const own = memberOrgs(user.grants);
  const browsesSites = roles.some((r) => r !== 'umkm_member' && r !== 'buyer');
  const { params, search, setSearch, update, onSubmit, clearFilters } = useUrlFilters([
    'siteId',
    'status',
    'kind',
    'ownerOrgId',
  ] as const);
  const siteId = params.get('siteId') ?? '';
  const status = oneOf(LOT_STATUSES, params.get('status'));
  const kind = oneOf(LOT_KINDS, params.get('kind'));
  const ownerOrgId = params.get('ownerOrgId') ?? '';
  const q = params.get('q') ?? '';
  const memberSite = siteId || (sites.items.length === 1 ? sites.items[0]!.id : '');
  const siteMembers = useCursorList<OrganisationSummary>(
    browsesSites && memberSite ? '/api/organisations' : null,
    { siteId: memberSite, limit: 200 },
  );
  const owners = browsesSites ? siteMembers.items.map((o) => ({ id: o.id, name: o.name })) : own;
  const list = useCursorList<LotSummaryT>('/api/lots', {
    siteId,
    status,
    kind,
    ownerOrgId,
    q,
    limit: 50,
  });
  const filtered = Boolean(siteId || status || kind || ownerOrgId || q);

  return (
    <Page
      title={t('lots.title')}
      lead={t(browsesSites ? 'lots.leadStaff' : 'lots.leadMember')}
      actions={
        canSee('lotIntake', roles) ? (
          <Link to="/lots/intake" className="link-button" data-testid="start-intake">
            {t('nav.lotIntake')}
          </Link>
        ) : undefined
      }
    >
      <form className="form form-filters" role="search" onSubmit={onSubmit}>
        <Field label={t('lots.search')}>
          {(control) => (
            <input
              type="search"
              name="q"
              value={search}
              placeholder={t('lots.searchPlaceholder')}
              onChange={(event) => setSearch(event.target.value)}
              {...control}
            />
          )}
        </Field>
        {browsesSites && sites.items.length > 1 && (
          <SiteSelect
            sites={sites}
            label={t('toll.field.site')}
            name="siteId"
            value={siteId}
            onChange={(value) => update({ siteId: value, ownerOrgId: '' })}
            emptyOption={{ label: t('equipment.allSites'), selectable: true }}
          />
        )}
        <SelectField
          label={t('lots.filter.status')}
          name="status"
          value={status}
          onChange={(event) => update({ status: event.target.value })}
        >
          <option value="">{t('lots.filter.allStatuses')}</option>
          {LOT_STATUSES.map((s) => (
            <option key={s} value={s}>
              {t(`lotStatus.${s}`)}
            </option>
          ))}
        </SelectField>
        <SelectField
          label={t('lots.filter.kind')}
          name="kind"
          value={kind}
          onChange={(event) => update({ kind: event.target.value })}
        >
          <option value="">{t('lots.filter.allKinds')}</option>
          {LOT_KINDS.map((k) => (
            <option key={k} value={k}>
              {kindName(k)}
            </option>
          ))}
        </SelectField>
        {owners.length > 1 && (
          <SelectField
            label={t('toll.field.owner')}
            name="ownerOrgId"
            value={ownerOrgId}
            onChange={(event) => update({ ownerOrgId: event.target.value })}
          >
            <option value="">{t('lots.filter.allOwners')}</option>
            {owners.map((o) => (
              <option key={o.id} value={o.id}>
                {o.name}
              </option>
            ))}
          </SelectField>
        )}
        {filtered && (
          <div className="button-row">
            <button type="button" className="button-secondary" onClick={clearFilters}>
              {t('action.clearFilters')}
            </button>
          </div>
        )}
      </form>
      <Section title={t('lots.list')} testId="lots">
        <PagedList
          list={list}
          empty={
            <EmptyState
              title={t(filtered ? 'lots.empty.filtered.title' : 'lots.empty.title')}
              action={
                canSee('lotIntake', roles) && !filtered ? (
                  <Link to="/lots/intake" className="link-button">
                    {t('nav.lotIntake')}
                  </Link>
                ) : undefined
              }
            >
              {t(
                filtered
                  ? 'lots.empty.filtered.body'
                  : browsesSites
                    ? 'lots.empty.bodyStaff'
                    : 'lots.empty.bodyMember',
              )}
            </EmptyState>
          }
        >
          {(items) => (
            <DataTable
              caption={t('lots.list')}
              testId="lot-table"
              rows={items}
              rowKey={(l) => l.id}
              columns={[
                {
                  key: 'code',
                  header: t('lot.code'),
                  render: (l) => (
                    <Link to={lotPath(l.id)} data-testid="lot-link" className="lot-code">
                      {l.code}
                    </Link>
                  ),
                },
                {
                  key: 'product',
                  header: t('toll.field.product'),
                  render: (l) =>
                    `${productName(l.productType, l.productName)} · ${kindName(l.kind)}`,
                },
                {
                  key: 'owner',
                  header: t('toll.field.owner'),
                  render: (l) => l.ownerName ?? t('lot.pooled'),
                },
                {
                  key: 'kg',
                  header: t('lot.remainingOfQuantity'),
                  className: 'numeric',
                  render: (l) =>
                    `${formatKg(l.remainingKg, locale)} / ${formatKg(l.quantityKg, locale)}`,
                },
                {
                  key: 'status',
                  header: t('lot.status'),
                  render: (l) => <LotStatusChip status={l.status} />,
                },
                {
                  key: 'received',
                  header: t('lot.receivedAt'),
                  render: (l) => formatDateTime(l.receivedAt, zoneOf(l.siteId), locale),
                },
              ]}
            />
          )}
        </PagedList>
      </Section>
    </Page>
  );
}
