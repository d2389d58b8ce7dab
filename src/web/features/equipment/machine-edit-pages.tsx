/** /equipment/new (optionally ?siteId=) and /equipment/:id/edit: the machine form in a page. */
import { Link, useParams, useSearchParams } from 'react-router';
import { Loaded } from '../../components/loaded.js';
import { Page, Section } from '../../components/page.js';
import { useI18n } from '../../i18n/i18n-context.js';
import { useResource } from '../../lib/use-resource.js';
import { MachineForm } from './machine-form.js';
import { machinePath, type MachineT } from './types.js';

export function NewMachinePage() {
  const { t } = useI18n();
  const [params] = useSearchParams();
  return (
    <Page
      title={t('equipment.add')}
      lead={t('machine.form.lead')}
      actions={
        <Link to="/equipment" className="link-button link-button-secondary">
          {t('equipment.backToList')}
        </Link>
      }
    >
      <Section title={t('machine.form.section')}>
        <MachineForm machine={null} initialSiteId={params.get('siteId') ?? ''} />
      </Section>
    </Page>
  );
}

export function EditMachinePage() {
  const { t } = useI18n();
  const { id = '' } = useParams();
  const machine = useResource<MachineT>(machinePath(id));
  return (
    <Page title={machine.data ? `${t('machine.edit')}: ${machine.data.name}` : t('machine.edit')}>
      <Section title={t('machine.form.section')}>
        <Loaded resource={machine}>
          {(current) => <MachineForm key={current.id} machine={current} />}
        </Loaded>
      </Section>
    </Page>
  );
}
