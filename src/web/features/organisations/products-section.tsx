/** The organisation's products: a list, and one form to add a product or change one. */
import { useState, type FormEvent } from 'react';
import type { z } from 'zod';
import { useApi } from '../../app/session-context.js';
import { AddToggle } from '../../components/add-toggle.js';
import { DataTable, type Column } from '../../components/data-table.js';
import { EmptyState } from '../../components/empty-state.js';
import { ErrorBanner } from '../../components/error-banner.js';
import { Field, TextField } from '../../components/field.js';
import { FormButtons } from '../../components/form-buttons.js';
import { Section } from '../../components/page.js';
import { PagedList } from '../../components/paged-list.js';
import { useI18n } from '../../i18n/i18n-context.js';
import { ProductPatch, ProductRequest } from '../../lib/contracts.js';
import type { CursorList } from '../../lib/use-cursor-list.js';
import { formValues, useSubmit } from '../../lib/use-submit.js';
import type { OrganisationT, ProductT } from './types.js';

export function ProductsSection({
  organisation,
  products,
}: {
  organisation: OrganisationT;
  /** Loaded by the page: certificates name their product too. */
  products: CursorList<ProductT>;
}) {
  const { t } = useI18n();
  const api = useApi();
  const [editing, setEditing] = useState<ProductT | 'new' | null>(null);
  const base = `/api/organisations/${encodeURIComponent(organisation.id)}/products`;
  const remove = useSubmit(async (product: ProductT) => {
    await api.delete(`${base}/${encodeURIComponent(product.id)}`);
    products.reload();
  });

  const columns: Column<ProductT>[] = [
    { key: 'name', header: t('organisations.products.name'), render: (p) => p.name },
    { key: 'unit', header: t('organisations.products.unit'), render: (p) => p.unit ?? '—' },
    {
      key: 'description',
      header: t('organisations.products.description'),
      render: (p) => p.description ?? '—',
    },
  ];
  if (organisation.canEdit) {
    columns.push({
      key: 'actions',
      header: t('table.actions'),
      render: (product) => (
        <div className="button-row">
          <button
            type="button"
            className="button-secondary"
            onClick={() => setEditing(product)}
            aria-label={t('organisations.products.editNamed', { name: product.name })}
          >
            {t('action.edit')}
          </button>
          <button
            type="button"
            className="button-danger"
            disabled={remove.pending}
            onClick={() => {
              if (window.confirm(t('organisations.products.removeConfirm', { name: product.name })))
                void remove.submit(product);
            }}
            aria-label={t('organisations.products.removeNamed', { name: product.name })}
          >
            {t('action.remove')}
          </button>
        </div>
      ),
    });
  }

  return (
    <Section title={t('organisations.products.title')} testId="organisation-products">
      <ErrorBanner error={remove.error} />
      <PagedList
        list={products}
        empty={
          <EmptyState title={t('organisations.products.empty.title')}>
            {organisation.canEdit
              ? t('organisations.products.empty.bodyEditor')
              : t('organisations.products.empty.bodyReader')}
          </EmptyState>
        }
      >
        {(items) => (
          <DataTable
            caption={t('organisations.products.title')}
            columns={columns}
            rows={items}
            rowKey={(product) => product.id}
            testId="product-table"
          />
        )}
      </PagedList>
      {organisation.canEdit && (
        <AddToggle
          label={t('organisations.products.add')}
          testId="add-product"
          editing={editing}
          onEdit={setEditing}
        >
          {(close, product) => (
            <ProductForm
              key={product?.id ?? 'new'}
              base={base}
              product={product}
              onSaved={() => {
                close();
                products.reload();
              }}
              onCancel={close}
            />
          )}
        </AddToggle>
      )}
    </Section>
  );
}

function ProductForm({
  base,
  product,
  onSaved,
  onCancel,
}: {
  base: string;
  product: ProductT | null;
  onSaved: () => void;
  onCancel: () => void;
}) {
  const { t } = useI18n();
  const api = useApi();
  const create = useSubmit(async (body: z.output<typeof ProductRequest>) => {
    await api.post(base, body);
    onSaved();
  }, ProductRequest);
  const update = useSubmit(async (body: z.output<typeof ProductPatch>) => {
    await api.patch(`${base}/${encodeURIComponent(product?.id ?? '')}`, body);
    onSaved();
  }, ProductPatch);
  const submission = product ? update : create;

  const onSubmit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const values = formValues(event.currentTarget);
    const optional = (name: string) => (values[name] ?? '').trim() || null;
    await submission.submit({
      name: (values['name'] ?? '').trim(),
      unit: optional('unit'),
      description: optional('description'),
    });
  };
  const errors = submission.fieldErrors;

  return (
    <form
      className="form form-panel"
      onSubmit={(event) => void onSubmit(event)}
      noValidate
      data-testid="product-form"
    >
      <h3>
        {product
          ? t('organisations.products.editNamed', { name: product.name })
          : t('organisations.products.add')}
      </h3>
      <ErrorBanner error={submission.error} />
      <TextField
        label={t('organisations.products.name')}
        name="name"
        defaultValue={product?.name ?? ''}
        error={errors['name']}
      />
      <TextField
        label={t('organisations.products.unit')}
        name="unit"
        defaultValue={product?.unit ?? ''}
        hint={t('organisations.products.unitHint')}
        error={errors['unit']}
      />
      <Field label={t('organisations.products.description')} error={errors['description']}>
        {(control) => (
          <textarea
            name="description"
            rows={3}
            defaultValue={product?.description ?? ''}
            {...control}
          />
        )}
      </Field>
      <FormButtons pending={submission.pending} label={t('action.save')} onCancel={onCancel} />
    </form>
  );
}
