/**
 * /training — "Pelatihan & kualifikasi" for site staff, per site (a picker when the user has
 * several): the training sessions with a form to record one, and the qualifications granted
 * at the site. The chosen site stays in the address (?siteId=), so a reload keeps it.
 */
import type { FormEvent } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import type { z } from 'zod';
import { useApi } from '../../app/session-context.js';
import { AddToggle } from '../../components/add-toggle.js';
import { DataTable, type Column } from '../../components/data-table.js';
import { EmptyState } from '../../components/empty-state.js';
import { ErrorBanner } from '../../components/error-banner.js';
import { Field, SelectField, TextField } from '../../components/field.js';
import { FormButtons } from '../../components/form-buttons.js';
import { Loading } from '../../components/loading.js';
import { Page, Section } from '../../components/page.js';
import { PagedList } from '../../components/paged-list.js';
import { useI18n } from '../../i18n/i18n-context.js';
import { TrainingSessionRequest } from '../../lib/contracts.js';
import { formatDate } from '../../lib/format.js';
import { useCursorList } from '../../lib/use-cursor-list.js';
import { formValues, useSubmit } from '../../lib/use-submit.js';
import { sortedCapabilities } from '../equipment/capabilities.js';
import { SiteSelect, useSites } from '../organisations/site-select.js';
import { SiteQualifications } from './site-qualifications.js';
import type { TrainingSessionSummaryT, TrainingSessionT } from './types.js';

export const sessionPath = (id: string) => `/training/sessions/${encodeURIComponent(id)}`;

export function TrainingPage() {
  const { t } = useI18n();
  const sites = useSites();
  const [params, setParams] = useSearchParams();
  const only = sites.items.length === 1 ? sites.items[0] : undefined;
  const siteId = params.get('siteId') ?? only?.id ?? '';

  return (
    <Page title={t('nav.training')} lead={t('training.lead')}>
      {sites.items.length > 1 && (
        <div className="form form-filters">
          <SiteSelect
            sites={sites}
            label={t('training.site')}
            name="siteId"
            value={siteId}
            onChange={(value) => setParams(value ? { siteId: value } : {}, { replace: true })}
            emptyOption={{ label: t('training.chooseSite'), selectable: false }}
          />
        </div>
      )}
      {sites.loading ? (
        <Loading label={t('state.loading')} />
      ) : sites.items.length === 0 ? (
        <>
          <ErrorBanner error={sites.error} onRetry={sites.reload} />
          {!sites.error && (
            <EmptyState title={t('training.noSites.title')}>
              {t('training.noSites.body')}
            </EmptyState>
          )}
        </>
      ) : siteId === '' ? (
        <EmptyState title={t('training.chooseSite')}>{t('training.chooseSiteBody')}</EmptyState>
      ) : (
        <div key={siteId}>
          <SessionsSection siteId={siteId} />
          <SiteQualifications siteId={siteId} />
        </div>
      )}
    </Page>
  );
}

function SessionsSection({ siteId }: { siteId: string }) {
  const { t, locale } = useI18n();
  const sessions = useCursorList<TrainingSessionSummaryT>('/api/training-sessions', {
    siteId,
    limit: 50,
  });
  const columns: Column<TrainingSessionSummaryT>[] = [
    {
      key: 'title',
      header: t('training.session.title'),
      render: (s) => (
        <>
          <Link to={sessionPath(s.id)} data-testid="session-link">
            {s.title}
          </Link>
          <br />
          <span className="muted">{t(`capability.${s.machineType}`)}</span>
        </>
      ),
    },
    {
      key: 'heldOn',
      header: t('training.session.heldOn'),
      render: (s) => <span className="nowrap">{formatDate(s.heldOn, locale)}</span>,
    },
    { key: 'trainer', header: t('training.session.trainer'), render: (s) => s.trainer.name },
    {
      key: 'attendees',
      header: t('training.session.attendance'),
      render: (s) => t('training.session.passedOf', { passed: s.passed, attendees: s.attendees }),
    },
  ];
  return (
    <Section title={t('training.sessions')} testId="training-sessions">
      <PagedList
        list={sessions}
        empty={
          <EmptyState title={t('training.sessionsEmpty.title')}>
            {t('training.sessionsEmpty.body')}
          </EmptyState>
        }
      >
        {(items) => (
          <DataTable
            caption={t('training.sessions')}
            columns={columns}
            rows={items}
            rowKey={(s) => s.id}
            testId="session-table"
          />
        )}
      </PagedList>
      <AddToggle label={t('training.addSession')} testId="add-session">
        {(close) => <SessionForm siteId={siteId} onCancel={close} />}
      </AddToggle>
    </Section>
  );
}

function SessionForm({ siteId, onCancel }: { siteId: string; onCancel: () => void }) {
  const { t } = useI18n();
  const api = useApi();
  const navigate = useNavigate();
  const create = useSubmit(async (body: z.output<typeof TrainingSessionRequest>) => {
    const session = await api.post<TrainingSessionT>('/api/training-sessions', body);
    void navigate(sessionPath(session.id));
  }, TrainingSessionRequest);
  const onSubmit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const values = formValues(event.currentTarget);
    await create.submit({
      siteId,
      machineType: values['machineType'] ?? '',
      heldOn: values['heldOn'] ?? '',
      title: (values['title'] ?? '').trim(),
      notes: (values['notes'] ?? '').trim() || null,
    });
  };
  const errors = create.fieldErrors;
  return (
    <form
      className="form form-panel"
      onSubmit={(event) => void onSubmit(event)}
      noValidate
      data-testid="session-form"
    >
      <h3>{t('training.addSession')}</h3>
      <ErrorBanner error={create.error} />
      <SelectField
        label={t('qualifications.machineType')}
        name="machineType"
        defaultValue=""
        error={errors['machineType']}
      >
        <option value="" disabled>
          {t('training.chooseMachineType')}
        </option>
        {sortedCapabilities(t).map((capability) => (
          <option key={capability} value={capability}>
            {t(`capability.${capability}`)}
          </option>
        ))}
      </SelectField>
      <TextField
        label={t('training.session.heldOn')}
        name="heldOn"
        type="date"
        error={errors['heldOn']}
      />
      <TextField
        label={t('training.session.title')}
        name="title"
        maxLength={200}
        hint={t('training.session.titleHint')}
        error={errors['title']}
      />
      <Field label={t('training.session.notes')} error={errors['notes']}>
        {(control) => <textarea name="notes" rows={3} maxLength={2000} {...control} />}
      </Field>
      <FormButtons pending={create.pending} label={t('training.addSession')} onCancel={onCancel} />
    </form>
  );
}
