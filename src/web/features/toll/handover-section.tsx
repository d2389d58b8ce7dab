/**
 * Handing (part of) a lot back to its owner — a pooled lot goes to its owners by share. The
 * form is there only when the API says the lot may leave (released or downgraded, something
 * left, the user is the site's staff); otherwise the section says why, in the words of the
 * quality gate, and any refusal of the API (more than is left) shows as it answered.
 */
import { useState, type FormEvent } from 'react';
import type { z } from 'zod';
import { useApi } from '../../app/session-context.js';
import { EmptyState } from '../../components/empty-state.js';
import { ErrorBanner, NoticeBanner, SuccessBanner } from '../../components/error-banner.js';
import { Field, TextField } from '../../components/field.js';
import { SubmitButton } from '../../components/loading.js';
import { Section } from '../../components/page.js';
import { useI18n } from '../../i18n/i18n-context.js';
import { HandoverRequest } from '../../lib/contracts.js';
import { formatDateTime } from '../../lib/format.js';
import { useSubmit } from '../../lib/use-submit.js';
import { formatKg, parseDecimalInput } from './quantity.js';
import { QuantityField } from './quantity-field.js';
import { useSiteZones } from './site-zone.js';
import { lotApi, type LotT } from './types.js';

type HandoverBody = z.output<typeof HandoverRequest>;

export function HandoverSection({
  lot,
  staff,
  onChanged,
}: {
  lot: LotT;
  staff: boolean;
  onChanged: (lot: LotT) => void;
}) {
  const { t, locale } = useI18n();
  const api = useApi();
  const { zoneOf } = useSiteZones();
  const [kg, setKg] = useState(String(lot.remainingKg));
  const [receivedBy, setReceivedBy] = useState('');
  const [notes, setNotes] = useState('');
  const [done, setDone] = useState<number | null>(null);
  const [localError, setLocalError] = useState<string | undefined>();
  const submission = useSubmit(async (body: HandoverBody) => {
    const next = await api.post<LotT>(`${lotApi(lot.id)}/handovers`, body);
    setDone(body.kg);
    setReceivedBy('');
    setNotes('');
    setKg(String(next.remainingKg));
    onChanged(next);
  }, HandoverRequest);

  const onSubmit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const value = parseDecimalInput(kg);
    setLocalError(value === 'invalid' ? t('toll.number.invalid') : undefined);
    if (value === 'invalid') return;
    setDone(null);
    await submission.submit({
      kg: value ?? undefined,
      receivedByName: receivedBy,
      notes: notes.trim() || null,
    });
  };

  const blocked = staff && !lot.canHandOver && lot.remainingKg > 0 && lot.status !== 'consumed';
  return (
    <Section title={t('handover.title')} testId="lot-handover">
      {done !== null && (
        <SuccessBanner>{t('handover.done', { kg: formatKg(done, locale) })}</SuccessBanner>
      )}
      {lot.handovers.length === 0 ? (
        !lot.canHandOver && (
          <EmptyState title={t('handover.empty.title')}>
            {t(staff ? 'handover.empty.bodyStaff' : 'handover.empty.bodyMember')}
          </EmptyState>
        )
      ) : (
        <ul className="plain-list" data-testid="handover-list">
          {lot.handovers.map((h) => (
            <li key={h.id} className="plain-list-block">
              <strong>{formatKg(h.kg, locale)}</strong> → {h.toName}
              <br />
              <span className="muted">
                {t('handover.receivedBy', { name: h.receivedByName })} ·{' '}
                {formatDateTime(h.handedAt, zoneOf(lot.siteId), locale)} · {h.handedBy}
              </span>
            </li>
          ))}
        </ul>
      )}
      {blocked && (
        <NoticeBanner title={t('handover.blocked.title')} testId="handover-blocked">
          <p>
            {t('handover.blocked.body', {
              code: lot.code,
              status: t(`lotStatus.${lot.status}`),
            })}
          </p>
        </NoticeBanner>
      )}
      {lot.canHandOver && (
        <form
          className="form form-panel"
          noValidate
          data-testid="handover-form"
          onSubmit={(event) => void onSubmit(event)}
        >
          <h3>{t('handover.form')}</h3>
          <ErrorBanner error={submission.error} />
          <QuantityField
            label={t('handover.kg')}
            unit="kg"
            name="kg"
            value={kg}
            onChange={setKg}
            error={localError ?? submission.fieldErrors['kg']}
            hint={t('handover.kgHint', { kg: formatKg(lot.remainingKg, locale) })}
          />
          <TextField
            label={t('handover.receivedByName')}
            name="receivedByName"
            value={receivedBy}
            maxLength={120}
            autoComplete="off"
            onChange={(event) => setReceivedBy(event.target.value)}
            error={submission.fieldErrors['receivedByName']}
            hint={t('handover.receivedByHint')}
          />
          <Field label={t('toll.field.notes')} error={submission.fieldErrors['notes']}>
            {(control) => (
              <textarea
                name="notes"
                rows={2}
                maxLength={500}
                value={notes}
                onChange={(event) => setNotes(event.target.value)}
                {...control}
              />
            )}
          </Field>
          <div className="button-row">
            <SubmitButton
              pending={submission.pending}
              label={t('handover.submit')}
              pendingLabel={t('action.saving')}
            />
          </div>
        </form>
      )}
    </Section>
  );
}
