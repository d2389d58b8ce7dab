/**
 * Certificates (SNI, halal, P-IRT, BPOM MD, ISO 9001) with their expiry: expired ones and those
 * expiring within 30 days stand out, since a lapsed halal or P-IRT stops sales. Each may carry
 * its scanned file (PDF, JPEG or PNG, at most 5 MB), uploaded with progress.
 */
import { useRef, useState, type FormEvent } from 'react';
import type { z } from 'zod';
import { useApi } from '../../app/session-context.js';
import { AddToggle } from '../../components/add-toggle.js';
import { DataTable, type Column } from '../../components/data-table.js';
import { EmptyState } from '../../components/empty-state.js';
import { ErrorBanner, NoticeBanner, SuccessBanner } from '../../components/error-banner.js';
import { Field, SelectField, TextField } from '../../components/field.js';
import { FormButtons } from '../../components/form-buttons.js';
import { Section } from '../../components/page.js';
import { PagedList } from '../../components/paged-list.js';
import { UploadProgress } from '../../components/progress.js';
import { ExpiryDate } from '../../components/expiry.js';
import { useI18n } from '../../i18n/i18n-context.js';
import { CERTIFICATE_TYPES, CertificatePatch, CertificateRequest } from '../../lib/contracts.js';
import { dayIn, formatDate, formatFileSize, PLATFORM_TIME_ZONE } from '../../lib/format.js';
import { useCursorList, type CursorList } from '../../lib/use-cursor-list.js';
import { formValues, useSubmit } from '../../lib/use-submit.js';
import { useUpload } from '../../lib/use-upload.js';
import { EXPIRY_WARNING_DAYS, expiryStatus } from './certificate-status.js';
import type { CertificateT, OrganisationT, ProductT } from './types.js';

/** What the API accepts (organisations.service CERTIFICATE_FILE_TYPES and _MAX). */
const FILE_TYPES = ['application/pdf', 'image/jpeg', 'image/png'];
const FILE_MAX_BYTES = 5 * 1024 * 1024;

