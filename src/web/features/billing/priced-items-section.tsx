/**
 * Consumables and utilities a site sells by the unit (kWh, water, LPG, bottles), each with a
 * price valid over a period; a new price for the same code starts after the old one ends
 * (priced_item_overlap otherwise).
 */
import { useState, type FormEvent } from 'react';
import type { z } from 'zod';
import { useApi } from '../../app/session-context.js';
import { AddToggle } from '../../components/add-toggle.js';
import { type Column } from '../../components/data-table.js';
import { ErrorBanner } from '../../components/error-banner.js';
import { RupiahField, TextField } from '../../components/field.js';
import { FormButtons } from '../../components/form-buttons.js';
import { Loaded } from '../../components/loaded.js';
import { Section } from '../../components/page.js';
import { TableOrEmpty } from '../../components/table-or-empty.js';
import { useI18n } from '../../i18n/i18n-context.js';
import { PricedItemRequest, type TimeZone } from '../../lib/contracts.js';
import { dayIn, formatDate, formatRupiah, parseRupiahInput } from '../../lib/format.js';
import { useResource } from '../../lib/use-resource.js';
import { formValues, useSubmit } from '../../lib/use-submit.js';
import { sitePath, type PricedItemT } from './types.js';
import { ValidityFields } from './validity-fields.js';

export function PricedItemsSection({
  siteId,
  timeZone,
  canEdit,
}: {
  siteId: string;
  timeZone: TimeZone;
  canEdit: boolean;
}) {
  const { t, locale } = useI18n();
  const path = `${sitePath(siteId)}/priced-items`;
  const items = useResource<{ items: PricedItemT[] }>(path);
  const today = dayIn(new Date(), timeZone);

  const columns: Column<PricedItemT>[] = [
    { key: 'code', header: t('items.code'), render: (i) => <code>{i.code}</code> },
    { key: 'name', header: t('items.name'), render: (i) => i.name },
    {
      key: 'price',
      header: t('items.price'),
      className: 'numeric',
      render: (i) => (
        <span className="nowrap">
          {formatRupiah(i.unitPrice)}/{i.unit}
        </span>
      ),
    },
    {
      key: 'taxable',
      header: t('items.taxable'),
      render: (i) => (i.taxable ? t('billing.yes') : t('billing.no')),
    },
    {
      key: 'valid',
      header: t('billing.validity'),
      render: (i) => (
        <span className={i.validTo !== null && i.validTo < today ? 'nowrap muted' : 'nowrap'}>
          {formatDate(i.validFrom, locale)} –{' '}
          {i.validTo ? formatDate(i.validTo, locale) : t('billing.open')}
        </span>
      ),
    },
  ];

  return (
    <Section title={t('items.title')} testId="priced-items">
      <p className="muted">{t('items.lead')}</p>
      <Loaded resource={items}>
        {(data) => (
          <TableOrEmpty
            caption={t('items.title')}
            columns={columns}
            rows={data.items}
            rowKey={(i) => i.id}
            testId="priced-item-table"
            emptyTitle={t('items.empty.title')}
            emptyBody={canEdit ? t('items.empty.bodyEditor') : t('items.empty.bodyReader')}
          />
        )}
      </Loaded>
      {canEdit && (
        <AddToggle label={t('items.add')} testId="add-priced-item" secondary>
          {(close) => (
            <PricedItemForm
              path={path}
              today={today}
              onCancel={close}
              onSaved={(next) => {
                items.replace(next);
                close();
              }}
            />
          )}
        </AddToggle>
      )}
    </Section>
  );
}

function PricedItemForm({
  path,
  today,
  onSaved,
  onCancel,
}: {
  path: string;
  today: string;
  onSaved: (items: { items: PricedItemT[] }) => void;
  onCancel: () => void;
}) {
  const { t } = useI18n();
  const api = useApi();
  const [taxable, setTaxable] = useState(true);
  const [localErrors, setLocalErrors] = useState<Record<string, string>>({});
  const save = useSubmit(async (body: z.output<typeof PricedItemRequest>) => {
    onSaved(await api.post<{ items: PricedItemT[] }>(path, body));
  }, PricedItemRequest);

  const onSubmit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const values = formValues(event.currentTarget);
    const text = (name: string) => (values[name] ?? '').trim();
    const price = parseRupiahInput(text('unitPrice'));
    const errors: Record<string, string> = {};
    if (price === 'invalid') errors['unitPrice'] = t('validation.rupiah');
    setLocalErrors(errors);
    if (price === 'invalid') {
      save.reset();
      return;
    }
    await save.submit({
      code: text('code'),
      name: text('name'),
      unit: text('unit'),
      unitPrice: price,
      taxable,
      validFrom: text('validFrom'),
      validTo: text('validTo') || null,
    });
  };
  const errors = { ...save.fieldErrors, ...localErrors };

  return (
    <form
      className="form form-panel"
      onSubmit={(event) => void onSubmit(event)}
      noValidate
      data-testid="priced-item-form"
    >
      <h3>{t('items.add')}</h3>
      <ErrorBanner error={save.error} />
      <div className="form-row">
        <TextField
          label={t('items.code')}
          name="code"
          autoComplete="off"
          hint={t('items.codeHint')}
          error={errors['code']}
        />
        <TextField label={t('items.name')} name="name" error={errors['name']} />
      </div>
      <div className="form-row">
        <TextField
          label={t('items.unit')}
          name="unit"
          hint={t('items.unitHint')}
          error={errors['unit']}
        />
        <RupiahField
          label={t('items.unitPrice')}
          name="unitPrice"
          hint={t('items.unitPriceHint')}
          error={errors['unitPrice']}
        />
      </div>
      <label className="checkbox">
        <input
          type="checkbox"
          checked={taxable}
          onChange={(event) => setTaxable(event.target.checked)}
        />{' '}
        {t('items.taxableLabel')}
      </label>
      <ValidityFields today={today} errors={errors} />
      <FormButtons pending={save.pending} label={t('items.save')} onCancel={onCancel} />
    </form>
  );
}
