/**
 * /non-conformances/:id — one non-conformance worked through to its close: what to do with
 * the lot (disposition: rework, downgrade, scrap, return), why it happened (root cause), the
 * corrective actions with an owner and a due date, how the fix was verified — and the close,
 * which the API allows only when all of that is there (its message lists what is missing).
 * Closing decides the lot: downgraded may leave as such, rework goes back to quarantine.
 */
import { useState, type FormEvent } from 'react';
import { Link, useParams } from 'react-router';
import type { z } from 'zod';
import { useApi } from '../../app/session-context.js';
import { EmptyState } from '../../components/empty-state.js';
import { ErrorBanner, SuccessBanner } from '../../components/error-banner.js';
import { Field, SelectField, TextField } from '../../components/field.js';
import { Loaded } from '../../components/loaded.js';
import { SubmitButton } from '../../components/loading.js';
import { Page, Section } from '../../components/page.js';
import { useI18n } from '../../i18n/i18n-context.js';
import { DISPOSITIONS, NcActionRequest, NcUpdate } from '../../lib/contracts.js';
import { addDays, dayIn, formatDate, formatDateTime } from '../../lib/format.js';
import { useResource } from '../../lib/use-resource.js';
import { useSubmit } from '../../lib/use-submit.js';
import { useSiteStaff } from '../toll/site-staff.js';
import { useSiteZones } from '../toll/site-zone.js';
import { lotPath } from '../toll/types.js';
import { NcStatusChip } from './nc-list-page.js';
import { ncApi, type DispositionT, type NonConformanceT } from './types.js';

type UpdateBody = z.output<typeof NcUpdate>;
type ActionBody = z.output<typeof NcActionRequest>;

export function NcPage() {
  const { t } = useI18n();
  const { id = '' } = useParams();
  const nc = useResource<NonConformanceT>(ncApi(id));
  const data = nc.data;
  return (
    <Page
      title={t('nc.detail')}
      lead={
        data && (
          <>
            <NcStatusChip status={data.status} /> · {data.title}
          </>
        )
      }
      actions={
        <div className="button-row">
          {data && (
            <Link
              to={lotPath(data.lotId)}
              className="link-button link-button-secondary"
              data-testid="nc-lot"
            >
              {t('nc.openLot', { code: data.lotCode })}
            </Link>
          )}
          <Link to="/non-conformances" className="link-button link-button-secondary">
            {t('nc.backToList')}
          </Link>
        </div>
      }
    >
      <Loaded resource={nc}>{(current) => <NcBody nc={current} onChanged={nc.replace} />}</Loaded>
    </Page>
  );
}

function NcBody({
  nc,
  onChanged,
}: {
  nc: NonConformanceT;
  onChanged: (nc: NonConformanceT) => void;
}) {
  const { t, locale } = useI18n();
  const { zoneOf } = useSiteZones();
  const zone = zoneOf(nc.siteId);
  return (
    <>
      <Section title={t('nc.summary')} testId="nc-summary">
        <dl className="facts">
          <dt>{t('nc.what')}</dt>
          <dd data-testid="nc-title">{nc.title}</dd>
          <dt>{t('lot.code')}</dt>
          <dd>
            <Link to={lotPath(nc.lotId)}>{nc.lotCode}</Link>
          </dd>
          <dt>{t('nc.openedAt')}</dt>
          <dd>{formatDateTime(nc.openedAt, zone, locale)}</dd>
          {nc.closedAt && (
            <>
              <dt>{t('nc.closedAt')}</dt>
              <dd>{formatDateTime(nc.closedAt, zone, locale)}</dd>
            </>
          )}
        </dl>
        {nc.status === 'closed' && nc.disposition && (
          <SuccessBanner>{t(`nc.closedOutcome.${nc.disposition}`)}</SuccessBanner>
        )}
      </Section>
      <DecisionSection key={`${nc.id}-${nc.status}`} nc={nc} onChanged={onChanged} />
      <ActionsSection nc={nc} onChanged={onChanged} />
      {nc.canEdit && <CloseSection nc={nc} onChanged={onChanged} />}
    </>
  );
}

