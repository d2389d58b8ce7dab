/**
 * Adding or changing an inspection plan: which product at which stage (incoming, in-process,
 * final) is inspected against which specification, with the ISO 2859-1 inspection level and
 * AQL (only the standard's preferred values are offered) and the weight of one unit. A plan is
 * for one site (its managers) or for all sites (administrators). Saving a change replaces the
 * plan with a new one, so the switching rules start again from normal inspection.
 */
import { useState, type FormEvent } from 'react';
import type { z } from 'zod';
import { useApi } from '../../app/session-context.js';
import { ErrorBanner } from '../../components/error-banner.js';
import { Field, SelectField } from '../../components/field.js';
import { SubmitButton } from '../../components/loading.js';
import { useI18n } from '../../i18n/i18n-context.js';
import {
  AQL_SERIES,
  InspectionPlanRequest,
  InspectionPlanUpdate,
  LEVELS,
  STAGES,
} from '../../lib/contracts.js';
import { useSubmit } from '../../lib/use-submit.js';
import { ProductOptions } from '../toll/product-types.js';
import { formatDecimal, parseDecimalInput } from '../toll/quantity.js';
import type { InspectionPlanT, SpecificationT, StageT } from './types.js';

type PlanBody = z.output<typeof InspectionPlanRequest>;
type PlanItems = { items: InspectionPlanT[] };
type Level = (typeof LEVELS)[number];

