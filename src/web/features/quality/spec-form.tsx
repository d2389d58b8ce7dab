/**
 * Adding or changing a specification: a buyer's own, usually based on a standard (its
 * characteristics, limits and targets are copied, then adjusted). Each numeric characteristic
 * takes a lower limit, an upper limit or both, and optionally a target, in its own unit; an
 * attribute says what passing means. The form checks lower ≤ target ≤ upper and the physical
 * range beside each field before sending; the API checks the same and its field messages land
 * in the same places. Nothing is half-written: the API saves the whole specification or nothing.
 */
import { useState, type FormEvent } from 'react';
import type { z } from 'zod';
import { useApi } from '../../app/session-context.js';
import { ErrorBanner } from '../../components/error-banner.js';
import { Field, SelectField, TextField } from '../../components/field.js';
import { SubmitButton } from '../../components/loading.js';
import { useI18n } from '../../i18n/i18n-context.js';
import { SpecificationRequest } from '../../lib/contracts.js';
import { useSubmit } from '../../lib/use-submit.js';
import { ProductOptions } from '../toll/product-types.js';
import { formatDecimal, parseDecimalInput } from '../toll/quantity.js';
import type { CharacteristicT, SpecificationItemsT, SpecificationT } from './types.js';

type SpecBody = z.output<typeof SpecificationRequest>;
export type SpecFormMode = 'new' | 'edit' | 'copy';

interface Row {
  key: number;
  characteristicId: string;
  lower: string;
  target: string;
  upper: string;
  expectedPass: boolean;
}

let nextKey = 1;
const emptyRow = (): Row => ({
  key: nextKey++,
  characteristicId: '',
  lower: '',
  target: '',
  upper: '',
  expectedPass: true,
});
const text = (v: number | null) => (v === null ? '' : String(v));
const rowsOf = (spec: SpecificationT): Row[] =>
  spec.items.map((i) => ({
    key: nextKey++,
    characteristicId: i.characteristic.id,
    lower: text(i.lower),
    target: text(i.target),
    upper: text(i.upper),
    expectedPass: i.expectedPass ?? true,
  }));