function DecisionSection({
  nc,
  onChanged,
}: {
  nc: NonConformanceT;
  onChanged: (nc: NonConformanceT) => void;
}) {
  const { t } = useI18n();
  const api = useApi();
  const [disposition, setDisposition] = useState<DispositionT | ''>(nc.disposition ?? '');
  const [rootCause, setRootCause] = useState(nc.rootCause ?? '');
  const [verification, setVerification] = useState(nc.verification ?? '');
  const [saved, setSaved] = useState(false);
  const submission = useSubmit(async (body: UpdateBody) => {
    onChanged(await api.patch<NonConformanceT>(ncApi(nc.id), body));
    setSaved(true);
  }, NcUpdate);

  if (!nc.canEdit)
    return (
      <Section title={t('nc.decision')} testId="nc-decision">
        <dl className="facts">
          <dt>{t('nc.disposition')}</dt>
          <dd>{nc.disposition ? t(`disposition.${nc.disposition}`) : '—'}</dd>
          <dt>{t('nc.rootCause')}</dt>
          <dd>{nc.rootCause ?? '—'}</dd>
          <dt>{t('nc.verification')}</dt>
          <dd>{nc.verification ?? '—'}</dd>
        </dl>
      </Section>
    );

  const onSubmit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setSaved(false);
    await submission.submit({
      disposition: disposition || null,
      rootCause: rootCause.trim() || null,
      verification: verification.trim() || null,
    });
  };
  return (
    <Section title={t('nc.decision')} testId="nc-decision">
      <form
        className="form"
        noValidate
        data-testid="nc-decision-form"
        onSubmit={(e) => void onSubmit(e)}
      >
        <ErrorBanner error={submission.error} />
        {saved && <SuccessBanner>{t('nc.saved')}</SuccessBanner>}
        <fieldset className="choice-group">
          <legend>{t('nc.disposition')}</legend>
          {DISPOSITIONS.map((d) => (
            <label key={d} className="choice">
              <input
                type="radio"
                name="disposition"
                value={d}
                checked={disposition === d}
                data-testid={`disposition-${d}`}
                onChange={() => setDisposition(d)}
              />
              <span>
                {t(`disposition.${d}`)}
                <span className="field-hint">{t(`disposition.hint.${d}`)}</span>
              </span>
            </label>
          ))}
        </fieldset>
        <Field
          label={t('nc.rootCause')}
          error={submission.fieldErrors['rootCause']}
          hint={t('nc.rootCauseHint')}
        >
          {(control) => (
            <textarea
              name="rootCause"
              rows={3}
              maxLength={2000}
              value={rootCause}
              onChange={(event) => setRootCause(event.target.value)}
              {...control}
            />
          )}
        </Field>
        <Field
          label={t('nc.verification')}
          error={submission.fieldErrors['verification']}
          hint={t('nc.verificationHint')}
        >
          {(control) => (
            <textarea
              name="verification"
              rows={2}
              maxLength={2000}
              value={verification}
              onChange={(event) => setVerification(event.target.value)}
              {...control}
            />
          )}
        </Field>
        <div className="button-row">
          <SubmitButton
            pending={submission.pending}
            label={t('action.save')}
            pendingLabel={t('action.saving')}
          />
        </div>
      </form>
    </Section>
  );
}

