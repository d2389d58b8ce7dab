/**
 * A machine's documents — calibration certificates, manuals, warranties — with their expiry:
 * expired ones and those expiring within 30 days stand out (an uncalibrated scale or still
 * cannot be used for certified production). Managers upload (with progress) and remove them.
 */
import { useRef, useState, type FormEvent } from 'react';
import { useApi } from '../../app/session-context.js';
import { DataTable, type Column } from '../../components/data-table.js';
import { EmptyState } from '../../components/empty-state.js';
import { ExpiryDate } from '../../components/expiry.js';
import { ErrorBanner, SuccessBanner } from '../../components/error-banner.js';
import { Field, SelectField, TextField } from '../../components/field.js';
import { Loaded } from '../../components/loaded.js';
import { SubmitButton } from '../../components/loading.js';
import { Section } from '../../components/page.js';
import { UploadProgress } from '../../components/progress.js';
import { useI18n } from '../../i18n/i18n-context.js';
import { DOCUMENT_KINDS, UploadDocumentFields, type TimeZone } from '../../lib/contracts.js';
import { expiryStatus } from '../../lib/expiry.js';
import { DOCUMENT_TYPES, fileProblem } from '../../lib/file-check.js';
import { dayIn, formatDate, formatFileSize } from '../../lib/format.js';
import { useResource } from '../../lib/use-resource.js';
import { formValues, useSubmit } from '../../lib/use-submit.js';
import { useUpload } from '../../lib/use-upload.js';
import { fieldErrorsFromIssues } from '../../lib/validation.js';
import { machinePath, type MachineDocumentT, type MachineT } from './types.js';

const DOCUMENT_MAX_BYTES = 10 * 1024 * 1024;

export function DocumentsSection({
  machine,
  canEdit,
  timeZone,
}: {
  machine: MachineT;
  canEdit: boolean;
  timeZone: TimeZone;
}) {
  const { t, locale } = useI18n();
  const api = useApi();
  const base = `${machinePath(machine.id)}/documents`;
  const documents = useResource<{ items: MachineDocumentT[] }>(base);
  const [adding, setAdding] = useState(false);
  const today = dayIn(new Date(), timeZone);
  const remove = useSubmit(async (doc: MachineDocumentT) => {
    await api.delete(`${base}/${encodeURIComponent(doc.id)}`);
    documents.reload();
  });

  const columns: Column<MachineDocumentT>[] = [
    {
      key: 'title',
      header: t('machine.documents.title'),
      render: (d) => (
        <>
          <strong>{d.title}</strong>
          <br />
          <span className="muted">{t(`documentKind.${d.kind}`)}</span>
        </>
      ),
    },
    { key: 'number', header: t('machine.documents.number'), render: (d) => d.number ?? '—' },
    {
      key: 'issued',
      header: t('machine.documents.issuedOn'),
      render: (d) => (d.issuedOn ? formatDate(d.issuedOn, locale) : '—'),
    },
    {
      key: 'expires',
      header: t('machine.documents.expiresOn'),
      render: (d) => (
        <ExpiryDate
          expiresOn={d.expiresOn}
          status={expiryStatus(d.expiresOn, today)}
          testId="document-expiry"
        />
      ),
    },
    {
      key: 'file',
      header: t('machine.documents.file'),
      render: (d) => (
        <a href={`${base}/${encodeURIComponent(d.id)}/file`} download={d.filename}>
          {t('machine.documents.download', { size: formatFileSize(d.sizeBytes, locale) })}
        </a>
      ),
    },
  ];
  if (canEdit) {
    columns.push({
      key: 'actions',
      header: t('table.actions'),
      render: (d) => (
        <button
          type="button"
          className="button-danger"
          disabled={remove.pending}
          aria-label={t('machine.documents.removeNamed', { name: d.title })}
          onClick={() => {
            if (window.confirm(t('machine.documents.removeConfirm', { name: d.title })))
              void remove.submit(d);
          }}
        >
          {t('action.remove')}
        </button>
      ),
    });
  }

  return (
    <Section title={t('machine.documents.section')} testId="machine-documents">
      <ErrorBanner error={remove.error} />
      <Loaded resource={documents}>
        {(data) =>
          data.items.length === 0 ? (
            <EmptyState title={t('machine.documents.empty.title')}>
              {canEdit
                ? t('machine.documents.empty.bodyEditor')
                : t('machine.documents.empty.bodyReader')}
            </EmptyState>
          ) : (
            <DataTable
              caption={t('machine.documents.section')}
              columns={columns}
              rows={data.items}
              rowKey={(d) => d.id}
              testId="document-table"
            />
          )
        }
      </Loaded>
      {canEdit &&
        (adding ? (
          <DocumentUpload
            url={base}
            onUploaded={documents.reload}
            onClose={() => setAdding(false)}
          />
        ) : (
          <div className="section-actions">
            <button type="button" onClick={() => setAdding(true)} data-testid="add-document">
              {t('machine.documents.add')}
            </button>
          </div>
        ))}
    </Section>
  );
}

