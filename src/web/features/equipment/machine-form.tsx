/**
 * Adding or changing a machine: what it does (capabilities), how much (capacity per hour or per
 * batch), what it costs to use (hourly and batch rate), its specifications as name/value rows,
 * and where it came from (acquisition value, funding programme). Checked with the contract's
 * schema before sending; the API's field problems appear beside the same fields.
 */
import { useState, type FormEvent } from 'react';
import { useNavigate } from 'react-router';
import type { z } from 'zod';
import { canSee } from '../../app/nav.js';
import { useApi, useSession } from '../../app/session-context.js';
import { ErrorBanner } from '../../components/error-banner.js';
import { RupiahField, SelectField, TextField } from '../../components/field.js';
import { SubmitButton } from '../../components/loading.js';
import { useI18n } from '../../i18n/i18n-context.js';
import { CreateMachineRequest, UpdateMachineRequest } from '../../lib/contracts.js';
import { formatRupiahInput, parseRupiahInput } from '../../lib/format.js';
import { useCursorList } from '../../lib/use-cursor-list.js';
import { useResource } from '../../lib/use-resource.js';
import { formValues, useSubmit } from '../../lib/use-submit.js';
import { SiteSelect, useSites } from '../organisations/site-select.js';
import { sortedCapabilities } from './capabilities.js';
import { machinePath, type CapabilityT, type MachineT } from './types.js';

interface SpecRow {
  id: number;
  name: string;
  value: string;
}

let specRowId = 0;
const specRows = (specs: MachineT['specs']): SpecRow[] =>
  Object.entries(specs).map(([name, value]) => ({ id: ++specRowId, name, value: String(value) }));

/** "7,5" and "7.5" are numbers, "true"/"false" yes/no; anything else stays text. */
function specValue(text: string): string | number | boolean {
  const trimmed = text.trim();
  if (/^-?\d+([.,]\d+)?$/.test(trimmed)) return Number(trimmed.replace(',', '.'));
  if (trimmed === 'true' || trimmed === 'false') return trimmed === 'true';
  return trimmed;
}

const RUPIAH_FIELDS = ['hourlyRate', 'batchRate', 'acquisitionValue'] as const;