function ActionsSection({
  nc,
  onChanged,
}: {
  nc: NonConformanceT;
  onChanged: (nc: NonConformanceT) => void;
}) {
  const { t, locale } = useI18n();
  const api = useApi();
  const { zoneOf } = useSiteZones();
  const today = dayIn(new Date(), zoneOf(nc.siteId));
  const staff = useSiteStaff(nc.siteId, nc.canEdit);
  const [description, setDescription] = useState('');
  const [ownerUserId, setOwnerUserId] = useState('');
  const [dueOn, setDueOn] = useState(() => addDays(today, 7));
  const add = useSubmit(async (body: ActionBody) => {
    onChanged(await api.post<NonConformanceT>(`${ncApi(nc.id)}/actions`, body));
    setDescription('');
  }, NcActionRequest);
  const done = useSubmit(async (actionId: string) => {
    onChanged(
      await api.post<NonConformanceT>(`/api/nc-actions/${encodeURIComponent(actionId)}/done`),
    );
  });

  return (
    <Section title={t('nc.actions')} testId="nc-actions">
      <ErrorBanner error={done.error} />
      {nc.actions.length === 0 ? (
        <EmptyState title={t('nc.actions.empty.title')}>
          {t(nc.canEdit ? 'nc.actions.empty.bodyStaff' : 'nc.actions.empty.body')}
        </EmptyState>
      ) : (
        <ul className="plain-list" data-testid="nc-action-list">
          {nc.actions.map((a) => {
            const overdue = !a.doneAt && a.dueOn < today;
            return (
              <li
                key={a.id}
                className="plain-list-item"
                data-testid="nc-action"
                data-done={a.doneAt ? 'true' : 'false'}
              >
                <span>
                  <strong>{a.description}</strong>
                  <br />
                  <span className={overdue ? 'error-text' : 'muted'}>
                    {a.ownerName ?? t('nc.action.noOwner')} ·{' '}
                    {t('nc.action.due', { date: formatDate(a.dueOn, locale) })}
                    {overdue && ` · ${t('nc.action.overdue')}`}
                  </span>
                  {a.doneAt && (
                    <>
                      <br />
                      <span className="state-chip verdict-pass">
                        {t('nc.action.doneAt', {
                          time: formatDateTime(a.doneAt, zoneOf(nc.siteId), locale),
                        })}
                      </span>
                    </>
                  )}
                </span>
                {nc.canEdit && !a.doneAt && (
                  <button
                    type="button"
                    className="button-secondary"
                    disabled={done.pending}
                    data-testid="nc-action-done"
                    onClick={() => void done.submit(a.id)}
                  >
                    {t('nc.action.markDone')}
                  </button>
                )}
              </li>
            );
          })}
        </ul>
      )}
      {nc.canEdit && (
        <form
          className="form form-panel"
          noValidate
          data-testid="nc-action-form"
          onSubmit={(event) => {
            event.preventDefault();
            void add.submit({ description, ownerUserId: ownerUserId || null, dueOn });
          }}
        >
          <h3>{t('nc.action.add')}</h3>
          <ErrorBanner error={add.error} />
          <TextField
            label={t('nc.action.description')}
            name="description"
            value={description}
            maxLength={500}
            onChange={(event) => setDescription(event.target.value)}
            error={add.fieldErrors['description']}
          />
          <div className="form-row">
            <SelectField
              label={t('nc.action.owner')}
              name="ownerUserId"
              value={ownerUserId}
              onChange={(event) => setOwnerUserId(event.target.value)}
              error={add.fieldErrors['ownerUserId']}
              hint={staff.loading ? t('state.loading') : undefined}
              liveHint
            >
              <option value="">{t('nc.action.noOwner')}</option>
              {(staff.data?.items ?? []).map((s) => (
                <option key={s.userId} value={s.userId}>
                  {s.name}
                </option>
              ))}
            </SelectField>
            <Field label={t('nc.action.dueOn')} error={add.fieldErrors['dueOn']}>
              {(control) => (
                <input
                  type="date"
                  name="dueOn"
                  value={dueOn}
                  onChange={(event) => setDueOn(event.target.value)}
                  {...control}
                />
              )}
            </Field>
          </div>
          <div className="button-row">
            <SubmitButton
              pending={add.pending}
              label={t('nc.action.addSubmit')}
              pendingLabel={t('action.saving')}
            />
          </div>
        </form>
      )}
    </Section>
  );
}

function CloseSection({
  nc,
  onChanged,
}: {
  nc: NonConformanceT;
  onChanged: (nc: NonConformanceT) => void;
}) {
  const { t } = useI18n();
  const api = useApi();
  const close = useSubmit(async () => {
    onChanged(await api.post<NonConformanceT>(`${ncApi(nc.id)}/close`));
  });
  const checks: [string, boolean][] = [
    [t('nc.gate.disposition'), nc.disposition !== null],
    [t('nc.gate.rootCause'), Boolean(nc.rootCause)],
    [t('nc.gate.actions'), nc.actions.length > 0 && nc.actions.every((a) => a.doneAt)],
    [t('nc.gate.verification'), Boolean(nc.verification)],
  ];
  return (
    <Section title={t('nc.close')} testId="nc-close">
      <p>{t('nc.closeLead')}</p>
      <ul className="gate-list">
        {checks.map(([label, ok]) => (
          <li
            key={label}
            className={ok ? 'gate-ok' : 'gate-missing'}
            data-ok={ok ? 'true' : 'false'}
          >
            <span aria-hidden="true">{ok ? '✓' : '○'}</span> {label}
          </li>
        ))}
      </ul>
      <ErrorBanner error={close.error} />
      <button
        type="button"
        className="button-large"
        disabled={close.pending}
        aria-busy={close.pending}
        data-testid="nc-close-button"
        onClick={() => void close.submit(undefined)}
      >
        {close.pending ? t('action.saving') : t('nc.closeButton')}
      </button>
    </Section>
  );
}
