/** Qualifications granted at a site that lapse within 60 days, soonest first. */
import { Link } from 'react-router';
import { EmptyState } from '../../components/empty-state.js';
import { Section } from '../../components/page.js';
import { PagedList } from '../../components/paged-list.js';
import { useI18n } from '../../i18n/i18n-context.js';
import { useCursorList } from '../../lib/use-cursor-list.js';
import { QualificationTable } from './qualification-table.js';
import type { QualificationT } from './types.js';

const WITHIN_DAYS = 60;

export function ExpiringQualifications({ siteId }: { siteId: string }) {
  const { t } = useI18n();
  const list = useCursorList<QualificationT>('/api/qualifications', {
    siteId,
    expiringWithinDays: WITHIN_DAYS,
    limit: 50,
  });
  return (
    <Section
      title={t('qualifications.expiringTitle', { days: WITHIN_DAYS })}
      testId="site-qualifications"
    >
      <PagedList
        list={list}
        empty={
          <EmptyState title={t('qualifications.expiringEmpty.title')}>
            {t('qualifications.expiringEmpty.body', { days: WITHIN_DAYS })}
          </EmptyState>
        }
      >
        {(items) => (
          <QualificationTable
            qualifications={items}
            caption={t('qualifications.title')}
            showPerson
          />
        )}
      </PagedList>
      <div className="section-actions">
        <Link to={`/training?siteId=${encodeURIComponent(siteId)}`} className="link-button">
          {t('training.manage')}
        </Link>
      </div>
    </Section>
  );
}
