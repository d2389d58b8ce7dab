/**
 * Recording an inspection (site staff, on a tablet at the lab bench): one field per
 * characteristic of the specification — numbers with their unit and limits, attributes as
 * "memenuhi / tidak memenuhi" — each with its live verdict beside it, the ISO 2859-1 sample
 * size as a hint, and the API's signed verdict after saving. The specification comes from the
 * inspection plan covering the lot at that stage; without a plan the inspector picks one of
 * the product's specifications. A correction ("Koreksi") starts from the record it supersedes.
 */
import { useState, type FormEvent } from 'react';
import type { z } from 'zod';
import { useApi } from '../../app/session-context.js';
import { EmptyState } from '../../components/empty-state.js';
import { ErrorBanner, NoticeBanner } from '../../components/error-banner.js';
import { Field, SelectField } from '../../components/field.js';
import { Loaded } from '../../components/loaded.js';
import { SubmitButton } from '../../components/loading.js';
import { useI18n } from '../../i18n/i18n-context.js';
import { InspectionRequest } from '../../lib/contracts.js';
import { useResource } from '../../lib/use-resource.js';
import { useSubmit } from '../../lib/use-submit.js';
import { formatDecimal, parseDecimalInput } from '../toll/quantity.js';
import { lotApi, type LotT } from '../toll/types.js';
import {
  gateStage,
  type InspectionPlanT,
  type InspectionT,
  type SamplingT,
  type SpecificationItemsT,
  type SpecificationT,
  type SpecItemT,
  type StageT,
} from './types.js';
import {
  numericVerdict,
  observationFor,
  outsidePhysicalRange,
  requirementOf,
  type LiveVerdict,
} from './verdict.js';
import { attachLabReport, LabReportInput } from './lab-reports.js';

type InspectionBody = z.output<typeof InspectionRequest>;

export function InspectionForm({
  lot,
  correction,
  defaultStage,
  onSaved,
  onCancel,
}: {
  lot: LotT;
  correction: InspectionT | null;
  defaultStage: StageT;
  onSaved: (inspection: InspectionT, labReportError?: string | null) => void;
  onCancel: () => void;
}) {
  const { t } = useI18n();
  const [stage, setStage] = useState<StageT>(defaultStage);
  const sampling = useResource<SamplingT>(`${lotApi(lot.id)}/sampling`, { stage });
  const plans = useResource<{ items: InspectionPlanT[] }>('/api/inspection-plans');
  const specs = useResource<SpecificationItemsT>('/api/specifications');
  const [chosenSpec, setChosenSpec] = useState('');
  const stages: StageT[] = [gateStage(lot.kind), 'in_process'];

  const plan = plans.data?.items.find((p) => p.id === sampling.data?.planId);
  const candidates = (specs.data?.items ?? []).filter((s) => s.productType === lot.productType);
  const specId =
    chosenSpec ||
    correction?.specificationId ||
    plan?.specificationId ||
    (candidates.length === 1 ? candidates[0]!.id : '');
  const spec = candidates.find((s) => s.id === specId);

  return (
    <div className="form-panel" data-testid="inspection-panel">
      <h3>{correction ? t('inspection.correctTitle') : t('inspection.formTitle')}</h3>
      {correction && <p className="field-hint">{t('inspection.correctLead')}</p>}
      <div className="form">
        <SelectField
          label={t('inspection.stage')}
          name="stage"
          value={stage}
          disabled={correction !== null}
          onChange={(event) => setStage(event.target.value as StageT)}
        >
          {stages.map((s) => (
            <option key={s} value={s}>
              {t(`stage.${s}`)}
            </option>
          ))}
        </SelectField>
        <Loaded resource={specs}>
          {() =>
            candidates.length === 0 ? (
              <EmptyState title={t('inspection.noSpec.title')}>
                {t('inspection.noSpec.body')}
              </EmptyState>
            ) : (
              <SelectField
                label={t('inspection.specification')}
                name="specificationId"
                value={specId}
                disabled={correction !== null}
                onChange={(event) => setChosenSpec(event.target.value)}
                hint={
                  plan
                    ? t('inspection.fromPlan', { level: plan.inspectionLevel, aql: plan.aql })
                    : t('inspection.noPlan')
                }
              >
                <option value="" disabled>
                  {t('inspection.chooseSpec')}
                </option>
                {candidates.map((s) => (
                  <option key={s.id} value={s.id}>
                    {s.name} ({s.source})
                  </option>
                ))}
              </SelectField>
            )
          }
        </Loaded>
      </div>
      {spec && (
        <ResultsForm
          key={`${spec.id}-${stage}`}
          lot={lot}
          spec={spec}
          stage={stage}
          sampling={sampling.data}
          correction={correction}
          onSaved={onSaved}
          onCancel={onCancel}
        />
      )}
      {!spec && (
        <div className="button-row section-actions">
          <button type="button" className="button-secondary" onClick={onCancel}>
            {t('action.cancel')}
          </button>
        </div>
      )}
    </div>
  );
}

