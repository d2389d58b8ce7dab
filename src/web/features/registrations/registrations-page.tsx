/**
 * /registrations — "Pendaftaran": UMKM that registered themselves, for the managers of the site
 * they chose (and administrators). Each request shows what the applicant sent; a manager
 * approves it (the organisation joins the site, the applicant becomes its member) or rejects
 * it with a reason that is e-mailed to the applicant. Times are in the site's zone.
 */
import { useState, type FormEvent } from 'react';
import { useApi } from '../../app/session-context.js';
import { EmptyState } from '../../components/empty-state.js';
import { ErrorBanner, SuccessBanner } from '../../components/error-banner.js';
import { Field, SelectField } from '../../components/field.js';
import { SubmitButton } from '../../components/loading.js';
import { Page, Section } from '../../components/page.js';
import { PagedList } from '../../components/paged-list.js';
import { useI18n } from '../../i18n/i18n-context.js';
import { asApiError, type ApiError } from '../../lib/api.js';
import { REGISTRATION_STATUSES, RejectRegistrationRequest } from '../../lib/contracts.js';
import { formatDateTime } from '../../lib/format.js';
import { useCursorList } from '../../lib/use-cursor-list.js';
import { formValues, useSubmit } from '../../lib/use-submit.js';
import type { RegistrationStatusT, RegistrationT } from './types.js';

export function RegistrationsPage() {
  const { t } = useI18n();
  const [status, setStatus] = useState<RegistrationStatusT>('pending');
  const [notice, setNotice] = useState<string | null>(null);
  const list = useCursorList<RegistrationT>('/api/registrations', { status, limit: 20 });

  const decided = (r: RegistrationT) => {
    const names = { organisation: r.organisation.name, site: r.site.name };
    setNotice(
      r.status === 'approved'
        ? t('registrations.approvedNotice', names)
        : t('registrations.rejectedNotice', names),
    );
    list.reload();
  };

  return (
    <Page title={t('registrations.title')} lead={t('registrations.lead')}>
      {notice && <SuccessBanner>{notice}</SuccessBanner>}
      <div className="form form-filters">
        <SelectField
          label={t('registrations.status')}
          name="status"
          value={status}
          onChange={(event) => {
            setNotice(null);
            setStatus(event.target.value as RegistrationStatusT);
          }}
        >
          {REGISTRATION_STATUSES.map((option) => (
            <option key={option} value={option}>
              {t(`registrations.status.${option}`)}
            </option>
          ))}
        </SelectField>
      </div>
      <PagedList
        list={list}
        empty={
          <EmptyState
            title={
              status === 'pending'
                ? t('registrations.empty.pending')
                : t('registrations.empty.decided')
            }
          >
            {t('registrations.empty.body')}
          </EmptyState>
        }
      >
        {(items) => (
          <div data-testid="registrations">
            {items.map((r) => (
              <RegistrationCard key={r.id} registration={r} onDecided={decided} />
            ))}
          </div>
        )}
      </PagedList>
    </Page>
  );
}

