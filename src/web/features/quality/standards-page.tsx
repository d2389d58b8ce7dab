/**
 * /quality/standards — the specifications (SNI standards and buyers' own) and the inspection
 * plans. Site staff and programme officers read them; site managers add buyers' specifications
 * and their sites' plans, administrators everything (the API says per item what the user may
 * change: canEdit). A specification used by an inspection never changes — it is copied as a
 * new one — and changing a plan replaces it.
 */
import { useState } from 'react';
import { useCurrentUser } from '../../app/session-context.js';
import { EmptyState } from '../../components/empty-state.js';
import { SuccessBanner } from '../../components/error-banner.js';
import { Loaded } from '../../components/loaded.js';
import { Page, Section } from '../../components/page.js';
import { useI18n } from '../../i18n/i18n-context.js';
import { useResource } from '../../lib/use-resource.js';
import { useProductName } from '../toll/lot-status.js';
import { useProductTypes } from '../toll/product-types.js';
import { formatDecimal } from '../toll/quantity.js';
import { useSiteZones } from '../toll/site-zone.js';
import { isAdministrator } from '../toll/types.js';
import { PlanForm } from './plan-form.js';
import { PlanReduced } from './plan-reduced.js';
import { SpecForm, type SpecFormMode } from './spec-form.js';
import type { InspectionPlanT, SpecificationItemsT, SpecificationT } from './types.js';

type PlanItems = { items: InspectionPlanT[] };

export function StandardsPage() {
  const { t } = useI18n();
  const specs = useResource<SpecificationItemsT>('/api/specifications');
  const plans = useResource<PlanItems>('/api/inspection-plans');
  const [saved, setSaved] = useState<string | null>(null);
  return (
    <Page title={t('standards.title')} lead={t('standards.lead')}>
      {saved && <SuccessBanner>{saved}</SuccessBanner>}
      <Loaded resource={specs}>
        {(data) => (
          <>
            <SpecificationsSection
              data={data}
              onSaved={(spec) => {
                specs.reload();
                setSaved(t('standards.spec.saved', { name: spec.name }));
              }}
            />
            <Loaded resource={plans}>
              {(list) => (
                <PlansSection
                  plans={list.items}
                  specifications={data.items}
                  onSaved={(next) => {
                    plans.replace(next);
                    setSaved(t('standards.plan.saved'));
                  }}
                />
              )}
            </Loaded>
          </>
        )}
      </Loaded>
    </Page>
  );
}

function SpecificationsSection({
  data,
  onSaved,
}: {
  data: SpecificationItemsT;
  onSaved: (spec: SpecificationT) => void;
}) {
  const { t, locale } = useI18n();
  const productName = useProductName();
  const productTypes = useProductTypes();
  const [form, setForm] = useState<{ mode: SpecFormMode; spec?: SpecificationT } | null>(null);
  const limit = (v: number | null) => (v === null ? '' : formatDecimal(v, locale, 6));

  return (
    <Section title={t('standards.specs')} testId="spec-list">
      {form ? (
        <SpecForm
          key={`${form.mode}-${form.spec?.id ?? 'new'}`}
          data={data}
          productTypes={productTypes}
          mode={form.mode}
          initial={form.spec}
          onSaved={(spec) => {
            setForm(null);
            onSaved(spec);
          }}
          onCancel={() => setForm(null)}
        />
      ) : (
        data.canCreate && (
          <div className="button-row">
            <button
              type="button"
              className="button-large"
              data-testid="spec-add"
              onClick={() => setForm({ mode: 'new' })}
            >
              {t('standards.spec.add')}
            </button>
          </div>
        )
      )}
      {data.items.length === 0 ? (
        <EmptyState title={t('standards.specs.empty')}>{t('standards.specs.emptyBody')}</EmptyState>
      ) : (
        <ul className="plain-list">
          {data.items.map((s) => (
            <li
              key={s.id}
              className="plain-list-item plain-list-block"
              data-testid="spec"
              data-id={s.id}
            >
              <details>
                <summary>
                  <strong>{s.name}</strong> · {productName(s.productType)}
                  <br />
                  <span className="muted">
                    {s.source} ·{' '}
                    {s.buyerName
                      ? t('standards.spec.buyer', { name: s.buyerName })
                      : t('standards.spec.standard')}{' '}
                    · {t('standards.spec.items', { count: s.items.length })}
                  </span>
                </summary>
                <table className="results-table">
                  <caption className="visually-hidden">{s.name}</caption>
                  <thead>
                    <tr>
                      <th scope="col">{t('inspection.characteristic')}</th>
                      <th scope="col" className="numeric">
                        {t('specForm.lower')}
                      </th>
                      <th scope="col" className="numeric">
                        {t('specForm.target')}
                      </th>
                      <th scope="col" className="numeric">
                        {t('specForm.upper')}
                      </th>
                    </tr>
                  </thead>
                  <tbody>
                    {s.items.map((i) => (
                      <tr key={i.characteristic.id}>
                        <td>
                          {i.characteristic.name}
                          {i.characteristic.unit && i.characteristic.unit !== '-'
                            ? ` (${i.characteristic.unit})`
                            : ''}
                        </td>
                        {i.characteristic.kind === 'attribute' ? (
                          <td colSpan={3}>
                            {t(
                              i.expectedPass === false
                                ? 'specForm.expectedFalse'
                                : 'specForm.expectedTrue',
                            )}
                          </td>
                        ) : (
                          <>
                            <td className="numeric">{limit(i.lower)}</td>
                            <td className="numeric">{limit(i.target)}</td>
                            <td className="numeric">{limit(i.upper)}</td>
                          </>
                        )}
                      </tr>
                    ))}
                  </tbody>
                </table>
              </details>
              {s.inspectionCount > 0 && (
                <p className="muted" data-testid="spec-used">
                  {t('standards.spec.used', { count: s.inspectionCount })}
                </p>
              )}
              {!form && (
                <div className="button-row">
                  {s.canEdit && s.inspectionCount === 0 && (
                    <button
                      type="button"
                      className="button-secondary"
                      data-testid="spec-edit"
                      onClick={() => setForm({ mode: 'edit', spec: s })}
                    >
                      {t('action.edit')}
                    </button>
                  )}
                  {data.canCreate && (
                    <button
                      type="button"
                      className="button-secondary"
                      data-testid="spec-copy"
                      onClick={() => setForm({ mode: 'copy', spec: s })}
                    >
                      {t('standards.spec.copy')}
                    </button>
                  )}
                </div>
              )}
            </li>
          ))}
        </ul>
      )}
    </Section>
  );
}

