/**
 * The responsible authority's decision on reduced inspection under a plan (ISO 2859-1
 * 9.3.3 c), in the plan list: whether it is allowed, who decided and when; for the plan's
 * editors (administrators, the site's managers) a checkbox with a reason to change it. The plan
 * is not replaced, so the switching history goes on: allowed, the plan switches to reduced
 * inspection once the switching score reaches 30; withdrawn, the next lot is on normal again.
 */
import { useState } from 'react';
import { useApi } from '../../app/session-context.js';
import { ErrorBanner } from '../../components/error-banner.js';
import { useI18n } from '../../i18n/i18n-context.js';
import { formatDateTime } from '../../lib/format.js';
import { useSubmit } from '../../lib/use-submit.js';
import { useSiteZones } from '../toll/site-zone.js';
import type { InspectionPlanT } from './types.js';

type PlanItems = { items: InspectionPlanT[] };

export function PlanReduced({
  plan,
  onSaved,
}: {
  plan: InspectionPlanT;
  onSaved: (plans: PlanItems) => void;
}) {
  const { t, locale } = useI18n();
  const api = useApi();
  const { zoneOf } = useSiteZones();
  const [allowed, setAllowed] = useState(plan.reducedAllowed);
  const [reason, setReason] = useState('');
  const changed = allowed !== plan.reducedAllowed;
  const save = useSubmit(async () => {
    onSaved(
      await api.post<PlanItems>(`/api/inspection-plans/${encodeURIComponent(plan.id)}/reduced`, {
        allowed,
        reason: reason.trim(),
      }),
    );
    setReason('');
  });
  const id = `plan-reduced-${plan.id}`;
  const decided =
    plan.reducedApprovedAt &&
    t(plan.reducedAllowed ? 'planReduced.allowedBy' : 'planReduced.withdrawnBy', {
      name: plan.reducedApprovedBy ?? '—',
      // A network-wide plan has no site: the platform's time zone.
      at: formatDateTime(plan.reducedApprovedAt, zoneOf(plan.siteId ?? ''), locale),
    });

  if (!plan.canEdit)
    return (
      <span className="muted" data-testid="plan-reduced-state">
        {t(plan.reducedAllowed ? 'planReduced.allowed' : 'planReduced.notAllowed')}
        {decided ? ` — ${decided}` : ''}
      </span>
    );
  return (
    <form
      data-testid="plan-reduced"
      onSubmit={(e) => {
        e.preventDefault();
        void save.submit(undefined);
      }}
    >
      <label className="checkbox">
        <input
          type="checkbox"
          name="reducedAllowed"
          data-testid="plan-reduced-allowed"
          checked={allowed}
          aria-describedby={`${id}-hint`}
          onChange={(e) => setAllowed(e.target.checked)}
        />{' '}
        {t('planReduced.label')}
      </label>
      <p className="field-hint" id={`${id}-hint`}>
        {t('planReduced.hint')}
        {decided && (
          <>
            <br />
            <span data-testid="plan-reduced-state">{decided}</span>
          </>
        )}
      </p>
      {changed && (
        <>
          <label htmlFor={`${id}-reason`}>{t('planReduced.reason')}</label>
          <textarea
            id={`${id}-reason`}
            data-testid="plan-reduced-reason"
            maxLength={500}
            required
            value={reason}
            onChange={(e) => setReason(e.target.value)}
          />
          <ErrorBanner error={save.error} />
          <div className="button-row">
            <button
              type="submit"
              disabled={save.pending || reason.trim() === ''}
              aria-busy={save.pending}
              data-testid="plan-reduced-save"
            >
              {save.pending
                ? t('action.saving')
                : t(allowed ? 'planReduced.allow' : 'planReduced.withdraw')}
            </button>
            <button
              type="button"
              className="button-secondary"
              onClick={() => {
                setAllowed(plan.reducedAllowed);
                setReason('');
              }}
            >
              {t('action.cancel')}
            </button>
          </div>
        </>
      )}
    </form>
  );
}