export function CertificatesSection({
  organisation,
  products,
}: {
  organisation: OrganisationT;
  products: CursorList<ProductT>;
}) {
  const { t, locale } = useI18n();
  const api = useApi();
  const base = `/api/organisations/${encodeURIComponent(organisation.id)}/certificates`;
  const certificates = useCursorList<CertificateT>(base, { limit: 50 });
  const [editing, setEditing] = useState<CertificateT | 'new' | null>(null);
  const [uploadFor, setUploadFor] = useState<CertificateT | null>(null);
  const today = dayIn(new Date(), PLATFORM_TIME_ZONE);
  const productItems = products.items;
  const productName = (id: string | null) =>
    productItems.find((product) => product.id === id)?.name ?? '—';
  const remove = useSubmit(async (certificate: CertificateT) => {
    await api.delete(`${base}/${encodeURIComponent(certificate.id)}`);
    certificates.reload();
  });

  const columns: Column<CertificateT>[] = [
    {
      key: 'type',
      header: t('organisations.certificates.type'),
      render: (c) => <strong>{t(`certificateType.${c.type}`)}</strong>,
    },
    {
      key: 'number',
      header: t('organisations.certificates.number'),
      render: (c) => (
        <>
          <span>{c.number}</span>
          <br />
          <span className="muted">{c.issuer}</span>
        </>
      ),
    },
    {
      key: 'issued',
      header: t('organisations.certificates.issuedOn'),
      render: (c) => (c.issuedOn ? formatDate(c.issuedOn, locale) : '—'),
    },
    {
      key: 'expires',
      header: t('organisations.certificates.expiresOn'),
      render: (c) => (
        <ExpiryDate
          expiresOn={c.expiresOn}
          status={expiryStatus(c.expiresOn, today)}
          testId="certificate-expiry"
        />
      ),
    },
    {
      key: 'product',
      header: t('organisations.certificates.product'),
      render: (c) => productName(c.productId),
    },
    {
      key: 'file',
      header: t('organisations.certificates.file'),
      render: (c) =>
        c.file ? (
          <a href={`${base}/${encodeURIComponent(c.id)}/file`} download={c.file.name}>
            {t('organisations.certificates.download', {
              size: formatFileSize(c.file.size, locale),
            })}
          </a>
        ) : (
          <span className="muted">{t('organisations.certificates.noFile')}</span>
        ),
    },
  ];
  if (organisation.canEdit) {
    columns.push({
      key: 'actions',
      header: t('table.actions'),
      render: (c) => {
        const named = `${t(`certificateType.${c.type}`)} ${c.number}`;
        return (
          <div className="button-row">
            <button
              type="button"
              className="button-secondary"
              onClick={() => {
                setUploadFor(null);
                setEditing(c);
              }}
              aria-label={t('organisations.certificates.editNamed', { name: named })}
            >
              {t('action.edit')}
            </button>
            <button
              type="button"
              className="button-secondary"
              onClick={() => {
                setEditing(null);
                setUploadFor(c);
              }}
              aria-label={t('organisations.certificates.uploadNamed', { name: named })}
            >
              {c.file
                ? t('organisations.certificates.replaceFile')
                : t('organisations.certificates.upload')}
            </button>
            <button
              type="button"
              className="button-danger"
              disabled={remove.pending}
              onClick={() => {
                if (window.confirm(t('organisations.certificates.removeConfirm', { name: named })))
                  void remove.submit(c);
              }}
              aria-label={t('organisations.certificates.removeNamed', { name: named })}
            >
              {t('action.remove')}
            </button>
          </div>
        );
      },
    });
  }

  return (
    <Section title={t('organisations.certificates.title')} testId="organisation-certificates">
      <ErrorBanner error={remove.error} />
      <PagedList
        list={certificates}
        empty={
          <EmptyState title={t('organisations.certificates.empty.title')}>
            {organisation.canEdit
              ? t('organisations.certificates.empty.bodyEditor')
              : t('organisations.certificates.empty.bodyReader')}
          </EmptyState>
        }
      >
        {(items) => {
          const statuses = items.map((c) => expiryStatus(c.expiresOn, today));
          const expired = statuses.filter((status) => status === 'expired').length;
          const expiring = statuses.filter((status) => status === 'expiring').length;
          return (
            <>
              {(expired > 0 || expiring > 0) && (
                <NoticeBanner
                  title={t('organisations.certificates.attention')}
                  testId="certificate-attention"
                >
                  <p>
                    {t('organisations.certificates.attentionBody', {
                      expired,
                      expiring,
                      days: EXPIRY_WARNING_DAYS,
                    })}
                  </p>
                </NoticeBanner>
              )}
              <DataTable
                caption={t('organisations.certificates.title')}
                columns={columns}
                rows={items}
                rowKey={(c) => c.id}
                testId="certificate-table"
              />
            </>
          );
        }}
      </PagedList>
      {uploadFor && (
        <CertificateUpload
          key={uploadFor.id}
          url={`${base}/${encodeURIComponent(uploadFor.id)}/file`}
          certificate={uploadFor}
          onUploaded={() => certificates.reload()}
          onClose={() => setUploadFor(null)}
        />
      )}
      {organisation.canEdit && (
        <AddToggle
          label={t('organisations.certificates.add')}
          testId="add-certificate"
          editing={editing}
          onEdit={setEditing}
        >
          {(close, certificate) => (
            <CertificateForm
              key={certificate?.id ?? 'new'}
              base={base}
              certificate={certificate}
              products={productItems}
              onSaved={() => {
                close();
                certificates.reload();
              }}
              onCancel={close}
            />
          )}
        </AddToggle>
      )}
    </Section>
  );
}

