/**
 * /training/sessions/:id — one training session: what and when, who attended and whether they
 * passed. Staff add attendees (people of the site's member organisations), mark them passed or
 * failed, and grant the qualification from a passed attendance.
 */
import { useState, type FormEvent } from 'react';
import { Link, useParams } from 'react-router';
import { useApi } from '../../app/session-context.js';
import { type Column } from '../../components/data-table.js';
import { ErrorBanner, SuccessBanner } from '../../components/error-banner.js';
import { SelectField } from '../../components/field.js';
import { Loaded } from '../../components/loaded.js';
import { SubmitButton } from '../../components/loading.js';
import { Page, Section } from '../../components/page.js';
import { TableOrEmpty } from '../../components/table-or-empty.js';
import { useI18n } from '../../i18n/i18n-context.js';
import { formatDate } from '../../lib/format.js';
import { useCursorList } from '../../lib/use-cursor-list.js';
import { useResource } from '../../lib/use-resource.js';
import { formValues, useSubmit } from '../../lib/use-submit.js';
import { GrantForm, PersonSelect } from './grant-form.js';
import type { AttendanceT, QualificationT, TrainingSessionT } from './types.js';

export function TrainingSessionPage() {
  const { t, locale } = useI18n();
  const { id = '' } = useParams();
  const session = useResource<TrainingSessionT>(`/api/training-sessions/${encodeURIComponent(id)}`);
  const data = session.data;
  return (
    <Page
      title={data?.title ?? t('training.session.detail')}
      lead={
        data &&
        `${t(`capability.${data.machineType}`)} · ${formatDate(data.heldOn, locale)} · ${data.siteName}`
      }
      actions={
        <Link
          to={data ? `/training?siteId=${encodeURIComponent(data.siteId)}` : '/training'}
          className="link-button link-button-secondary"
        >
          {t('training.backToList')}
        </Link>
      }
    >
      <Loaded resource={session}>
        {(current) => <SessionDetail session={current} onChange={session.replace} />}
      </Loaded>
    </Page>
  );
}

