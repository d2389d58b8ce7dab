/**
 * Completing a job at the machine: the output lots and by-products with their weight (and
 * grade), the waste, a stated gain if the process adds mass (water taken up), and the meter
 * readings (kWh, LPG, water) for a fair share of utilities. The mass balance is worked out
 * live as in the API, so an excess is visible before saving; the API's own refusal appears
 * above the form with its numbers.
 */
import { useState, type FormEvent } from 'react';
import type { z } from 'zod';
import { useApi } from '../../app/session-context.js';
import { ErrorBanner } from '../../components/error-banner.js';
import { Field, SelectField, TextField } from '../../components/field.js';
import { SubmitButton } from '../../components/loading.js';
import { useI18n } from '../../i18n/i18n-context.js';
import { CompleteJobRequest } from '../../lib/contracts.js';
import { useSubmit } from '../../lib/use-submit.js';
import { ProductOptions, useProductTypes } from './product-types.js';
import { massBalance } from './mass-balance.js';
import { formatKg, parseDecimalInput } from './quantity.js';
import { QuantityField } from './quantity-field.js';
import { jobApi, type ProcessJobT } from './types.js';

type CompleteBody = z.output<typeof CompleteJobRequest>;
type Kind = 'output' | 'byproduct';
interface Row {
  key: number;
  kind: Kind;
  productType: string;
  kg: string;
  grade: string;
}

/** What a process usually gives from its input, to start the rows from. */
const USUAL: Record<string, [Kind, string][]> = {
  patchouli_leaves: [
    ['output', 'patchouli_oil'],
    ['byproduct', 'distillation_residue'],
  ],
  cocoa_beans_wet: [['output', 'cocoa_beans']],
  cocoa_beans: [
    ['output', 'cocoa_beans'],
    ['byproduct', 'cocoa_shells'],
  ],
};

let nextKey = 1;
const row = (kind: Kind, productType = ''): Row => ({
  key: nextKey++,
  kind,
  productType,
  kg: '',
  grade: '',
});

const num = (text: string) => {
  const v = parseDecimalInput(text);
  return typeof v === 'number' ? v : 0;
};