function CertificateForm({
  base,
  certificate,
  products,
  onSaved,
  onCancel,
}: {
  base: string;
  certificate: CertificateT | null;
  products: readonly ProductT[];
  onSaved: () => void;
  onCancel: () => void;
}) {
  const { t } = useI18n();
  const api = useApi();
  const create = useSubmit(async (body: z.output<typeof CertificateRequest>) => {
    await api.post(base, body);
    onSaved();
  }, CertificateRequest);
  const update = useSubmit(async (body: z.output<typeof CertificatePatch>) => {
    await api.patch(`${base}/${encodeURIComponent(certificate?.id ?? '')}`, body);
    onSaved();
  }, CertificatePatch);
  const submission = certificate ? update : create;

  const onSubmit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const values = formValues(event.currentTarget);
    const text = (name: string) => (values[name] ?? '').trim();
    const body = {
      number: text('number'),
      issuer: text('issuer'),
      issuedOn: text('issuedOn') || null,
      expiresOn: text('expiresOn') || null,
      productId: text('productId') || null,
    };
    await submission.submit(certificate ? body : { type: text('type'), ...body });
  };
  const errors = submission.fieldErrors;

  return (
    <form
      className="form form-panel"
      onSubmit={(event) => void onSubmit(event)}
      noValidate
      data-testid="certificate-form"
    >
      <h3>
        {certificate
          ? t('organisations.certificates.editNamed', {
              name: `${t(`certificateType.${certificate.type}`)} ${certificate.number}`,
            })
          : t('organisations.certificates.add')}
      </h3>
      <ErrorBanner error={submission.error} />
      {!certificate && (
        <SelectField
          label={t('organisations.certificates.type')}
          name="type"
          defaultValue=""
          error={errors['type']}
        >
          <option value="" disabled>
            {t('organisations.certificates.typeChoose')}
          </option>
          {CERTIFICATE_TYPES.map((type) => (
            <option key={type} value={type}>
              {t(`certificateType.${type}`)}
            </option>
          ))}
        </SelectField>
      )}
      <TextField
        label={t('organisations.certificates.number')}
        name="number"
        defaultValue={certificate?.number ?? ''}
        error={errors['number']}
      />
      <TextField
        label={t('organisations.certificates.issuer')}
        name="issuer"
        defaultValue={certificate?.issuer ?? ''}
        hint={t('organisations.certificates.issuerHint')}
        error={errors['issuer']}
      />
      <TextField
        label={t('organisations.certificates.issuedOn')}
        name="issuedOn"
        type="date"
        defaultValue={certificate?.issuedOn ?? ''}
        error={errors['issuedOn']}
      />
      <TextField
        label={t('organisations.certificates.expiresOn')}
        name="expiresOn"
        type="date"
        defaultValue={certificate?.expiresOn ?? ''}
        hint={t('organisations.certificates.expiresOnHint')}
        error={errors['expiresOn']}
      />
      <SelectField
        label={t('organisations.certificates.product')}
        name="productId"
        defaultValue={certificate?.productId ?? ''}
        error={errors['productId']}
      >
        <option value="">{t('organisations.certificates.productNone')}</option>
        {products.map((product) => (
          <option key={product.id} value={product.id}>
            {product.name}
          </option>
        ))}
      </SelectField>
      <FormButtons pending={submission.pending} label={t('action.save')} onCancel={onCancel} />
    </form>
  );
}

/** Attaching the scanned certificate: checked here first, then sent with progress. */
function CertificateUpload({
  url,
  certificate,
  onUploaded,
  onClose,
}: {
  url: string;
  certificate: CertificateT;
  onUploaded: (certificate: CertificateT) => void;
  onClose: () => void;
}) {
  const { t, locale } = useI18n();
  const upload = useUpload();
  const input = useRef<HTMLInputElement>(null);
  const [fileError, setFileError] = useState<string | undefined>();
  const [done, setDone] = useState<string | null>(null);

  const onSubmit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const file = input.current?.files?.[0];
    upload.reset();
    setDone(null);
    if (!file) return setFileError(t('organisations.certificates.fileRequired'));
    if (!FILE_TYPES.includes(file.type))
      return setFileError(t('organisations.certificates.fileType'));
    if (file.size > FILE_MAX_BYTES) return setFileError(t('organisations.certificates.fileSize'));
    setFileError(undefined);
    const form = new FormData();
    form.append('file', file, file.name);
    const updated = await upload.send<CertificateT>(url, form, 'PUT');
    if (updated) {
      onUploaded(updated);
      setDone(file.name);
      if (input.current) input.current.value = '';
    }
  };

  const named = `${t(`certificateType.${certificate.type}`)} ${certificate.number}`;
  return (
    <form
      className="form form-panel"
      onSubmit={(event) => void onSubmit(event)}
      noValidate
      data-testid="certificate-upload"
    >
      <h3>{t('organisations.certificates.uploadNamed', { name: named })}</h3>
      <ErrorBanner error={upload.error} />
      {done && (
        <SuccessBanner>{t('organisations.certificates.uploaded', { name: done })}</SuccessBanner>
      )}
      <Field
        label={t('organisations.certificates.fileLabel')}
        hint={t('organisations.certificates.fileHint', {
          size: formatFileSize(FILE_MAX_BYTES, locale),
        })}
        error={fileError}
      >
        {(control) => (
          <input
            ref={input}
            type="file"
            name="file"
            accept={FILE_TYPES.join(',')}
            onChange={() => setFileError(undefined)}
            {...control}
          />
        )}
      </Field>
      <UploadProgress pending={upload.pending} fraction={upload.fraction} />
      <FormButtons
        pending={upload.pending}
        label={t('organisations.certificates.upload')}
        pendingLabel={t('upload.busy')}
        cancelLabel={t('action.close')}
        onCancel={onClose}
      />
    </form>
  );
}