export function MachineForm({
  machine,
  initialSiteId = '',
}: {
  /** null: a new machine. */
  machine: MachineT | null;
  initialSiteId?: string;
}) {
  const { t } = useI18n();
  const api = useApi();
  const navigate = useNavigate();
  const sites = useSites();
  const onlySite = sites.items.length === 1 ? (sites.items[0]?.id ?? '') : '';
  const [siteChoice, setSiteChoice] = useState(initialSiteId);
  const siteId = machine?.siteId ?? (siteChoice || onlySite);
  const [capabilities, setCapabilities] = useState<CapabilityT[]>(machine?.capabilities ?? []);
  const [specs, setSpecs] = useState<SpecRow[]>(() => specRows(machine?.specs ?? {}));
  const [localErrors, setLocalErrors] = useState<Record<string, string>>({});

  const create = useSubmit(async (body: z.output<typeof CreateMachineRequest>) => {
    const created = await api.post<MachineT>(
      `/api/sites/${encodeURIComponent(siteId)}/equipment`,
      body,
    );
    void navigate(`/equipment/${created.id}`);
  }, CreateMachineRequest);
  const update = useSubmit(async (body: z.output<typeof UpdateMachineRequest>) => {
    await api.patch<MachineT>(machinePath(machine?.id ?? ''), body);
    void navigate(`/equipment/${machine?.id ?? ''}`);
  }, UpdateMachineRequest);
  const submission = machine ? update : create;

  const onSubmit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const values = formValues(event.currentTarget);
    const text = (name: string) => (values[name] ?? '').trim();
    const errors: Record<string, string> = {};
    const money: Record<string, number | null> = {};
    for (const name of RUPIAH_FIELDS) {
      const parsed = parseRupiahInput(text(name));
      if (parsed === 'invalid') errors[name] = t('validation.rupiah');
      else money[name] = parsed;
    }
    if (!machine && !siteId) errors['siteId'] = t('validation.required');
    const capacityValue = text('capacityValue');
    const capacityUnit = text('capacityUnit');
    const capacity =
      capacityValue || capacityUnit
        ? {
            value: capacityValue ? Number(capacityValue.replace(',', '.')) : NaN,
            unit: capacityUnit,
            basis: text('capacityBasis'),
          }
        : null;
    const specEntries = specs.filter((row) => row.name.trim() || row.value.trim());
    if (specEntries.some((row) => !row.name.trim()))
      errors['specs'] = t('machine.specs.nameRequired');
    setLocalErrors(errors);
    if (Object.keys(errors).length > 0) {
      submission.reset();
      return;
    }
    const body = {
      code: text('code'),
      name: text('name'),
      capabilities,
      capacity,
      hourlyRate: money['hourlyRate'] ?? null,
      batchRate: money['batchRate'] ?? null,
      acquisitionValue: money['acquisitionValue'] ?? 0,
      acquiredOn: text('acquiredOn') || null,
      fundingProgrammeId: text('fundingProgrammeId') || null,
      manufacturer: text('manufacturer') || null,
      model: text('model') || null,
      serialNumber: text('serialNumber') || null,
      specs: Object.fromEntries(specEntries.map((row) => [row.name.trim(), specValue(row.value)])),
    };
    await submission.submit(body);
  };

  const errors = { ...submission.fieldErrors, ...localErrors };
  const capacityError =
    errors['capacity.value'] ?? errors['capacity.unit'] ?? errors['capacity.basis'];
  const specsError =
    errors['specs'] ?? Object.entries(errors).find(([path]) => path.startsWith('specs.'))?.[1];

  return (
    <form
      className="form"
      onSubmit={(event) => void onSubmit(event)}
      noValidate
      data-testid="machine-form"
    >
      <ErrorBanner error={submission.error} />
      <fieldset>
        <legend>{t('machine.form.identity')}</legend>
        {!machine && (
          <SiteSelect
            sites={sites}
            label={t('machine.field.site')}
            name="siteId"
            value={siteId}
            onChange={setSiteChoice}
            emptyOption={{ label: t('machine.field.siteChoose'), selectable: false }}
            error={errors['siteId']}
          />
        )}
        <TextField
          label={t('machine.field.code')}
          name="code"
          defaultValue={machine?.code ?? ''}
          hint={t('machine.field.codeHint')}
          error={errors['code']}
          autoComplete="off"
        />
        <TextField
          label={t('machine.field.name')}
          name="name"
          defaultValue={machine?.name ?? ''}
          error={errors['name']}
        />
        <CapabilityPicker
          value={capabilities}
          onChange={setCapabilities}
          error={errors['capabilities']}
        />
      </fieldset>
      <fieldset>
        <legend>{t('machine.form.capacity')}</legend>
        <div className="form-row">
          <TextField
            label={t('machine.field.capacityValue')}
            name="capacityValue"
            inputMode="decimal"
            defaultValue={machine?.capacity ? String(machine.capacity.value) : ''}
            error={capacityError}
          />
          <TextField
            label={t('machine.field.capacityUnit')}
            name="capacityUnit"
            defaultValue={machine?.capacity?.unit ?? ''}
            hint={t('machine.field.capacityUnitHint')}
          />
          <SelectField
            label={t('machine.field.capacityBasis')}
            name="capacityBasis"
            defaultValue={machine?.capacity?.basis ?? 'per_hour'}
          >
            <option value="per_hour">{t('machine.basis.per_hour')}</option>
            <option value="per_batch">{t('machine.basis.per_batch')}</option>
          </SelectField>
        </div>
        <RupiahField
          label={t('machine.field.hourlyRate')}
          name="hourlyRate"
          defaultValue={formatRupiahInput(machine?.hourlyRate ?? null)}
          hint={t('machine.field.rateHint')}
          error={errors['hourlyRate']}
        />
        <RupiahField
          label={t('machine.field.batchRate')}
          name="batchRate"
          defaultValue={formatRupiahInput(machine?.batchRate ?? null)}
          hint={t('machine.field.rateHint')}
          error={errors['batchRate']}
        />
      </fieldset>
      <fieldset>
        <legend>{t('machine.form.specs')}</legend>
        <SpecsEditor rows={specs} onChange={setSpecs} error={specsError} />
      </fieldset>
      <fieldset>
        <legend>{t('machine.form.acquisition')}</legend>
        <RupiahField
          label={t('machine.field.acquisitionValue')}
          name="acquisitionValue"
          defaultValue={formatRupiahInput(machine?.acquisitionValue ?? null)}
          hint={t('machine.field.acquisitionValueHint')}
          error={errors['acquisitionValue']}
        />
        <TextField
          label={t('machine.field.acquiredOn')}
          name="acquiredOn"
          type="date"
          defaultValue={machine?.acquiredOn ?? ''}
          error={errors['acquiredOn']}
        />
        <FundingSelect
          siteId={siteId}
          defaultValue={machine?.fundingProgrammeId ?? ''}
          error={errors['fundingProgrammeId']}
        />
        <TextField
          label={t('machine.field.manufacturer')}
          name="manufacturer"
          defaultValue={machine?.manufacturer ?? ''}
          error={errors['manufacturer']}
        />
        <TextField
          label={t('machine.field.model')}
          name="model"
          defaultValue={machine?.model ?? ''}
          error={errors['model']}
        />
        <TextField
          label={t('machine.field.serialNumber')}
          name="serialNumber"
          defaultValue={machine?.serialNumber ?? ''}
          error={errors['serialNumber']}
        />
      </fieldset>
      <div className="button-row">
        <SubmitButton
          pending={submission.pending}
          label={machine ? t('action.save') : t('equipment.add')}
          pendingLabel={t('action.saving')}
        />
        <button
          type="button"
          className="button-secondary"
          onClick={() => void navigate(machine ? `/equipment/${machine.id}` : '/equipment')}
        >
          {t('action.cancel')}
        </button>
      </div>
    </form>
  );
}

