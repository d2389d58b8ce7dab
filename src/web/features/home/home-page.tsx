/**
 * Home: who I am here (roles and where they apply) and the sites I can see. Only real data:
 * no sample numbers, and an empty state that says what to do when there is nothing yet.
 */
import { Link } from 'react-router';
import { canSee } from '../../app/nav.js';
import { useCurrentUser, useSession } from '../../app/session-context.js';
import { EmptyState } from '../../components/empty-state.js';
import { GrantList } from '../../components/grant-list.js';
import { Page, Section } from '../../components/page.js';
import { PagedList } from '../../components/paged-list.js';
import { useI18n } from '../../i18n/i18n-context.js';
import type { SiteSummary } from '../../lib/contracts.js';
import { useCursorList } from '../../lib/use-cursor-list.js';
import { MyRegistrationStatus } from '../registrations/my-registration.js';
import { SearchBox } from '../search/search-page.js';
import { NoSites } from '../sites/sites-page.js';
import { SiteTable } from '../sites/site-table.js';

/** Home shows a glimpse; the sites page has them all. */
const HOME_SITE_LIMIT = 5;

export function HomePage() {
  const { t } = useI18n();
  const { roles } = useSession();
  const user = useCurrentUser();
  const sites = useCursorList<SiteSummary>('/api/sites', { limit: HOME_SITE_LIMIT });
  const sitesPage = canSee('sites', roles);

  return (
    <Page title={t('home.greeting', { name: user.name })} lead={t('home.lead')}>
      <SearchBox />
      <Section title={t('home.roles')} testId="home-roles">
        {user.grants.length > 0 ? (
          <GrantList grants={user.grants} />
        ) : (
          // Someone who registered their UMKM has no role until the site approves: say so.
          <MyRegistrationStatus
            fallback={
              <EmptyState title={t('home.noRoles.title')}>{t('home.noRoles.body')}</EmptyState>
            }
          />
        )}
      </Section>
      <Section title={t('home.sites')} testId="home-sites">
        {/* The server decides what each user may see; an empty answer is a real "none". */}
        <PagedList list={sites} empty={<NoSites />} paginate={false}>
          {(items) => (
            <>
              <SiteTable sites={items} />
              {sitesPage && sites.hasMore && (
                <p>
                  <Link to="/sites">{t('home.allSites')}</Link>
                </p>
              )}
            </>
          )}
        </PagedList>
      </Section>
    </Page>
  );
}
