/**
 * The qualifications granted at a site, for its staff: all of them or only those lapsing within
 * 30 days; grant one directly, record a use (moves the expiry on), revoke with a reason.
 */
import { useState, type FormEvent } from 'react';
import { useApi } from '../../app/session-context.js';
import { EmptyState } from '../../components/empty-state.js';
import { ErrorBanner, SuccessBanner } from '../../components/error-banner.js';
import { TextField } from '../../components/field.js';
import { SubmitButton } from '../../components/loading.js';
import { Section } from '../../components/page.js';
import { PagedList } from '../../components/paged-list.js';
import { useI18n } from '../../i18n/i18n-context.js';
import { EXPIRY_WARNING_DAYS } from '../../lib/expiry.js';
import { useCursorList } from '../../lib/use-cursor-list.js';
import { formValues, useSubmit } from '../../lib/use-submit.js';
import { GrantForm } from './grant-form.js';
import { QualificationTable } from './qualification-table.js';
import type { QualificationT } from './types.js';

type Filter = 'all' | 'expiring';

export function SiteQualifications({ siteId }: { siteId: string }) {
  const { t } = useI18n();
  const api = useApi();
  const [filter, setFilter] = useState<Filter>('all');
  const [granting, setGranting] = useState(false);
  const [revoking, setRevoking] = useState<QualificationT | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const list = useCursorList<QualificationT>('/api/qualifications', {
    siteId,
    expiringWithinDays: filter === 'expiring' ? EXPIRY_WARNING_DAYS : undefined,
    limit: 50,
  });
  const use = useSubmit(async (q: QualificationT) => {
    setNotice(null);
    await api.post(`/api/qualifications/${encodeURIComponent(q.id)}/use`, {});
    setNotice(t('qualifications.useRecorded', { name: q.personName }));
    list.reload();
  });

  const actions = (q: QualificationT) =>
    q.canEdit && q.status === 'valid' && q.valid ? (
      <div className="button-row">
        <button
          type="button"
          className="button-secondary"
          disabled={use.pending}
          onClick={() => void use.submit(q)}
          data-testid="record-use"
          aria-label={t('qualifications.recordUseNamed', { name: q.personName })}
        >
          {t('qualifications.recordUse')}
        </button>
        <button
          type="button"
          className="button-danger"
          onClick={() => {
            setGranting(false);
            setRevoking(q);
          }}
          data-testid="revoke"
          aria-label={t('qualifications.revokeNamed', { name: q.personName })}
        >
          {t('qualifications.revoke')}
        </button>
      </div>
    ) : null;

  return (
    <Section title={t('qualifications.siteTitle')} testId="training-qualifications">
      <fieldset className="chip-group">
        <legend>{t('people.show')}</legend>
        {(['all', 'expiring'] as const).map((option) => (
          <button
            key={option}
            type="button"
            className="filter-chip"
            aria-pressed={filter === option}
            onClick={() => setFilter(option)}
            data-testid={`qualification-filter-${option}`}
          >
            {option === 'all'
              ? t('qualifications.filter.all')
              : t('qualifications.filter.expiring', { days: EXPIRY_WARNING_DAYS })}
          </button>
        ))}
      </fieldset>
      {notice && <SuccessBanner>{notice}</SuccessBanner>}
      <ErrorBanner error={use.error} />
      <PagedList
        list={list}
        empty={
          filter === 'expiring' ? (
            <EmptyState title={t('qualifications.expiringEmpty.title')}>
              {t('qualifications.expiringEmpty.body', { days: EXPIRY_WARNING_DAYS })}
            </EmptyState>
          ) : (
            <EmptyState title={t('qualifications.siteEmpty.title')}>
              {t('qualifications.siteEmpty.body')}
            </EmptyState>
          )
        }
      >
        {(items) => (
          <QualificationTable
            qualifications={items}
            caption={t('qualifications.siteTitle')}
            showPerson
            actions={actions}
          />
        )}
      </PagedList>
      {revoking && (
        <RevokeForm
          key={revoking.id}
          qualification={revoking}
          onDone={() => {
            setNotice(t('qualifications.revoked', { name: revoking.personName }));
            setRevoking(null);
            list.reload();
          }}
          onCancel={() => setRevoking(null)}
        />
      )}
      {!granting && !revoking && (
        <div className="section-actions">
          <button type="button" onClick={() => setGranting(true)} data-testid="grant-direct">
            {t('qualifications.grant')}
          </button>
        </div>
      )}
      {granting && (
        <GrantForm
          siteId={siteId}
          onGranted={(q) => {
            setGranting(false);
            setNotice(
              t('qualifications.grantedNotice', {
                name: q.personName,
                type: t(`capability.${q.machineType}`),
              }),
            );
            list.reload();
          }}
          onCancel={() => setGranting(false)}
        />
      )}
    </Section>
  );
}

function RevokeForm({
  qualification,
  onDone,
  onCancel,
}: {
  qualification: QualificationT;
  onDone: () => void;
  onCancel: () => void;
}) {
  const { t } = useI18n();
  const api = useApi();
  const [reasonError, setReasonError] = useState<string | undefined>();
  const revoke = useSubmit(async (reason: string) => {
    await api.post(`/api/qualifications/${encodeURIComponent(qualification.id)}/revoke`, {
      reason,
    });
    onDone();
  });
  const onSubmit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const reason = (formValues(event.currentTarget)['reason'] ?? '').trim();
    if (!reason) {
      setReasonError(t('qualifications.revokeReasonRequired'));
      return;
    }
    setReasonError(undefined);
    await revoke.submit(reason);
  };
  return (
    <form
      className="form form-panel"
      onSubmit={(event) => void onSubmit(event)}
      noValidate
      data-testid="revoke-form"
    >
      <h3>
        {t('qualifications.revokeTitle', {
          name: qualification.personName,
          type: t(`capability.${qualification.machineType}`),
        })}
      </h3>
      <ErrorBanner error={revoke.error} />
      <TextField
        label={t('qualifications.revokeReason')}
        name="reason"
        maxLength={500}
        hint={t('qualifications.revokeReasonHint')}
        error={reasonError ?? revoke.fieldErrors['reason']}
      />
      <div className="button-row">
        <SubmitButton
          pending={revoke.pending}
          label={t('qualifications.revoke')}
          pendingLabel={t('action.saving')}
          className="button-danger"
        />
        <button type="button" className="button-secondary" onClick={onCancel}>
          {t('action.cancel')}
        </button>
      </div>
    </form>
  );
}
