/**
 * The sites the user may see (the API scopes the list), each with its zone and local time, so
 * a manager in Jakarta knows it is already evening at a site in Jayapura.
 */
import { EmptyState } from '../../components/empty-state.js';
import { Page } from '../../components/page.js';
import { PagedList } from '../../components/paged-list.js';
import { useI18n } from '../../i18n/i18n-context.js';
import type { SiteSummary } from '../../lib/contracts.js';
import { useCursorList } from '../../lib/use-cursor-list.js';
import { SiteTable } from './site-table.js';

export function SitesPage() {
  const { t } = useI18n();
  const list = useCursorList<SiteSummary>('/api/sites', { limit: 50 });
  return (
    <Page title={t('sites.title')} lead={t('sites.lead')}>
      <PagedList list={list} empty={<NoSites />}>
        {(sites) => <SiteTable sites={sites} />}
      </PagedList>
    </Page>
  );
}

export function NoSites() {
  const { t } = useI18n();
  return <EmptyState title={t('sites.empty.title')}>{t('sites.empty.body')}</EmptyState>;
}