/** Capabilities as toggle chips, labelled in the UI language; at most 10 (the contract's). */
function CapabilityPicker({
  value,
  onChange,
  error,
}: {
  value: readonly CapabilityT[];
  onChange: (value: CapabilityT[]) => void;
  error: string | undefined;
}) {
  const { t } = useI18n();
  return (
    <fieldset className="chip-group" data-testid="capability-picker" aria-invalid={Boolean(error)}>
      <legend>{t('machine.field.capabilities')}</legend>
      {sortedCapabilities(t).map((option) => {
        const chosen = value.includes(option);
        return (
          <button
            key={option}
            type="button"
            className="filter-chip"
            aria-pressed={chosen}
            data-testid={`capability-${option}`}
            disabled={!chosen && value.length >= 10}
            onClick={() =>
              onChange(chosen ? value.filter((c) => c !== option) : [...value, option])
            }
          >
            {t(`capability.${option}`)}
          </button>
        );
      })}
      {error && <p className="field-error">{error}</p>}
    </fieldset>
  );
}

function SpecsEditor({
  rows,
  onChange,
  error,
}: {
  rows: readonly SpecRow[];
  onChange: (rows: SpecRow[]) => void;
  error: string | undefined;
}) {
  const { t } = useI18n();
  const set = (id: number, change: Partial<SpecRow>) =>
    onChange(rows.map((row) => (row.id === id ? { ...row, ...change } : row)));
  return (
    <div className="specs-editor" data-testid="specs-editor">
      {rows.length === 0 && <p className="muted">{t('machine.specs.empty')}</p>}
      {rows.map((row, index) => (
        <div key={row.id} className="form-row">
          <TextField
            label={t('machine.specs.name', { n: index + 1 })}
            name={`spec-name-${row.id}`}
            value={row.name}
            placeholder="power_kw"
            onChange={(event) => set(row.id, { name: event.target.value })}
          />
          <TextField
            label={t('machine.specs.value', { n: index + 1 })}
            name={`spec-value-${row.id}`}
            value={row.value}
            placeholder="7,5"
            onChange={(event) => set(row.id, { value: event.target.value })}
          />
          <button
            type="button"
            className="button-secondary"
            onClick={() => onChange(rows.filter((candidate) => candidate.id !== row.id))}
          >
            {t('action.remove')}
          </button>
        </div>
      ))}
      {error && <p className="field-error">{error}</p>}
      <button
        type="button"
        className="button-secondary"
        onClick={() => onChange([...rows, { id: ++specRowId, name: '', value: '' }])}
      >
        {t('machine.specs.add')}
      </button>
    </div>
  );
}

/**
 * The funding programme: administrators choose among all programmes; a site manager (who may
 * not browse programmes) between none and the site's own programme.
 */
function FundingSelect({
  siteId,
  defaultValue,
  error,
}: {
  siteId: string;
  defaultValue: string;
  error: string | undefined;
}) {
  const { t } = useI18n();
  const { roles } = useSession();
  const browse = canSee('programmes', roles);
  const programmes = useCursorList<{ id: string; name: string; code: string }>(
    browse ? '/api/programmes' : null,
    { limit: 200 },
  );
  const site = useResource<{ programmeId: string; programmeName: string }>(
    !browse && siteId ? `/api/sites/${encodeURIComponent(siteId)}` : null,
  );
  const options = browse
    ? programmes.items.map((p) => ({ id: p.id, name: `${p.name} (${p.code})` }))
    : site.data
      ? [{ id: site.data.programmeId, name: site.data.programmeName }]
      : [];
  // Keep a current choice that is not among the options (another programme funded it).
  const [value, setValue] = useState(defaultValue);
  return (
    <SelectField
      label={t('machine.field.fundingProgramme')}
      name="fundingProgrammeId"
      value={value}
      onChange={(event) => setValue(event.target.value)}
      error={error}
      hint={t('machine.field.fundingProgrammeHint')}
    >
      <option value="">{t('machine.field.fundingNone')}</option>
      {value && !options.some((option) => option.id === value) && (
        <option value={value}>{t('machine.field.fundingCurrent')}</option>
      )}
      {options.map((option) => (
        <option key={option.id} value={option.id}>
          {option.name}
        </option>
      ))}
    </SelectField>
  );
}