export function PlanForm({
  specifications,
  productTypes,
  sites,
  allSites,
  initial,
  onSaved,
  onCancel,
}: {
  specifications: SpecificationT[];
  productTypes: { code: string; name: string }[];
  /** The sites the user may plan for (managers: theirs; administrators: every one). */
  sites: { id: string; name: string }[];
  /** Administrators may also plan for every site at once. */
  allSites: boolean;
  initial?: InspectionPlanT | undefined;
  onSaved: (plans: PlanItems) => void;
  onCancel: () => void;
}) {
  const { t, locale } = useI18n();
  const api = useApi();
  const editing = initial !== undefined;
  const [siteId, setSiteId] = useState(
    initial?.siteId ?? (allSites ? '' : sites.length === 1 ? sites[0]!.id : ''),
  );
  const [productType, setProductType] = useState(initial?.productType ?? '');
  const [stage, setStage] = useState<StageT>(initial?.stage ?? 'final');
  const [specificationId, setSpecificationId] = useState(initial?.specificationId ?? '');
  const [level, setLevel] = useState<Level>(initial?.inspectionLevel ?? 'II');
  const [aql, setAql] = useState(String(initial?.aql ?? 1));
  const [unitKg, setUnitKg] = useState(initial ? String(initial.unitKg) : '1');
  const [localErrors, setLocalErrors] = useState<Record<string, string>>({});
  const create = useSubmit(async (body: PlanBody) => {
    onSaved(await api.post<PlanItems>('/api/inspection-plans', body));
  }, InspectionPlanRequest);
  const update = useSubmit(async (body: z.output<typeof InspectionPlanUpdate>) => {
    onSaved(
      await api.put<PlanItems>(`/api/inspection-plans/${encodeURIComponent(initial!.id)}`, body),
    );
  }, InspectionPlanUpdate);
  const submission = editing ? update : create;
  const errors = { ...submission.fieldErrors, ...localErrors };
  const specs = specifications.filter((s) => s.productType === productType);

  const onSubmit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const bad: Record<string, string> = {};
    const unit = parseDecimalInput(unitKg, { groupedDots: false });
    if (unit === 'invalid') bad['unitKg'] = t('toll.number.invalid');
    if (!editing && !allSites && !siteId) bad['siteId'] = t('validation.required');
    setLocalErrors(bad);
    if (Object.keys(bad).length > 0) return;
    const body = {
      productType,
      stage,
      specificationId,
      inspectionLevel: level,
      aql: Number(aql),
      unitKg: typeof unit === 'number' ? unit : undefined,
    };
    if (editing) await update.submit(body);
    else await create.submit({ ...body, siteId: siteId || null });
  };

  const siteName = (id: string | null) =>
    id === null
      ? t('planForm.allSites')
      : (sites.find((s) => s.id === id)?.name ?? t('planForm.allSites'));

  return (
    <form
      className="form form-panel"
      noValidate
      data-testid="plan-form"
      onSubmit={(event) => void onSubmit(event)}
    >
      <h3>{t(editing ? 'planForm.titleEdit' : 'planForm.titleNew')}</h3>
      {editing && (
        <p className="muted" data-testid="plan-edit-note">
          {t('planForm.editNote')}
        </p>
      )}
      <ErrorBanner error={submission.error} />
      {editing ? (
        <p>
          {t('planForm.site')}: <strong>{siteName(initial.siteId)}</strong>
        </p>
      ) : (
        <SelectField
          label={t('planForm.site')}
          name="siteId"
          value={siteId}
          onChange={(event) => setSiteId(event.target.value)}
          error={errors['siteId']}
        >
          {allSites ? (
            <option value="">{t('planForm.allSites')}</option>
          ) : (
            <option value="" disabled>
              {t('toll.chooseSite')}
            </option>
          )}
          {sites.map((s) => (
            <option key={s.id} value={s.id}>
              {s.name}
            </option>
          ))}
        </SelectField>
      )}
      <div className="form-row">
        <SelectField
          label={t('toll.field.product')}
          name="productType"
          value={productType}
          onChange={(event) => {
            setProductType(event.target.value);
            setSpecificationId('');
          }}
          error={errors['productType']}
        >
          <option value="" disabled>
            {t('toll.chooseProduct')}
          </option>
          <ProductOptions types={productTypes} />
        </SelectField>
        <SelectField
          label={t('planForm.stage')}
          name="stage"
          value={stage}
          onChange={(event) => setStage(event.target.value as StageT)}
          error={errors['stage']}
        >
          {STAGES.map((s) => (
            <option key={s} value={s}>
              {t(`stage.${s}`)}
            </option>
          ))}
        </SelectField>
      </div>
      <SelectField
        label={t('planForm.specification')}
        name="specificationId"
        value={specificationId}
        onChange={(event) => setSpecificationId(event.target.value)}
        error={errors['specificationId']}
        hint={productType && specs.length === 0 ? t('planForm.noSpecification') : undefined}
        liveHint
      >
        <option value="" disabled>
          {t('planForm.chooseSpecification')}
        </option>
        {specs.map((s) => (
          <option key={s.id} value={s.id}>
            {s.name} ({s.source})
          </option>
        ))}
      </SelectField>
      <div className="form-row">
        <SelectField
          label={t('planForm.level')}
          name="inspectionLevel"
          value={level}
          onChange={(event) => setLevel(event.target.value as Level)}
          error={errors['inspectionLevel']}
          hint={t('planForm.levelHint')}
        >
          {LEVELS.map((l) => (
            <option key={l} value={l}>
              {l}
            </option>
          ))}
        </SelectField>
        <SelectField
          label={t('planForm.aql')}
          name="aql"
          value={aql}
          onChange={(event) => setAql(event.target.value)}
          error={errors['aql']}
          hint={t('planForm.aqlHint')}
        >
          {AQL_SERIES.map((a) => (
            <option key={a} value={String(a)}>
              {formatDecimal(a, locale, 3)}
            </option>
          ))}
        </SelectField>
        <Field
          label={t('planForm.unitKg')}
          error={errors['unitKg']}
          hint={t('planForm.unitKgHint')}
        >
          {(control) => (
            <input
              type="text"
              inputMode="decimal"
              name="unitKg"
              value={unitKg}
              onChange={(event) => setUnitKg(event.target.value)}
              {...control}
            />
          )}
        </Field>
      </div>
      <div className="button-row">
        <SubmitButton
          pending={submission.pending}
          label={t('planForm.save')}
          pendingLabel={t('action.saving')}
        />
        <button type="button" className="button-secondary" onClick={onCancel}>
          {t('action.cancel')}
        </button>
      </div>
    </form>
  );
}
