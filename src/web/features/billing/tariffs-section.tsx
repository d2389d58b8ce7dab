/**
 * A machine's tariffs (on the machine page): the price per hour, batch or kg for each customer
 * class, with the operator fee and the days it is valid. The site's manager adds a tariff, ends
 * one on a day (its last valid day) or deletes one that has not started. Two tariffs of the same
 * basis and class may not overlap: the API refuses (tariff_overlap) and the form says which
 * tariff is in the way and marks it in the list.
 */
import { useEffect, useState, type FormEvent } from 'react';
import type { z } from 'zod';
import { useApi } from '../../app/session-context.js';
import { AddToggle } from '../../components/add-toggle.js';
import { DataTable, type Column } from '../../components/data-table.js';
import { EmptyState } from '../../components/empty-state.js';
import { ErrorBanner } from '../../components/error-banner.js';
import { RupiahField, SelectField, TextField } from '../../components/field.js';
import { FormButtons } from '../../components/form-buttons.js';
import { Loaded } from '../../components/loaded.js';
import { Section } from '../../components/page.js';
import { useI18n } from '../../i18n/i18n-context.js';
import type { ApiError } from '../../lib/api.js';
import {
  CUSTOMER_CLASSES,
  TARIFF_BASES,
  TariffRequest,
  type TimeZone,
} from '../../lib/contracts.js';
import { dayIn, formatDate, formatRupiah, parseRupiahInput } from '../../lib/format.js';
import { useResource } from '../../lib/use-resource.js';
import { formValues, useSubmit } from '../../lib/use-submit.js';
import type { CustomerClassT, TariffBasisT, TariffT } from './types.js';
import { ValidityFields } from './validity-fields.js';

interface TariffItems {
  items: TariffT[];
  canEdit: boolean;
}

type Validity = 'current' | 'upcoming' | 'ended';

export function validityOf(
  tariff: Pick<TariffT, 'validFrom' | 'validTo'>,
  today: string,
): Validity {
  if (tariff.validFrom > today) return 'upcoming';
  if (tariff.validTo !== null && tariff.validTo < today) return 'ended';
  return 'current';
}

/** By basis, then customer class (micro → non-member), newest period first. */
export function sortTariffs(items: readonly TariffT[]): TariffT[] {
  const basis = (t: TariffT) => TARIFF_BASES.indexOf(t.basis);
  const cls = (t: TariffT) => CUSTOMER_CLASSES.indexOf(t.customerClass);
  return [...items].sort(
    (a, b) => basis(a) - basis(b) || cls(a) - cls(b) || b.validFrom.localeCompare(a.validFrom),
  );
}

interface Overlap {
  basis: TariffBasisT;
  customerClass: CustomerClassT;
  otherFrom: string;
  otherTo: string;
}

function overlapOf(error: ApiError | null): Overlap | null {
  if (error?.code !== 'tariff_overlap') return null;
  const d = error.details as Partial<Overlap>;
  if (!d.basis || !d.customerClass || !d.otherFrom) return null;
  return {
    basis: d.basis,
    customerClass: d.customerClass,
    otherFrom: d.otherFrom,
    otherTo: d.otherTo ?? '…',
  };
}

const isDay = (value: string) => /^\d{4}-\d{2}-\d{2}$/.test(value);

