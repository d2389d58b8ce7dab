/**
 * Laboratory reports of an inspection record (PDF or a photo of the paper): chosen on the
 * inspection form and attached once the record is saved, or attached later by site staff to a
 * record that has not been corrected. The record itself is signed and never changes; each
 * report is a file of its own beside it. Anyone who reads the lot may download them.
 */
import { useState } from 'react';
import { ErrorBanner } from '../../components/error-banner.js';
import { UploadProgress } from '../../components/progress.js';
import { useI18n } from '../../i18n/i18n-context.js';
import { asApiError, type ApiClient } from '../../lib/api.js';
import type { LabReport } from '../../lib/contracts.js';
import { DOCUMENT_TYPES, fileProblem } from '../../lib/file-check.js';
import { formatFileSize } from '../../lib/format.js';
import { useResource } from '../../lib/use-resource.js';
import { useUpload } from '../../lib/use-upload.js';
import { lotApi } from '../toll/types.js';
import type { InspectionT } from './types.js';

/** The API's limit for one report (files.ts MAX_DOCUMENT_BYTES). */
export const LAB_REPORT_MAX_BYTES = 10 * 1024 * 1024;
const rule = { types: DOCUMENT_TYPES, maxBytes: LAB_REPORT_MAX_BYTES };

const reportsApi = (inspectionId: string) =>
  `/api/inspections/${encodeURIComponent(inspectionId)}/lab-reports`;
export const labReportUrl = (r: Pick<LabReport, 'inspectionId' | 'id'>) =>
  `${reportsApi(r.inspectionId)}/${encodeURIComponent(r.id)}/file`;

const formOf = (file: File) => {
  const form = new FormData();
  form.append('file', file, file.name);
  return form;
};

/** Attaches a report; null when it went in, else the API's answer in words. */
export async function attachLabReport(api: ApiClient, inspectionId: string, file: File) {
  try {
    await api.upload<LabReport>(reportsApi(inspectionId), formOf(file));
    return null;
  } catch (caught) {
    return asApiError(caught).message;
  }
}

/** The file field of a report; reports the chosen file, or its problem in words. */
export function LabReportInput({
  onChange,
  error,
}: {
  onChange: (file: File | null, problem: string | null) => void;
  error?: string | null | undefined;
}) {
  const { t, locale } = useI18n();
  const size = formatFileSize(LAB_REPORT_MAX_BYTES, locale);
  return (
    <label className="field">
      <span className="field-label">{t('labReport.file')}</span>
      <input
        type="file"
        name="labReport"
        accept={DOCUMENT_TYPES.join(',')}
        data-testid="lab-report-input"
        onChange={(event) => {
          const file = event.target.files?.[0] ?? null;
          onChange(file, file ? fileProblem(file, rule, t, size) : null);
        }}
      />
      <span className="field-hint">{t('labReport.hint', { size })}</span>
      {error && (
        <span className="field-error" role="alert">
          {error}
        </span>
      )}
    </label>
  );
}

/** A record's reports as download links; staff attach another to a current record. */
export function LabReports({
  record,
  canAttach,
  onAttached,
}: {
  record: InspectionT;
  canAttach: boolean;
  onAttached: () => void;
}) {
  const { t, locale } = useI18n();
  const upload = useUpload();
  const [problem, setProblem] = useState<string | null>(null);
  const [round, setRound] = useState(0);
  if (record.labReports.length === 0 && !canAttach) return null;
  return (
    <div className="lab-reports" data-testid="lab-reports">
      {record.labReports.length > 0 && (
        <>
          <p className="muted">{t('labReport.title')}</p>
          <ul className="plain-list">
            {record.labReports.map((r) => (
              <li key={r.id}>
                <a href={labReportUrl(r)} download={r.filename} data-testid="lab-report-link">
                  {t('labReport.download', { name: r.filename })}
                </a>{' '}
                <span className="muted">({formatFileSize(r.sizeBytes, locale)})</span>
              </li>
            ))}
          </ul>
        </>
      )}
      {canAttach && (
        <div className="no-print">
          <ErrorBanner error={upload.error} />
          <LabReportInput
            key={round}
            error={problem}
            onChange={(file, bad) => {
              setProblem(bad);
              if (!file || bad) return;
              void upload.send<LabReport>(reportsApi(record.id), formOf(file)).then((done) => {
                setRound((n) => n + 1);
                if (done) onAttached();
              });
            }}
          />
          <UploadProgress pending={upload.pending} fraction={upload.fraction} />
        </div>
      )}
    </div>
  );
}

/** For staff beside a certificate: the lab reports behind the lot's current inspection records. */
export function CertificateLabReports({ lotId }: { lotId: string }) {
  const { t } = useI18n();
  const list = useResource<{ items: InspectionT[] }>(`${lotApi(lotId)}/inspections`);
  const reports = (list.data?.items ?? [])
    .filter((i) => i.supersededById === null)
    .flatMap((i) => i.labReports);
  if (reports.length === 0) return null;
  return (
    <div className="lab-reports no-print" data-testid="coa-lab-reports">
      <p className="muted">{t('labReport.title')}</p>
      <ul className="plain-list">
        {reports.map((r) => (
          <li key={r.id}>
            <a href={labReportUrl(r)} download={r.filename}>
              {t('labReport.download', { name: r.filename })}
            </a>
          </li>
        ))}
      </ul>
    </div>
  );
}
