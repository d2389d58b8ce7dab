/**
 * /organisations/:id/people/:personId — one person and their qualifications: machine type,
 * granting site, dates, the expiry with the shared highlighting, valid / lapsed / revoked.
 */
import { Link, useParams } from 'react-router';
import { EmptyState } from '../../components/empty-state.js';
import { Loaded } from '../../components/loaded.js';
import { Page, Section } from '../../components/page.js';
import { useI18n } from '../../i18n/i18n-context.js';
import { useResource } from '../../lib/use-resource.js';
import { QualificationTable } from './qualification-table.js';
import type { PersonT, QualificationT } from './types.js';

export function PersonPage() {
  const { t } = useI18n();
  const { id = '', personId = '' } = useParams();
  const path = `/api/organisations/${encodeURIComponent(id)}/people/${encodeURIComponent(personId)}`;
  const person = useResource<PersonT>(path);
  const qualifications = useResource<{ items: QualificationT[] }>(`${path}/qualifications`);
  const data = person.data;

  return (
    <Page
      title={data?.name ?? t('people.detail')}
      lead={
        data && (
          <>
            {t(`personRole.${data.role}`)} · {data.organisationName}
            {!data.active && ` · ${t('people.inactive')}`}
          </>
        )
      }
      actions={
        <Link
          to={`/organisations/${encodeURIComponent(id)}`}
          className="link-button link-button-secondary"
        >
          {t('people.backToOrganisation')}
        </Link>
      }
    >
      <Loaded resource={person}>
        {(current) => (
          <Section title={t('qualifications.title')} testId="person-qualifications">
            <Loaded resource={qualifications}>
              {(list) =>
                list.items.length === 0 ? (
                  <EmptyState title={t('people.qualificationsEmpty.title')}>
                    {t('people.qualificationsEmpty.body', { name: current.name })}
                  </EmptyState>
                ) : (
                  <QualificationTable
                    qualifications={list.items}
                    caption={t('qualifications.title')}
                    showPerson={false}
                  />
                )
              }
            </Loaded>
          </Section>
        )}
      </Loaded>
    </Page>
  );
}