export function TariffsSection({ machineId, timeZone }: { machineId: string; timeZone: TimeZone }) {
  const { t, locale } = useI18n();
  const api = useApi();
  const path = `/api/machines/${encodeURIComponent(machineId)}/tariffs`;
  const tariffs = useResource<TariffItems>(path);
  const today = dayIn(new Date(), timeZone);
  const [ending, setEnding] = useState<string | null>(null);
  const [overlap, setOverlap] = useState<Overlap | null>(null);
  const remove = useSubmit(async (tariff: TariffT) => {
    tariffs.replace(await api.delete<TariffItems>(`/api/tariffs/${encodeURIComponent(tariff.id)}`));
  });
  const unit = (basis: TariffBasisT) => t(`tariffUnit.${basis}`);
  const conflicting = (tariff: TariffT) =>
    overlap !== null &&
    tariff.basis === overlap.basis &&
    tariff.customerClass === overlap.customerClass &&
    tariff.validFrom === overlap.otherFrom;

  const columns: Column<TariffT>[] = [
    {
      key: 'class',
      header: t('tariffs.class'),
      render: (tariff) => t(`customerClass.${tariff.customerClass}`),
    },
    {
      key: 'price',
      header: t('tariffs.price'),
      className: 'numeric',
      render: (tariff) => (
        <span className="nowrap">
          {formatRupiah(tariff.unitPrice)}/{unit(tariff.basis)}
        </span>
      ),
    },
    {
      key: 'operator',
      header: t('tariffs.operatorFee'),
      className: 'numeric',
      render: (tariff) =>
        tariff.operatorFeePerHour > 0 ? (
          <span className="nowrap">
            {formatRupiah(tariff.operatorFeePerHour)}/{unit('per_hour')}
          </span>
        ) : (
          '—'
        ),
    },
    {
      key: 'valid',
      header: t('billing.validity'),
      render: (tariff) => {
        const validity = validityOf(tariff, today);
        return (
          <span className="tariff-validity">
            <span className="nowrap">
              {formatDate(tariff.validFrom, locale)} –{' '}
              {tariff.validTo ? formatDate(tariff.validTo, locale) : t('billing.open')}
            </span>{' '}
            <span
              className={`state-chip tariff-${validity}`}
              data-testid="tariff-validity"
              data-validity={validity}
            >
              {t(`tariffs.validity.${validity}`)}
            </span>
            {conflicting(tariff) && (
              <span className="state-chip tariff-conflict" data-testid="tariff-conflict">
                {t('tariffs.inTheWay')}
              </span>
            )}
          </span>
        );
      },
    },
  ];
  if (tariffs.data?.canEdit) {
    columns.push({
      key: 'actions',
      header: t('table.actions'),
      render: (tariff) => {
        const validity = validityOf(tariff, today);
        if (ending === tariff.id)
          return (
            <EndTariffForm
              tariff={tariff}
              today={today}
              onDone={(next) => {
                setEnding(null);
                setOverlap(null);
                tariffs.replace(next);
              }}
              onCancel={() => setEnding(null)}
            />
          );
        return (
          <div className="button-row">
            {validity !== 'ended' && (
              <button
                type="button"
                className="button-secondary"
                onClick={() => setEnding(tariff.id)}
                data-testid="end-tariff"
              >
                {t('tariffs.end')}
              </button>
            )}
            {validity === 'upcoming' && (
              <button
                type="button"
                className="button-danger"
                disabled={remove.pending}
                onClick={() => {
                  if (window.confirm(t('tariffs.removeConfirm'))) void remove.submit(tariff);
                }}
              >
                {t('action.remove')}
              </button>
            )}
          </div>
        );
      },
    });
  }

  return (
    <Section title={t('tariffs.title')} testId="machine-tariffs">
      <ErrorBanner error={remove.error} />
      <Loaded resource={tariffs}>
        {(data) => (
          <>
            {data.items.length === 0 ? (
              <EmptyState title={t('tariffs.empty.title')}>
                {data.canEdit ? t('tariffs.empty.bodyEditor') : t('tariffs.empty.bodyReader')}
              </EmptyState>
            ) : (
              TARIFF_BASES.filter((basis) => data.items.some((i) => i.basis === basis)).map(
                (basis) => (
                  <div key={basis}>
                    <h3>{t(`tariffBasis.${basis}`)}</h3>
                    <DataTable
                      caption={`${t('tariffs.title')} · ${t(`tariffBasis.${basis}`)}`}
                      columns={columns}
                      rows={sortTariffs(data.items.filter((i) => i.basis === basis))}
                      rowKey={(tariff) => tariff.id}
                      testId={`tariff-table-${basis}`}
                    />
                  </div>
                ),
              )
            )}
            {data.canEdit && (
              <AddToggle label={t('tariffs.add')} testId="add-tariff" secondary>
                {(close) => (
                  <TariffForm
                    path={path}
                    today={today}
                    onOverlap={setOverlap}
                    onCancel={() => {
                      close();
                      setOverlap(null);
                    }}
                    onSaved={(next) => {
                      tariffs.replace(next);
                      close();
                      setOverlap(null);
                    }}
                  />
                )}
              </AddToggle>
            )}
          </>
        )}
      </Loaded>
    </Section>
  );
}