function ResultsForm({
  lot,
  spec,
  stage,
  sampling,
  correction,
  onSaved,
  onCancel,
}: {
  lot: LotT;
  spec: SpecificationT;
  stage: StageT;
  sampling: SamplingT | null;
  correction: InspectionT | null;
  onSaved: (inspection: InspectionT, labReportError?: string | null) => void;
  onCancel: () => void;
}) {
  const { t, locale } = useI18n();
  const api = useApi();
  const previous = (id: string) => correction?.results.find((r) => r.characteristicId === id);
  const [numbers, setNumbers] = useState<Record<string, string>>(() =>
    Object.fromEntries(
      spec.items
        .filter((i) => i.characteristic.kind === 'numeric')
        .map((i) => {
          const value = previous(i.characteristic.id)?.value;
          return [i.characteristic.id, value === null || value === undefined ? '' : String(value)];
        }),
    ),
  );
  const [conforms, setConforms] = useState<Record<string, boolean | undefined>>(() =>
    Object.fromEntries(
      spec.items
        .filter((i) => i.characteristic.kind === 'attribute')
        .map((i) => [i.characteristic.id, previous(i.characteristic.id)?.passed]),
    ),
  );
  const [sampleSize, setSampleSize] = useState(
    correction?.sampleSize !== null && correction?.sampleSize !== undefined
      ? String(correction.sampleSize)
      : '',
  );
  const [defectives, setDefectives] = useState(
    correction?.defectives !== null && correction?.defectives !== undefined
      ? String(correction.defectives)
      : '',
  );
  const [notes, setNotes] = useState('');
  const [labReport, setLabReport] = useState<File | null>(null);
  const [localErrors, setLocalErrors] = useState<Record<string, string>>({});
  const submission = useSubmit(async (body: InspectionBody) => {
    const saved = await api.post<InspectionT>(`${lotApi(lot.id)}/inspections`, body);
    // The record is signed as it is; the report goes beside it (a refusal does not undo it).
    const labError = labReport ? await attachLabReport(api, saved.id, labReport) : null;
    onSaved(saved, labError);
  }, InspectionRequest);

  const valueOf = (item: SpecItemT) => {
    const parsed = parseDecimalInput(numbers[item.characteristic.id] ?? '', { groupedDots: false });
    return parsed;
  };
  const liveOf = (item: SpecItemT): LiveVerdict => {
    if (item.characteristic.kind === 'attribute') {
      const c = conforms[item.characteristic.id];
      return c === undefined ? null : c ? 'pass' : 'fail';
    }
    const v = valueOf(item);
    return typeof v === 'number' ? numericVerdict(item, v) : null;
  };
  const verdicts = spec.items.map(liveOf);
  const failing = verdicts.filter((v) => v === 'fail').length;
  const complete = verdicts.every((v) => v !== null);
  const words = { min: t('spec.min'), max: t('spec.max'), conforms: t('spec.conforms') };
  const format = (n: number) => formatDecimal(n, locale, 4);

  const onSubmit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const bad: Record<string, string> = {};
    const results = spec.items.map((item) => {
      const id = item.characteristic.id;
      if (item.characteristic.kind === 'attribute') {
        const c = conforms[id];
        if (c === undefined) bad[id] = t('validation.required');
        return { characteristicId: id, value: null, passed: observationFor(item, c ?? false) };
      }
      const v = valueOf(item);
      if (v === null) bad[id] = t('validation.required');
      if (v === 'invalid') bad[id] = t('toll.number.invalid');
      return { characteristicId: id, value: typeof v === 'number' ? v : null, passed: null };
    });
    const n = parseDecimalInput(sampleSize, { groupedDots: false });
    const d = parseDecimalInput(defectives, { groupedDots: false });
    if (n === 'invalid' || (typeof n === 'number' && (!Number.isInteger(n) || n < 1)))
      bad['sampleSize'] = t('inspection.wholeNumber');
    if (d === 'invalid' || (typeof d === 'number' && (!Number.isInteger(d) || d < 0)))
      bad['defectives'] = t('inspection.wholeNumber');
    if (localErrors['labReport']) bad['labReport'] = localErrors['labReport'];
    setLocalErrors(bad);
    if (Object.keys(bad).length > 0) return;
    await submission.submit({
      stage,
      specificationId: spec.id,
      results,
      sampleSize: typeof n === 'number' ? n : null,
      defectives: typeof d === 'number' ? d : null,
      notes: notes.trim() || null,
      supersedesId: correction?.id ?? null,
    });
  };

  return (
    <form
      className="form inspection-form"
      noValidate
      data-testid="inspection-form"
      onSubmit={(event) => void onSubmit(event)}
    >
      <ErrorBanner error={submission.error} />
      {spec.items.map((item) => {
        const c = item.characteristic;
        const requirement = requirementOf(item, words, format);
        const unit = c.unit && c.unit !== '-' ? c.unit : null;
        const live = liveOf(item);
        if (c.kind === 'attribute')
          return (
            <fieldset
              key={c.id}
              className="choice-group result-field"
              data-testid={`result-field-${c.code}`}
            >
              <legend>{c.name}</legend>
              <div className="result-choices">
                {([true, false] as const).map((option) => (
                  <label key={String(option)} className="choice choice-large">
                    <input
                      type="radio"
                      name={`result-${c.id}`}
                      checked={conforms[c.id] === option}
                      data-testid={`result-${c.code}-${option ? 'pass' : 'fail'}`}
                      onChange={() => setConforms((all) => ({ ...all, [c.id]: option }))}
                    />
                    <span>{t(option ? 'spec.conforms' : 'spec.notConforms')}</span>
                  </label>
                ))}
                <LiveChip code={c.code} verdict={live} />
              </div>
              {c.testMethod && <p className="field-hint">{c.testMethod}</p>}
              {localErrors[c.id] && <p className="field-error">{localErrors[c.id]}</p>}
            </fieldset>
          );
        const value = valueOf(item);
        const numeric = typeof value === 'number' ? value : null;
        return (
          <Field
            key={c.id}
            label={unit ? `${c.name} (${unit})` : c.name}
            error={localErrors[c.id]}
            hint={[
              `${t('inspection.requirement')}: ${requirement}${unit && requirement !== words.conforms ? ` ${unit}` : ''}`,
              c.testMethod,
              outsidePhysicalRange(item, numeric)
                ? t('inspection.physicalRange', {
                    min: c.physicalMin ?? '−∞',
                    max: c.physicalMax ?? '∞',
                  })
                : null,
            ]
              .filter(Boolean)
              .join(' · ')}
            liveHint
          >
            {(control) => (
              <div className="result-input" data-testid={`result-field-${c.code}`}>
                <input
                  type="text"
                  inputMode="decimal"
                  autoComplete="off"
                  name={`result-${c.code}`}
                  data-testid={`result-${c.code}`}
                  value={numbers[c.id] ?? ''}
                  onChange={(event) =>
                    setNumbers((all) => ({ ...all, [c.id]: event.target.value }))
                  }
                  {...control}
                />
                <LiveChip code={c.code} verdict={live} />
              </div>
            )}
          </Field>
        );
      })}

      <div className="form-row">
        <Field
          label={t('inspection.sampleSize')}
          error={localErrors['sampleSize'] ?? submission.fieldErrors['sampleSize']}
          hint={
            sampling?.sampleSize
              ? t('inspection.sampleHint', {
                  n: sampling.hundredPercent ? sampling.lotSizeUnits : sampling.sampleSize,
                  ac: sampling.accept ?? 0,
                  re: sampling.reject ?? 1,
                })
              : t('inspection.sampleOptional')
          }
        >
          {(control) => (
            <input
              type="text"
              inputMode="numeric"
              name="sampleSize"
              value={sampleSize}
              onChange={(event) => setSampleSize(event.target.value)}
              {...control}
            />
          )}
        </Field>
        <Field
          label={t('inspection.defectives')}
          error={localErrors['defectives'] ?? submission.fieldErrors['defectives']}
        >
          {(control) => (
            <input
              type="text"
              inputMode="numeric"
              name="defectives"
              value={defectives}
              onChange={(event) => setDefectives(event.target.value)}
              {...control}
            />
          )}
        </Field>
      </div>
      <Field
        label={correction ? t('inspection.correctionReason') : t('toll.field.notes')}
        error={submission.fieldErrors['notes']}
      >
        {(control) => (
          <textarea
            name="notes"
            rows={2}
            maxLength={1000}
            value={notes}
            onChange={(event) => setNotes(event.target.value)}
            {...control}
          />
        )}
      </Field>

      <LabReportInput
        error={localErrors['labReport']}
        onChange={(file, problem) => {
          setLabReport(problem ? null : file);
          setLocalErrors(({ labReport: _old, ...rest }) =>
            problem ? { ...rest, labReport: problem } : rest,
          );
        }}
      />
      {complete && (
        <NoticeBanner
          title={
            failing === 0
              ? t('inspection.live.pass')
              : t('inspection.live.fail', { count: failing })
          }
          testId="inspection-live-summary"
        >
          <p>{failing === 0 ? t('inspection.live.passBody') : t('inspection.live.failBody')}</p>
        </NoticeBanner>
      )}
      <div className="button-row">
        <SubmitButton
          pending={submission.pending}
          label={correction ? t('inspection.saveCorrection') : t('inspection.save')}
          pendingLabel={t('action.saving')}
          className="button-large"
        />
        <button type="button" className="button-secondary" onClick={onCancel}>
          {t('action.cancel')}
        </button>
      </div>
    </form>
  );
}

function LiveChip({ code, verdict }: { code: string; verdict: LiveVerdict }) {
  const { t } = useI18n();
  return (
    <span
      className={verdict ? `state-chip verdict-${verdict}` : 'state-chip verdict-none'}
      data-testid={`live-${code}`}
      data-verdict={verdict ?? 'none'}
      aria-live="polite"
    >
      {verdict ? t(`verdict.short.${verdict}`) : '—'}
    </span>
  );
}
