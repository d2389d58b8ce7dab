/**
 * /sites/:id — one site: profile, weekly opening hours, holidays, its machines, and for site
 * staff the qualifications granted there that expire soon. A site outside the user's
 * scope is "not found" (404).
 */
import { Link, useParams } from 'react-router';
import { canSee } from '../../app/nav.js';
import { useApi, useSession } from '../../app/session-context.js';
import { EmptyState } from '../../components/empty-state.js';
import { Loaded } from '../../components/loaded.js';
import { Page, Section } from '../../components/page.js';
import { PagedList } from '../../components/paged-list.js';
import { useI18n } from '../../i18n/i18n-context.js';
import type { SiteDetail } from '../../lib/contracts.js';
import { zoneLabel } from '../../lib/format.js';
import { useCursorList } from '../../lib/use-cursor-list.js';
import { useResource } from '../../lib/use-resource.js';
import { MachineTable } from '../equipment/machine-table.js';
import type { MachineT } from '../equipment/types.js';
import { ExpiringQualifications } from '../qualifications/expiring-qualifications.js';
import { HolidaysSection } from './holidays-section.js';
import type { FlatInterval } from './opening-hours.js';
import { OpeningHoursEditor } from './opening-hours-editor.js';
import { SiteProfile } from './site-profile.js';

export function SitePage() {
  const { t } = useI18n();
  const api = useApi();
  const { roles } = useSession();
  const { id = '' } = useParams();
  const path = `/api/sites/${encodeURIComponent(id)}`;
  const site = useResource<SiteDetail>(path);
  const machines = useCursorList<MachineT>('/api/equipment', { siteId: id, limit: 50 });
  const data = site.data;
  // Site staff see which qualifications granted here lapse soon.
  const staff = roles.some((role) =>
    ['administrator', 'site_manager', 'site_operator'].includes(role),
  );

  return (
    <Page
      title={data ? `${data.name} (${data.code})` : t('site.detail')}
      lead={data && `${data.regency}, ${data.province} · ${zoneLabel(data.timeZone)}`}
      actions={
        <div className="button-row">
          {data && canSee('siteBilling', roles) && (
            <Link
              to={`/sites/${data.id}/billing`}
              className="link-button link-button-secondary"
              data-testid="open-site-billing"
            >
              {t('billingSettings.open')}
            </Link>
          )}
          <Link to="/sites" className="link-button link-button-secondary">
            {t('site.backToList')}
          </Link>
        </div>
      }
    >
      <Loaded resource={site}>
        {(current) => (
          <>
            <SiteProfile site={current} onSaved={site.replace} />
            <Section title={t('hours.title')} testId="site-hours">
              <OpeningHoursEditor
                key={current.updatedAt}
                intervals={current.openingHours}
                timeZone={current.timeZone}
                canEdit={current.canEdit}
                onSave={async (intervals) =>
                  (
                    await api.put<{ intervals: FlatInterval[] }>(`${path}/opening-hours`, {
                      intervals,
                    })
                  ).intervals
                }
              />
            </Section>
            <HolidaysSection
              siteId={current.id}
              timeZone={current.timeZone}
              canEdit={current.canEdit}
            />
            <Section title={t('site.machines')} testId="site-machines">
              <PagedList
                list={machines}
                empty={
                  <EmptyState
                    title={t('equipment.empty.title')}
                    action={
                      canSee('equipmentNew', roles) && current.canEdit ? (
                        <Link to={`/equipment/new?siteId=${current.id}`} className="link-button">
                          {t('equipment.add')}
                        </Link>
                      ) : undefined
                    }
                  >
                    {current.canEdit
                      ? t('equipment.empty.bodyEditor')
                      : t('equipment.empty.bodyReader')}
                  </EmptyState>
                }
              >
                {(items) => (
                  <MachineTable machines={items} caption={t('site.machines')} showSite={false} />
                )}
              </PagedList>
            </Section>
            {staff && <ExpiringQualifications siteId={current.id} />}
          </>
        )}
      </Loaded>
    </Page>
  );
}