function RegistrationCard({
  registration: r,
  onDecided,
}: {
  registration: RegistrationT;
  onDecided: (r: RegistrationT) => void;
}) {
  const { t, locale } = useI18n();
  const when = (instant: string) => formatDateTime(instant, r.site.timeZone, locale);
  const o = r.organisation;
  const place = [o.address, o.regency, o.province].filter(Boolean).join(', ');
  return (
    <Section title={o.name} testId="registration">
      <dl className="facts">
        <dt>{t('registrations.site')}</dt>
        <dd>{`${r.site.name} (${r.site.code})`}</dd>
        <dt>{t('organisations.field.nib')}</dt>
        <dd>{o.nib ?? '—'}</dd>
        <dt>{t('organisations.field.npwp')}</dt>
        <dd>{o.npwp ?? '—'}</dd>
        {o.legalForm && (
          <>
            <dt>{t('organisations.field.legalForm')}</dt>
            <dd>{t(`legalForm.${o.legalForm}`)}</dd>
          </>
        )}
        <dt>{t('organisations.field.ownerName')}</dt>
        <dd>{[o.ownerName, o.ownerNik].filter(Boolean).join(' · ') || '—'}</dd>
        <dt>{t('registrations.kbli')}</dt>
        <dd>
          <ul className="kbli-list">
            {o.kbli.map((k) => (
              <li key={k.code}>
                <span>
                  <code>{k.code}</code> {k.title}
                </span>
              </li>
            ))}
          </ul>
        </dd>
        {place && (
          <>
            <dt>{t('organisations.field.address')}</dt>
            <dd>{place}</dd>
          </>
        )}
        {(o.phone || o.email) && (
          <>
            <dt>{t('organisations.field.phone')}</dt>
            <dd>{[o.phone, o.email].filter(Boolean).join(' · ')}</dd>
          </>
        )}
        <dt>{t('registrations.applicant')}</dt>
        <dd>{`${r.applicant.name} · ${r.applicant.email}`}</dd>
        <dt>{t('registrations.submittedAt')}</dt>
        <dd>{when(r.submittedAt)}</dd>
        {r.status !== 'pending' && (
          <>
            <dt>{t('registrations.status')}</dt>
            <dd>
              {t(`registrations.status.${r.status}`)}
              {' — '}
              {t('registrations.decided', {
                time: r.decidedAt ? when(r.decidedAt) : '—',
                by: r.decidedBy ?? '—',
              })}
              {r.rejectReason && <p>{t('myRegistration.reason', { reason: r.rejectReason })}</p>}
            </dd>
          </>
        )}
      </dl>
      {r.status === 'pending' && <Decision registration={r} onDecided={onDecided} />}
    </Section>
  );
}

function Decision({
  registration,
  onDecided,
}: {
  registration: RegistrationT;
  onDecided: (r: RegistrationT) => void;
}) {
  const { t } = useI18n();
  const api = useApi();
  const [rejecting, setRejecting] = useState(false);
  const [approving, setApproving] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const base = `/api/registrations/${encodeURIComponent(registration.id)}`;

  const approve = async () => {
    setApproving(true);
    setError(null);
    try {
      onDecided(await api.post<RegistrationT>(`${base}/approve`));
    } catch (caught) {
      setError(asApiError(caught));
      setApproving(false);
    }
  };

  const reject = useSubmit(
    async (body: { reason: string }) =>
      onDecided(await api.post<RegistrationT>(`${base}/reject`, body)),
    RejectRegistrationRequest,
  );
  const onReject = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    await reject.submit({ reason: formValues(event.currentTarget)['reason'] ?? '' });
  };

  return (
    <>
      <ErrorBanner error={error} />
      {!rejecting && (
        <div className="button-row">
          <button
            type="button"
            disabled={approving}
            aria-busy={approving}
            onClick={() => void approve()}
            data-testid="registration-approve"
          >
            {t('registrations.approve')}
          </button>
          <button
            type="button"
            className="button-danger"
            disabled={approving}
            onClick={() => setRejecting(true)}
            data-testid="registration-reject"
          >
            {t('registrations.reject')}
          </button>
        </div>
      )}
      {rejecting && (
        <form
          className="form form-panel"
          onSubmit={(event) => void onReject(event)}
          noValidate
          data-testid="registration-reject-form"
        >
          <ErrorBanner error={reject.error} />
          <Field
            label={t('registrations.rejectReason')}
            hint={t('registrations.rejectReasonHint')}
            error={reject.fieldErrors['reason']}
          >
            {(control) => <textarea name="reason" rows={3} maxLength={500} {...control} />}
          </Field>
          <div className="button-row">
            <SubmitButton
              className="button-danger"
              pending={reject.pending}
              label={t('registrations.rejectConfirm')}
              pendingLabel={t('action.saving')}
            />
            <button
              type="button"
              className="button-secondary"
              onClick={() => {
                reject.reset();
                setRejecting(false);
              }}
            >
              {t('action.cancel')}
            </button>
          </div>
        </form>
      )}
    </>
  );
}