function PlansSection({
  plans,
  specifications,
  onSaved,
}: {
  plans: InspectionPlanT[];
  specifications: SpecificationT[];
  onSaved: (plans: PlanItems) => void;
}) {
  const { t, locale } = useI18n();
  const user = useCurrentUser();
  const productName = useProductName();
  const productTypes = useProductTypes();
  const { sites, siteOf } = useSiteZones();
  const admin = isAdministrator(user.grants);
  const managed = new Set(
    user.grants.filter((g) => g.role === 'site_manager' && g.scopeId).map((g) => g.scopeId!),
  );
  const mySites = admin
    ? sites.items.map((s) => ({ id: s.id, name: s.name }))
    : user.grants
        .filter((g) => g.role === 'site_manager' && g.scopeId)
        .map((g) => ({ id: g.scopeId!, name: siteOf(g.scopeId!)?.name ?? g.scopeName ?? '' }));
  const canAdd = admin || managed.size > 0;
  const [form, setForm] = useState<{ plan?: InspectionPlanT } | null>(null);
  const siteName = (id: string | null) =>
    id === null ? t('standards.plan.network') : (siteOf(id)?.name ?? id);

  return (
    <Section title={t('standards.plans')} testId="plan-list">
      {form ? (
        <PlanForm
          key={form.plan?.id ?? 'new'}
          specifications={specifications}
          productTypes={productTypes}
          sites={mySites}
          allSites={admin}
          initial={form.plan}
          onSaved={(next) => {
            setForm(null);
            onSaved(next);
          }}
          onCancel={() => setForm(null)}
        />
      ) : (
        canAdd && (
          <div className="button-row">
            <button
              type="button"
              className="button-large"
              data-testid="plan-add"
              onClick={() => setForm({})}
            >
              {t('standards.plan.add')}
            </button>
          </div>
        )
      )}
      {plans.length === 0 ? (
        <EmptyState title={t('standards.plans.empty')}>{t('standards.plans.emptyBody')}</EmptyState>
      ) : (
        <ul className="plain-list">
          {plans.map((p) => (
            <li key={p.id} className="plain-list-item" data-testid="plan" data-id={p.id}>
              <span>
                <strong>
                  {productName(p.productType)} · {t(`stage.${p.stage}`)}
                </strong>
                <br />
                <span className="muted">
                  {siteName(p.siteId)} · {p.specificationName}
                </span>
                <br />
                <span data-testid="plan-summary">
                  {t('standards.plan.summary', {
                    level: p.inspectionLevel,
                    aql: formatDecimal(p.aql, locale, 3),
                    unitKg: formatDecimal(p.unitKg, locale, 3),
                  })}
                </span>
                <br />
                <PlanReduced plan={p} onSaved={onSaved} />
              </span>
              {p.canEdit && !form && (
                <button
                  type="button"
                  className="button-secondary"
                  data-testid="plan-edit"
                  onClick={() => setForm({ plan: p })}
                >
                  {t('action.edit')}
                </button>
              )}
            </li>
          ))}
        </ul>
      )}
    </Section>
  );
}