function DocumentUpload({
  url,
  onUploaded,
  onClose,
}: {
  url: string;
  onUploaded: () => void;
  onClose: () => void;
}) {
  const { t, locale } = useI18n();
  const upload = useUpload();
  const formRef = useRef<HTMLFormElement>(null);
  const input = useRef<HTMLInputElement>(null);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [done, setDone] = useState<string | null>(null);
  const maxSize = formatFileSize(DOCUMENT_MAX_BYTES, locale);

  const onSubmit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setDone(null);
    upload.reset();
    const values = formValues(event.currentTarget);
    const fields = Object.fromEntries(
      ['kind', 'title', 'number', 'issuedOn', 'expiresOn']
        .map((name) => [name, (values[name] ?? '').trim()])
        .filter(([, value]) => value !== ''),
    ) as Record<string, string>;
    const parsed = UploadDocumentFields.safeParse(fields);
    const next = parsed.success ? {} : fieldErrorsFromIssues(parsed.error.issues, t, fields);
    const file = input.current?.files?.[0];
    const problem = fileProblem(
      file,
      { types: DOCUMENT_TYPES, maxBytes: DOCUMENT_MAX_BYTES },
      t,
      maxSize,
    );
    if (problem) next['file'] = problem;
    setErrors(next);
    if (Object.keys(next).length > 0 || !file) return;
    const form = new FormData();
    for (const [name, value] of Object.entries(fields)) form.append(name, value);
    form.append('file', file, file.name);
    const saved = await upload.send<MachineDocumentT>(url, form);
    if (saved) {
      setDone(saved.title);
      formRef.current?.reset();
      onUploaded();
    }
  };
  // Local checks first; the API's field problems (already translated) otherwise.
  const shown = { ...(upload.error?.fieldErrors() ?? {}), ...errors };

  return (
    <form
      ref={formRef}
      className="form form-panel"
      onSubmit={(event) => void onSubmit(event)}
      noValidate
      data-testid="document-upload"
    >
      <h3>{t('machine.documents.add')}</h3>
      <ErrorBanner error={upload.error} />
      {done && <SuccessBanner>{t('machine.documents.uploaded', { name: done })}</SuccessBanner>}
      <SelectField
        label={t('machine.documents.kind')}
        name="kind"
        defaultValue="calibration_certificate"
        error={shown['kind']}
      >
        {DOCUMENT_KINDS.map((kind) => (
          <option key={kind} value={kind}>
            {t(`documentKind.${kind}`)}
          </option>
        ))}
      </SelectField>
      <TextField label={t('machine.documents.title')} name="title" error={shown['title']} />
      <TextField label={t('machine.documents.number')} name="number" error={shown['number']} />
      <TextField
        label={t('machine.documents.issuedOn')}
        name="issuedOn"
        type="date"
        error={shown['issuedOn']}
      />
      <TextField
        label={t('machine.documents.expiresOn')}
        name="expiresOn"
        type="date"
        hint={t('machine.documents.expiresOnHint')}
        error={shown['expiresOn']}
      />
      <Field
        label={t('machine.documents.fileLabel')}
        hint={t('machine.documents.fileHint', { size: maxSize })}
        error={shown['file']}
      >
        {(control) => (
          <input
            ref={input}
            type="file"
            name="file"
            accept={DOCUMENT_TYPES.join(',')}
            {...control}
          />
        )}
      </Field>
      <UploadProgress pending={upload.pending} fraction={upload.fraction} />
      <div className="button-row">
        <SubmitButton
          pending={upload.pending}
          label={t('machine.documents.upload')}
          pendingLabel={t('upload.busy')}
        />
        <button type="button" className="button-secondary" onClick={onClose}>
          {t('action.close')}
        </button>
      </div>
    </form>
  );
}