export function SpecForm({
  data,
  productTypes,
  mode,
  initial,
  onSaved,
  onCancel,
}: {
  data: SpecificationItemsT;
  productTypes: { code: string; name: string }[];
  mode: SpecFormMode;
  /** The specification edited, or copied from. */
  initial?: SpecificationT | undefined;
  onSaved: (spec: SpecificationT) => void;
  onCancel: () => void;
}) {
  const { t, locale } = useI18n();
  const api = useApi();
  const [productType, setProductType] = useState(initial?.productType ?? '');
  const [name, setName] = useState(initial && mode === 'edit' ? initial.name : '');
  const [source, setSource] = useState(initial?.source ?? '');
  const [buyerOrgId, setBuyerOrgId] = useState(initial?.buyerOrgId ?? '');
  const [rows, setRows] = useState<Row[]>(() => (initial ? rowsOf(initial) : [emptyRow()]));
  const [base, setBase] = useState('');
  const [localErrors, setLocalErrors] = useState<Record<string, string>>({});
  const submission = useSubmit(async (body: SpecBody) => {
    onSaved(
      mode === 'edit' && initial
        ? await api.put<SpecificationT>(
            `/api/specifications/${encodeURIComponent(initial.id)}`,
            body,
          )
        : await api.post<SpecificationT>('/api/specifications', body),
    );
  }, SpecificationRequest);
  const errors = { ...submission.fieldErrors, ...localErrors };
  const charOf = (id: string): CharacteristicT | undefined =>
    data.characteristics.find((c) => c.id === id);
  const bases = data.items.filter(
    (s) => s.productType === productType && !(mode === 'edit' && s.id === initial?.id),
  );
  const change = (key: number, patch: Partial<Row>) =>
    setRows((all) => all.map((r) => (r.key === key ? { ...r, ...patch } : r)));
  const range = (c: CharacteristicT) =>
    t('specForm.unit', {
      unit: c.unit ?? '-',
      min: c.physicalMin === null ? '-∞' : formatDecimal(c.physicalMin, locale, 6),
      max: c.physicalMax === null ? '∞' : formatDecimal(c.physicalMax, locale, 6),
    });

  const onSubmit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const bad: Record<string, string> = {};
    const seen = new Set<string>();
    const items = rows.map((r, i) => {
      const at = (field: string) => `items.${i}.${field}`;
      const c = charOf(r.characteristicId);
      if (!c) {
        bad[at('characteristicId')] = t('validation.required');
        return { characteristicId: r.characteristicId };
      }
      if (seen.has(c.id)) bad[at('characteristicId')] = t('specForm.duplicate');
      seen.add(c.id);
      if (c.kind === 'attribute')
        return {
          characteristicId: c.id,
          unit: null,
          lower: null,
          target: null,
          upper: null,
          expectedPass: r.expectedPass,
        };
      const read = (field: 'lower' | 'target' | 'upper') => {
        const v = parseDecimalInput(r[field], { groupedDots: false });
        if (v === 'invalid') {
          bad[at(field)] = t('toll.number.invalid');
          return null;
        }
        if (
          v !== null &&
          ((c.physicalMin !== null && v < c.physicalMin) ||
            (c.physicalMax !== null && v > c.physicalMax))
        )
          bad[at(field)] = t('specForm.outOfRange', {
            min: c.physicalMin ?? '-∞',
            max: c.physicalMax ?? '∞',
          });
        return v;
      };
      const [lower, target, upper] = [read('lower'), read('target'), read('upper')];
      if (lower === null && upper === null && !bad[at('lower')] && !bad[at('upper')])
        bad[at('lower')] = t('specForm.needsLimit');
      if (lower !== null && upper !== null && lower > upper) bad[at('upper')] = t('specForm.order');
      else if (
        target !== null &&
        ((lower !== null && target < lower) || (upper !== null && target > upper))
      )
        bad[at('target')] = t('specForm.order');
      return { characteristicId: c.id, unit: c.unit, lower, target, upper, expectedPass: null };
    });
    if (rows.length === 0) bad['items'] = t('specForm.itemsRequired');
    setLocalErrors(bad);
    if (Object.keys(bad).length > 0) return;
    await submission.submit({
      productType,
      name,
      source,
      buyerOrgId: buyerOrgId || null,
      items,
    });
  };

  return (
    <form
      className="form form-panel"
      noValidate
      data-testid="spec-form"
      onSubmit={(event) => void onSubmit(event)}
    >
      <h3>{t(mode === 'edit' ? 'specForm.titleEdit' : 'specForm.titleNew')}</h3>
      <ErrorBanner error={submission.error} />
      <SelectField
        label={t('toll.field.product')}
        name="productType"
        value={productType}
        onChange={(event) => setProductType(event.target.value)}
        error={errors['productType']}
      >
        <option value="" disabled>
          {t('toll.chooseProduct')}
        </option>
        <ProductOptions types={productTypes} />
      </SelectField>
      {productType && mode !== 'edit' && bases.length > 0 && (
        <div className="form-row">
          <SelectField
            label={t('specForm.base')}
            name="base"
            value={base}
            onChange={(event) => setBase(event.target.value)}
            hint={t('specForm.baseHint')}
          >
            <option value="">{t('specForm.baseNone')}</option>
            {bases.map((s) => (
              <option key={s.id} value={s.id}>
                {s.name} ({s.source})
              </option>
            ))}
          </SelectField>
          <div className="button-row">
            <button
              type="button"
              className="button-secondary"
              disabled={!base}
              data-testid="spec-base-apply"
              onClick={() => {
                const from = bases.find((s) => s.id === base);
                if (!from) return;
                setRows(rowsOf(from));
                if (!source.trim()) setSource(from.source);
              }}
            >
              {t('specForm.baseApply')}
            </button>
          </div>
        </div>
      )}
      <TextField
        label={t('specForm.name')}
        name="name"
        value={name}
        maxLength={200}
        onChange={(event) => setName(event.target.value)}
        error={errors['name']}
      />
      <div className="form-row">
        <TextField
          label={t('specForm.source')}
          name="source"
          value={source}
          maxLength={200}
          onChange={(event) => setSource(event.target.value)}
          error={errors['source']}
          hint={t('specForm.sourceHint')}
        />
        <SelectField
          label={t('specForm.buyer')}
          name="buyerOrgId"
          value={buyerOrgId}
          onChange={(event) => setBuyerOrgId(event.target.value)}
          error={errors['buyerOrgId']}
        >
          <option value="">{t('specForm.noBuyer')}</option>
          {data.buyers.map((b) => (
            <option key={b.id} value={b.id}>
              {b.name}
            </option>
          ))}
        </SelectField>
      </div>
      <fieldset className="spec-items" data-testid="spec-items">
        <legend>{t('specForm.items')}</legend>
        {errors['items'] && <p className="field-error">{errors['items']}</p>}
        {rows.map((r, i) => {
          const c = charOf(r.characteristicId);
          const at = (field: string) => errors[`items.${i}.${field}`];
          return (
            <fieldset key={r.key} className="output-row" data-testid="spec-item">
              <legend>{t('specForm.item', { n: i + 1 })}</legend>
              <SelectField
                label={t('inspection.characteristic')}
                name={`characteristic-${r.key}`}
                value={r.characteristicId}
                onChange={(event) => change(r.key, { characteristicId: event.target.value })}
                error={at('characteristicId')}
                hint={c && c.kind === 'numeric' ? range(c) : (c?.testMethod ?? undefined)}
              >
                <option value="" disabled>
                  {t('specForm.chooseCharacteristic')}
                </option>
                {data.characteristics.map((x) => (
                  <option key={x.id} value={x.id}>
                    {x.name}
                    {x.unit && x.unit !== '-' ? ` (${x.unit})` : ''}
                  </option>
                ))}
              </SelectField>
              {c?.kind === 'attribute' ? (
                <SelectField
                  label={t('specForm.expected')}
                  name={`expected-${r.key}`}
                  value={r.expectedPass ? 'true' : 'false'}
                  onChange={(event) =>
                    change(r.key, { expectedPass: event.target.value === 'true' })
                  }
                  error={at('expectedPass') ?? at('lower')}
                >
                  <option value="true">{t('specForm.expectedTrue')}</option>
                  <option value="false">{t('specForm.expectedFalse')}</option>
                </SelectField>
              ) : (
                c && (
                  <div className="form-row spec-limits">
                    {(['lower', 'target', 'upper'] as const).map((field) => (
                      <Field
                        key={field}
                        label={`${t(`specForm.${field}`)}${c.unit && c.unit !== '-' ? ` (${c.unit})` : ''}`}
                        error={at(field) ?? (field === 'lower' ? at('unit') : undefined)}
                      >
                        {(control) => (
                          <input
                            type="text"
                            inputMode="decimal"
                            name={`${field}-${r.key}`}
                            data-testid={`spec-${field}-${i}`}
                            value={r[field]}
                            onChange={(event) => change(r.key, { [field]: event.target.value })}
                            {...control}
                          />
                        )}
                      </Field>
                    ))}
                  </div>
                )
              )}
              <div className="button-row">
                <button
                  type="button"
                  className="button-secondary"
                  data-testid="spec-item-remove"
                  onClick={() => setRows((all) => all.filter((x) => x.key !== r.key))}
                >
                  {t('action.remove')}
                </button>
              </div>
            </fieldset>
          );
        })}
        <button
          type="button"
          className="button-secondary"
          data-testid="spec-item-add"
          onClick={() => setRows((all) => [...all, emptyRow()])}
        >
          {t('specForm.addItem')}
        </button>
      </fieldset>
      <div className="button-row">
        <SubmitButton
          pending={submission.pending}
          label={t('specForm.save')}
          pendingLabel={t('action.saving')}
        />
        <button type="button" className="button-secondary" onClick={onCancel}>
          {t('action.cancel')}
        </button>
      </div>
    </form>
  );
}