function TariffForm({
  path,
  today,
  onSaved,
  onCancel,
  onOverlap,
}: {
  path: string;
  today: string;
  onSaved: (items: TariffItems) => void;
  onCancel: () => void;
  onOverlap: (overlap: Overlap | null) => void;
}) {
  const { t, locale } = useI18n();
  const api = useApi();
  const [localErrors, setLocalErrors] = useState<Record<string, string>>({});
  const save = useSubmit(async (body: z.output<typeof TariffRequest>) => {
    onSaved(await api.post<TariffItems>(path, body));
  }, TariffRequest);
  const overlap = overlapOf(save.error);

  const onSubmit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const values = formValues(event.currentTarget);
    const text = (name: string) => (values[name] ?? '').trim();
    const errors: Record<string, string> = {};
    const price = parseRupiahInput(text('unitPrice'));
    const fee = parseRupiahInput(text('operatorFeePerHour'));
    if (price === 'invalid') errors['unitPrice'] = t('validation.rupiah');
    if (fee === 'invalid') errors['operatorFeePerHour'] = t('validation.rupiah');
    const validTo = text('validTo');
    if (validTo && isDay(validTo) && validTo < text('validFrom'))
      errors['validTo'] = t('billing.validToBeforeFrom');
    setLocalErrors(errors);
    if (Object.keys(errors).length > 0 || price === 'invalid' || fee === 'invalid') {
      save.reset();
      return;
    }
    await save.submit({
      basis: values['basis'],
      customerClass: values['customerClass'],
      unitPrice: price,
      operatorFeePerHour: fee ?? 0,
      validFrom: text('validFrom'),
      validTo: validTo || null,
    });
  };
  // Tell the list which tariff is in the way (and forget it when the answer changes).
  useEffect(() => onOverlap(overlapOf(save.error)), [save.error, onOverlap]);
  const errors = { ...save.fieldErrors, ...localErrors };

  return (
    <form
      className="form form-panel"
      onSubmit={(event) => void onSubmit(event)}
      noValidate
      data-testid="tariff-form"
    >
      <h3>{t('tariffs.add')}</h3>
      {overlap ? (
        <div
          className="banner banner-error"
          role="alert"
          data-testid="tariff-overlap"
          data-code="tariff_overlap"
        >
          <p className="banner-title">{t('tariffs.overlapTitle')}</p>
          <p>
            {t('tariffs.overlap', {
              basis: t(`tariffBasis.${overlap.basis}`),
              class: t(`customerClass.${overlap.customerClass}`),
              from: formatDate(overlap.otherFrom, locale),
              to: isDay(overlap.otherTo) ? formatDate(overlap.otherTo, locale) : t('billing.open'),
            })}
          </p>
        </div>
      ) : (
        <ErrorBanner error={save.error} />
      )}
      <div className="form-row">
        <SelectField
          label={t('tariffs.basis')}
          name="basis"
          defaultValue="per_hour"
          error={errors['basis']}
        >
          {TARIFF_BASES.map((option) => (
            <option key={option} value={option}>
              {t(`tariffBasis.${option}`)}
            </option>
          ))}
        </SelectField>
        <SelectField
          label={t('tariffs.class')}
          name="customerClass"
          defaultValue="member_micro"
          error={errors['customerClass']}
        >
          {CUSTOMER_CLASSES.map((option) => (
            <option key={option} value={option}>
              {t(`customerClass.${option}`)}
            </option>
          ))}
        </SelectField>
      </div>
      <div className="form-row">
        <RupiahField
          label={t('tariffs.price')}
          name="unitPrice"
          hint={t('tariffs.priceHint')}
          error={errors['unitPrice']}
        />
        <RupiahField
          label={t('tariffs.operatorFee')}
          name="operatorFeePerHour"
          hint={t('tariffs.operatorFeeHint')}
          error={errors['operatorFeePerHour']}
        />
      </div>
      <ValidityFields today={today} errors={errors} />
      <FormButtons pending={save.pending} label={t('tariffs.save')} onCancel={onCancel} />
    </form>
  );
}

/** Ends a tariff on a day: its last valid day (today by default). */
function EndTariffForm({
  tariff,
  today,
  onDone,
  onCancel,
}: {
  tariff: TariffT;
  today: string;
  onDone: (items: TariffItems) => void;
  onCancel: () => void;
}) {
  const { t } = useI18n();
  const api = useApi();
  const end = useSubmit(async (body: { validTo: string }) => {
    onDone(await api.post<TariffItems>(`/api/tariffs/${encodeURIComponent(tariff.id)}/end`, body));
  });
  const [validTo, setValidTo] = useState(today < tariff.validFrom ? tariff.validFrom : today);
  const [error, setError] = useState<string | undefined>();
  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (!isDay(validTo)) return setError(t('validation.required'));
    if (validTo < tariff.validFrom) return setError(t('billing.validToBeforeFrom'));
    setError(undefined);
    void end.submit({ validTo });
  };
  return (
    <form className="form" onSubmit={onSubmit} noValidate data-testid="end-tariff-form">
      <ErrorBanner error={end.error} />
      <TextField
        label={t('tariffs.lastDay')}
        name="validTo"
        type="date"
        value={validTo}
        min={tariff.validFrom}
        onChange={(event) => setValidTo(event.target.value)}
        error={error ?? end.fieldErrors['validTo']}
      />
      <FormButtons pending={end.pending} label={t('tariffs.endSubmit')} onCancel={onCancel} />
    </form>
  );
}
