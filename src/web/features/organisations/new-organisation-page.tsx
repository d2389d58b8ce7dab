/**
 * Registering an organisation. Site staff register a UMKM as a member of one of their sites;
 * administrators any organisation. Once saved, its profile opens, with any NIK warnings.
 */
import { useNavigate } from 'react-router';
import { Page, Section } from '../../components/page.js';
import { useI18n } from '../../i18n/i18n-context.js';
import type { OrganisationLocationState } from './organisation-detail.js';
import { OrganisationForm } from './organisation-form.js';

export function NewOrganisationPage() {
  const { t } = useI18n();
  const navigate = useNavigate();
  return (
    <Page title={t('organisations.add')} lead={t('organisations.new.lead')}>
      <Section title={t('organisations.profile.title')} testId="new-organisation">
        <OrganisationForm
          onSaved={(saved) => {
            const state: OrganisationLocationState = {
              notice: { saved: 'created', warnings: saved.warnings },
            };
            void navigate(`/organisations/${saved.organisation.id}`, { state });
          }}
          onCancel={() => void navigate('/organisations')}
        />
      </Section>
    </Page>
  );
}
