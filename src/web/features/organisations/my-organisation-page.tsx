/**
 * "My organisation" for UMKM members and buyers: the API lists only their own organisation,
 * so the page is its profile. Someone linked to several sees them listed; someone linked to
 * none is told whom to ask.
 */
import { EmptyState } from '../../components/empty-state.js';
import { Page } from '../../components/page.js';
import { PagedList } from '../../components/paged-list.js';
import { useI18n } from '../../i18n/i18n-context.js';
import { useCursorList } from '../../lib/use-cursor-list.js';
import { OrganisationDetail } from './organisation-detail.js';
import { OrganisationTable } from './organisation-table.js';
import type { OrganisationSummaryT } from './types.js';

export function MyOrganisationPage() {
  const { t } = useI18n();
  const list = useCursorList<OrganisationSummaryT>('/api/organisations', { limit: 50 });
  const only = !list.loading && list.items.length === 1 ? list.items[0] : undefined;
  if (only) return <OrganisationDetail id={only.id} />;
  return (
    <Page title={t('nav.myOrganisation')} lead={t('organisations.mine.lead')}>
      <PagedList
        list={list}
        empty={
          <EmptyState title={t('organisations.mine.empty.title')}>
            {t('organisations.mine.empty.body')}
          </EmptyState>
        }
      >
        {(items) => <OrganisationTable organisations={items} caption={t('nav.myOrganisation')} />}
      </PagedList>
    </Page>
  );
}