export function CompleteJobForm({
  job,
  onCompleted,
}: {
  job: ProcessJobT;
  onCompleted: (job: ProcessJobT) => void;
}) {
  const { t, locale } = useI18n();
  const api = useApi();
  const productTypes = useProductTypes();
  const [rows, setRows] = useState<Row[]>(() => {
    const usual = USUAL[job.inputs[0]?.productType ?? ''];
    return usual ? usual.map(([kind, product]) => row(kind, product)) : [row('output')];
  });
  const [waste, setWaste] = useState('');
  const [gain, setGain] = useState('');
  const [kwh, setKwh] = useState('');
  const [lpg, setLpg] = useState('');
  const [water, setWater] = useState('');
  const [notes, setNotes] = useState('');
  const [localErrors, setLocalErrors] = useState<Record<string, string>>({});
  const submission = useSubmit(async (body: CompleteBody) => {
    onCompleted(await api.post<ProcessJobT>(`${jobApi(job.id)}/complete`, body));
  }, CompleteJobRequest);
  const errors = { ...submission.fieldErrors, ...localErrors };

  const balance = massBalance({
    inputsKg: job.inputs.map((i) => i.kg),
    outputsKg: rows.map((r) => num(r.kg)),
    wasteKg: num(waste),
    statedGainKg: num(gain),
  });
  const started = rows.some((r) => r.kg.trim()) || waste.trim() !== '';
  const change = (key: number, patch: Partial<Row>) =>
    setRows((all) => all.map((r) => (r.key === key ? { ...r, ...patch } : r)));

  const onSubmit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const bad: Record<string, string> = {};
    const read = (key: string, text: string) => {
      const v = parseDecimalInput(text);
      if (v === 'invalid') bad[key] = t('toll.number.invalid');
      return typeof v === 'number' ? v : null;
    };
    const outputs = rows.map((r, i) => ({
      kind: r.kind,
      productType: r.productType,
      kg: read(`outputs.${i}.kg`, r.kg) ?? undefined,
      grade: r.grade.trim() || null,
    }));
    const body = {
      outputs,
      wasteKg: read('wasteKg', waste) ?? 0,
      statedGainKg: read('statedGainKg', gain),
      kwh: read('kwh', kwh),
      lpgKg: read('lpgKg', lpg),
      waterM3: read('waterM3', water),
      notes: notes.trim() || null,
    };
    setLocalErrors(bad);
    if (Object.keys(bad).length > 0) return;
    await submission.submit(body);
  };

  return (
    <form
      className="form complete-job-form"
      noValidate
      data-testid="complete-job-form"
      onSubmit={(event) => void onSubmit(event)}
    >
      <ErrorBanner error={submission.error} />
      {rows.map((r, i) => (
        <fieldset key={r.key} className="output-row" data-testid="output-row">
          <legend>
            {t(r.kind === 'output' ? 'completeJob.output' : 'completeJob.byproduct', {
              n: i + 1,
            })}
          </legend>
          <div className="form-row">
            <SelectField
              label={t('completeJob.kind')}
              name={`kind-${r.key}`}
              value={r.kind}
              onChange={(event) => change(r.key, { kind: event.target.value as Kind })}
            >
              <option value="output">{t('lotKind.output')}</option>
              <option value="byproduct">{t('lotKind.byproduct')}</option>
            </SelectField>
            <SelectField
              label={t('toll.field.product')}
              name={`product-${r.key}`}
              value={r.productType}
              onChange={(event) => change(r.key, { productType: event.target.value })}
              error={errors[`outputs.${i}.productType`]}
            >
              <option value="" disabled>
                {t('toll.chooseProduct')}
              </option>
              <ProductOptions types={productTypes} />
            </SelectField>
          </div>
          <div className="form-row">
            <QuantityField
              label={t('completeJob.kg')}
              unit="kg"
              name={`kg-${r.key}`}
              value={r.kg}
              onChange={(text) => change(r.key, { kg: text })}
              error={errors[`outputs.${i}.kg`]}
              testId={`output-kg-${i}`}
            />
            <TextField
              label={t('toll.field.grade')}
              name={`grade-${r.key}`}
              value={r.grade}
              maxLength={60}
              onChange={(event) => change(r.key, { grade: event.target.value })}
            />
          </div>
          {rows.length > 1 && (
            <button
              type="button"
              className="button-link"
              onClick={() => setRows((all) => all.filter((x) => x.key !== r.key))}
            >
              {t('completeJob.removeRow')}
            </button>
          )}
        </fieldset>
      ))}
      {errors['outputs'] && <p className="field-error">{errors['outputs']}</p>}
      <div className="button-row">
        <button
          type="button"
          className="button-secondary"
          onClick={() => setRows((all) => [...all, row('output')])}
        >
          {t('completeJob.addOutput')}
        </button>
        <button
          type="button"
          className="button-secondary"
          onClick={() => setRows((all) => [...all, row('byproduct')])}
        >
          {t('completeJob.addByproduct')}
        </button>
      </div>
      <div className="form-row">
        <QuantityField
          label={t('completeJob.waste')}
          unit="kg"
          name="wasteKg"
          value={waste}
          onChange={setWaste}
          error={errors['wasteKg']}
          hint={t('completeJob.wasteHint')}
          testId="waste-kg"
        />
        <QuantityField
          label={t('completeJob.gain')}
          unit="kg"
          name="statedGainKg"
          value={gain}
          onChange={setGain}
          error={errors['statedGainKg']}
          hint={t('completeJob.gainHint')}
        />
      </div>

      <div
        className={`mass-balance mass-balance-${!started ? 'idle' : balance.ok ? (balance.unrecordedKg > 0 ? 'loss' : 'ok') : 'excess'}`}
        data-testid="mass-balance"
        data-state={!started ? 'idle' : balance.ok ? 'ok' : 'excess'}
        role="status"
        aria-live="polite"
      >
        <p className="mass-balance-title">{t('completeJob.balance')}</p>
        <p>
          {t('completeJob.balanceLine', {
            in: formatKg(balance.inKg, locale),
            out: formatKg(balance.outKg, locale),
          })}
        </p>
        {started && !balance.ok && (
          <p className="mass-balance-problem" data-testid="mass-balance-excess">
            {t('completeJob.excess', {
              kg: formatKg(balance.excessKg, locale),
              tolerance: formatKg(balance.toleranceKg, locale),
            })}
          </p>
        )}
        {started && balance.ok && balance.unrecordedKg > 0 && (
          <p>{t('completeJob.unrecorded', { kg: formatKg(balance.unrecordedKg, locale) })}</p>
        )}
        {started && balance.ok && balance.unrecordedKg === 0 && <p>{t('completeJob.balanced')}</p>}
      </div>

      <fieldset>
        <legend>{t('completeJob.utilities')}</legend>
        <div className="form-row form-row-3">
          <QuantityField
            label={t('completeJob.kwh')}
            unit="kWh"
            name="kwh"
            value={kwh}
            onChange={setKwh}
            error={errors['kwh']}
          />
          <QuantityField
            label={t('completeJob.lpg')}
            unit="kg"
            name="lpgKg"
            value={lpg}
            onChange={setLpg}
            error={errors['lpgKg']}
          />
          <QuantityField
            label={t('completeJob.water')}
            unit="m³"
            name="waterM3"
            value={water}
            onChange={setWater}
            groupedDots={false}
            error={errors['waterM3']}
          />
        </div>
      </fieldset>
      <Field label={t('toll.field.notes')} error={errors['notes']}>
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
      <div className="button-row">
        <SubmitButton
          pending={submission.pending}
          label={t('completeJob.submit')}
          pendingLabel={t('action.saving')}
          className="button-large"
        />
      </div>
    </form>
  );
}