export function SessionDetail({
  session,
  onChange,
}: {
  session: TrainingSessionT;
  onChange: (session: TrainingSessionT) => void;
}) {
  const { t, locale } = useI18n();
  const api = useApi();
  const [granting, setGranting] = useState<AttendanceT | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const base = `/api/training-sessions/${encodeURIComponent(session.id)}/attendance`;
  // Who already holds a valid qualification for this machine type here: nothing to grant.
  const held = useCursorList<QualificationT>(session.canEdit ? '/api/qualifications' : null, {
    siteId: session.siteId,
    machineType: session.machineType,
    status: 'valid',
    limit: 200,
  });
  const holds = (personId: string) => held.items.some((q) => q.personId === personId && q.valid);
  const mark = useSubmit(async ({ personId, passed }: { personId: string; passed: boolean }) => {
    onChange(
      await api.put<TrainingSessionT>(`${base}/${encodeURIComponent(personId)}`, { passed }),
    );
  });
  const remove = useSubmit(async (personId: string) => {
    onChange(await api.delete<TrainingSessionT>(`${base}/${encodeURIComponent(personId)}`));
  });
  const act = (run: () => void) => {
    setNotice(null);
    mark.reset();
    remove.reset();
    run();
  };

  const columns: Column<AttendanceT>[] = [
    {
      key: 'person',
      header: t('qualifications.person'),
      render: (a) => (
        <>
          <strong>{a.personName}</strong>
          <br />
          <span className="muted">{a.organisationName}</span>
        </>
      ),
    },
    {
      key: 'result',
      header: t('training.result'),
      render: (a) => (
        <span
          className={`state-chip ${a.passed ? 'state-completed' : 'state-failed'}`}
          data-testid="attendance-result"
        >
          {a.passed ? t('training.passed') : t('training.failed')}
        </span>
      ),
    },
  ];
  if (session.canEdit) {
    columns.push({
      key: 'actions',
      header: t('table.actions'),
      render: (a) => (
        <div className="button-row">
          {a.passed && holds(a.personId) && (
            <span className="state-chip qualification-valid" data-testid="already-qualified">
              {t('training.qualified')}
            </span>
          )}
          {a.passed && !holds(a.personId) && (
            <button
              type="button"
              onClick={() => act(() => setGranting(a))}
              data-testid="grant-from-attendance"
              aria-label={t('qualifications.grantNamed', {
                name: a.personName,
                type: t(`capability.${session.machineType}`),
              })}
            >
              {t('qualifications.grant')}
            </button>
          )}
          <button
            type="button"
            className="button-secondary"
            disabled={mark.pending}
            onClick={() => act(() => void mark.submit({ personId: a.personId, passed: !a.passed }))}
            data-testid={a.passed ? 'mark-failed' : 'mark-passed'}
            aria-label={t(a.passed ? 'training.markFailedNamed' : 'training.markPassedNamed', {
              name: a.personName,
            })}
          >
            {a.passed ? t('training.markFailed') : t('training.markPassed')}
          </button>
          <button
            type="button"
            className="button-danger"
            disabled={remove.pending}
            onClick={() => act(() => void remove.submit(a.personId))}
            aria-label={t('training.removeAttendeeNamed', { name: a.personName })}
          >
            {t('action.remove')}
          </button>
        </div>
      ),
    });
  }

  return (
    <>
      <Section title={t('training.session.about')} testId="session-about">
        <dl className="facts">
          <dt>{t('qualifications.machineType')}</dt>
          <dd>{t(`capability.${session.machineType}`)}</dd>
          <dt>{t('training.session.heldOn')}</dt>
          <dd>{formatDate(session.heldOn, locale)}</dd>
          <dt>{t('training.site')}</dt>
          <dd>{session.siteName}</dd>
          <dt>{t('training.session.trainer')}</dt>
          <dd>{session.trainer.name}</dd>
          <dt>{t('training.session.notes')}</dt>
          <dd>{session.notes ?? '—'}</dd>
        </dl>
      </Section>
      <Section title={t('training.session.attendance')} testId="session-attendance">
        {notice && <SuccessBanner>{notice}</SuccessBanner>}
        <ErrorBanner error={mark.error} />
        <ErrorBanner error={remove.error} />
        <TableOrEmpty
          caption={t('training.session.attendance')}
          columns={columns}
          rows={session.attendance}
          rowKey={(a) => a.personId}
          testId="attendance-table"
          emptyTitle={t('training.attendanceEmpty.title')}
          emptyBody={
            session.canEdit
              ? t('training.attendanceEmpty.bodyEditor')
              : t('training.attendanceEmpty.bodyReader')
          }
        />
        {granting && (
          <GrantForm
            key={granting.personId}
            siteId={session.siteId}
            preset={{
              personId: granting.personId,
              personName: granting.personName,
              machineType: session.machineType,
              trainingSessionId: session.id,
            }}
            onGranted={(q) => {
              setGranting(null);
              held.reload();
              setNotice(
                t('qualifications.grantedNotice', {
                  name: q.personName,
                  type: t(`capability.${q.machineType}`),
                }),
              );
            }}
            onCancel={() => setGranting(null)}
          />
        )}
        {session.canEdit && !granting && (
          <AttendeeForm
            session={session}
            onSaved={(saved) => {
              setNotice(null);
              onChange(saved);
            }}
          />
        )}
      </Section>
    </>
  );
}

function AttendeeForm({
  session,
  onSaved,
}: {
  session: TrainingSessionT;
  onSaved: (session: TrainingSessionT) => void;
}) {
  const { t } = useI18n();
  const api = useApi();
  const [personError, setPersonError] = useState<string | undefined>();
  const add = useSubmit(async ({ personId, passed }: { personId: string; passed: boolean }) => {
    onSaved(
      await api.put<TrainingSessionT>(
        `/api/training-sessions/${encodeURIComponent(session.id)}/attendance/${encodeURIComponent(personId)}`,
        { passed },
      ),
    );
  });
  const onSubmit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = event.currentTarget;
    const values = formValues(form);
    const personId = values['personId'] ?? '';
    if (!personId) {
      setPersonError(t('validation.required'));
      return;
    }
    setPersonError(undefined);
    if (await add.submit({ personId, passed: values['passed'] === 'true' })) form.reset();
  };
  return (
    <form
      className="form form-panel"
      onSubmit={(event) => void onSubmit(event)}
      noValidate
      data-testid="attendee-form"
    >
      <h3>{t('training.addAttendee')}</h3>
      <ErrorBanner error={add.error} />
      <PersonSelect
        siteId={session.siteId}
        name="personId"
        label={t('qualifications.person')}
        error={personError}
        exclude={session.attendance.map((a) => a.personId)}
      />
      <SelectField label={t('training.result')} name="passed" defaultValue="true">
        <option value="true">{t('training.passed')}</option>
        <option value="false">{t('training.failed')}</option>
      </SelectField>
      <SubmitButton
        pending={add.pending}
        label={t('training.addAttendee')}
        pendingLabel={t('action.saving')}
      />
    </form>
  );
}
