/**
 * Importing a table (members or equipment) from an XLSX or CSV file, in two steps. "Check" sends the file for a
 * preview: every bad cell (row, column, message), nothing written. Then the user chooses: all
 * rows or none (only offered when no row has a problem), or the valid rows only. Members:
 * site staff import into one of their sites and must choose it; administrators may import
 * without one. Equipment: each row names its site (column kode_situs), so there is no choice.
 */
import { useEffect, useState, type FormEvent } from 'react';
import { Link } from 'react-router';
import { useSession } from '../../app/session-context.js';
import { DataTable, type Column } from '../../components/data-table.js';
import { ErrorBanner, NoticeBanner, SuccessBanner } from '../../components/error-banner.js';
import { Field } from '../../components/field.js';
import { Section } from '../../components/page.js';
import { Progress } from '../../components/progress.js';
import { useI18n } from '../../i18n/i18n-context.js';
import { asApiError, toQueryString, type ApiError } from '../../lib/api.js';
import type { ImportPreview, ImportResult, RowProblem, SiteSummary } from '../../lib/contracts.js';
import { formatCount, formatFileSize } from '../../lib/format.js';
import type { CursorList } from '../../lib/use-cursor-list.js';
import { siteLabel, SiteSelect } from '../organisations/site-select.js';

type Strategy = 'all_or_nothing' | 'valid_only';
type Work = { step: 'preview' | Strategy; fraction: number | null };

const ACCEPT = [
  '.xlsx',
  '.csv',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  'text/csv',
].join(',');
/** A long problem list shows this many rows until asked for all. */
const PROBLEMS_SHOWN = 100;

export type ImportTable = 'members' | 'equipment';

export function TableImport({
  table,
  sites,
}: {
  table: ImportTable;
  sites: CursorList<SiteSummary>;
}) {
  const perRowSite = table === 'equipment';
  const { t, locale } = useI18n();
  const { api, roles } = useSession();
  const administrator = roles.includes('administrator');
  const [file, setFile] = useState<File | null>(null);
  const [siteId, setSiteId] = useState('');
  const [fieldErrors, setFieldErrors] = useState<{ file?: string; siteId?: string }>({});
  const [work, setWork] = useState<Work | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [preview, setPreview] = useState<ImportPreview | null>(null);
  const [result, setResult] = useState<ImportResult | null>(null);

  // Staff with one site have nothing to choose; the choice is still shown.
  const onlySite = !administrator && sites.items.length === 1 ? sites.items[0] : undefined;
  useEffect(() => {
    if (onlySite) setSiteId((current) => current || onlySite.id);
  }, [onlySite]);

  /** A new file or site makes the last check meaningless. */
  const startOver = () => {
    setPreview(null);
    setResult(null);
    setError(null);
  };

  const send = async <T,>(step: Work['step'], path: string, query: Record<string, string>) => {
    if (!file) return null;
    const form = new FormData();
    form.append('file', file, file.name);
    setWork({ step, fraction: 0 });
    setError(null);
    try {
      return await api.upload<T>(path, form, {
        query,
        onProgress: ({ loaded, total }) =>
          setWork({ step, fraction: total > 0 && loaded < total ? loaded / total : null }),
      });
    } catch (caught) {
      const apiError = asApiError(caught);
      setError(apiError);
      setFieldErrors(apiError.fieldErrors());
      return null;
    } finally {
      setWork(null);
    }
  };

  const check = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const problems: typeof fieldErrors = {};
    if (!file) problems.file = t('transfer.import.fileRequired');
    else if (!/\.(xlsx|csv)$/i.test(file.name)) problems.file = t('transfer.import.fileType');
    if (!perRowSite && !administrator && !siteId)
      problems.siteId = t('transfer.import.siteRequired');
    setFieldErrors(problems);
    if (Object.keys(problems).length > 0) return;
    startOver();
    setPreview(
      await send<ImportPreview>('preview', `/api/imports/${table}/preview`, siteQuery(siteId)),
    );
  };

  const runImport = async (strategy: Strategy) => {
    setResult(null);
    const outcome = await send<ImportResult>(strategy, `/api/imports/${table}`, {
      ...siteQuery(siteId),
      strategy,
    });
    if (outcome) {
      setResult(outcome);
      // What was imported is no longer a preview: a second import would find every NIB taken.
      if (outcome.applied) setPreview(null);
    }
  };

  const site = sites.items.find((candidate) => candidate.id === siteId);
  const count = (value: number) => formatCount(value, locale);

  return (
    <Section
      title={t(perRowSite ? 'transfer.import.titleEquipment' : 'transfer.import.title')}
      testId={`${table}-import`}
    >
      <p>{t(perRowSite ? 'transfer.import.leadEquipment' : 'transfer.import.lead')}</p>
      <p className="button-row">
        <span>{t('transfer.import.template')}</span>
        <a href={`/api/imports/${table}/template${toQueryString({ format: 'xlsx' })}`} download>
          {t('transfer.import.templateXlsx')}
        </a>
        <a href={`/api/imports/${table}/template${toQueryString({ format: 'csv' })}`} download>
          {t('transfer.import.templateCsv')}
        </a>
      </p>
      <form className="form" onSubmit={(event) => void check(event)} noValidate>
        {!perRowSite && (
          <SiteSelect
            sites={sites}
            label={t('transfer.import.site')}
            name="siteId"
            value={siteId}
            onChange={(value) => {
              setSiteId(value);
              setFieldErrors((current) => ({ ...current, siteId: undefined }));
              startOver();
            }}
            emptyOption={
              administrator
                ? { label: t('organisations.field.siteNone'), selectable: true }
                : { label: t('organisations.field.siteChoose'), selectable: false }
            }
            hint={
              administrator
                ? t('transfer.import.siteHintAdministrator')
                : t('transfer.import.siteHint')
            }
            error={fieldErrors.siteId}
          />
        )}
        <Field
          label={t('transfer.import.file')}
          hint={
            file
              ? t('transfer.import.fileChosen', {
                  name: file.name,
                  size: formatFileSize(file.size, locale),
                })
              : t('transfer.import.fileHint')
          }
          error={fieldErrors.file}
        >
          {(control) => (
            <input
              type="file"
              name="file"
              accept={ACCEPT}
              data-testid="import-file"
              onChange={(event) => {
                setFile(event.target.files?.[0] ?? null);
                setFieldErrors((current) => ({ ...current, file: undefined }));
                startOver();
              }}
              {...control}
            />
          )}
        </Field>
        <div className="button-row">
          <button type="submit" disabled={work !== null} data-testid="import-check">
            {t('transfer.import.check')}
          </button>
        </div>
      </form>

      {work && <WorkProgress work={work} />}
      <ErrorBanner error={error} />

      {preview && !work && (
        <PreviewResult
          preview={preview}
          onImport={(strategy) => void runImport(strategy)}
          siteName={site ? siteLabel(site) : null}
          perRowSite={perRowSite}
        />
      )}

      {result && !work && (
        <div data-testid="import-result">
          {result.applied ? (
            <SuccessBanner>
              {t('transfer.import.done', { imported: count(result.imported) })}{' '}
              {result.totalRows > result.imported &&
                t('transfer.import.skipped', {
                  skipped: count(result.totalRows - result.imported),
                })}{' '}
              <Link to={perRowSite ? '/equipment' : `/organisations${toQueryString({ siteId })}`}>
                {t('transfer.import.seeList')}
              </Link>
            </SuccessBanner>
          ) : (
            <NoticeBanner title={t('transfer.import.notApplied')}>
              <p>{t('transfer.import.notAppliedBody', { invalid: count(result.invalidRows) })}</p>
            </NoticeBanner>
          )}
          <ProblemTable problems={result.problems} />
        </div>
      )}
    </Section>
  );
}

const siteQuery = (siteId: string): Record<string, string> => (siteId ? { siteId } : {});

function WorkProgress({ work }: { work: Work }) {
  const { t } = useI18n();
  if (work.fraction !== null) {
    return (
      <Progress
        label={t('upload.sending', { percent: Math.round(work.fraction * 100) })}
        fraction={work.fraction}
      />
    );
  }
  return (
    <Progress
      label={
        work.step === 'preview' ? t('transfer.import.checking') : t('transfer.import.importing')
      }
      fraction={null}
    />
  );
}

export function PreviewResult({
  preview,
  siteName,
  perRowSite = false,
  onImport,
}: {
  preview: ImportPreview;
  siteName: string | null;
  perRowSite?: boolean;
  onImport: (strategy: Strategy) => void;
}) {
  const { t, locale } = useI18n();
  const count = (value: number) => formatCount(value, locale);
  const hasProblems = preview.problems.length > 0;
  const where = perRowSite
    ? t('transfer.import.sitePerRow')
    : siteName
      ? t('transfer.import.intoSite', { site: siteName })
      : t('transfer.import.noSite');

  return (
    <div className="import-preview" data-testid="import-preview">
      <h3>{t('transfer.import.previewTitle')}</h3>
      <ul className="summary-counts" data-testid="import-counts">
        <li>
          <strong>{count(preview.totalRows)}</strong> {t('transfer.import.rowsTotal')}
        </li>
        <li className="count-valid">
          <strong>{count(preview.validRows)}</strong> {t('transfer.import.rowsValid')}
        </li>
        <li className={preview.invalidRows > 0 ? 'count-invalid' : undefined}>
          <strong>{count(preview.invalidRows)}</strong> {t('transfer.import.rowsInvalid')}
        </li>
      </ul>
      {preview.totalRows === 0 ? (
        <NoticeBanner title={t('transfer.import.emptyFile.title')}>
          <p>{t('transfer.import.emptyFile.body')}</p>
        </NoticeBanner>
      ) : hasProblems ? (
        <ProblemTable problems={preview.problems} />
      ) : (
        <SuccessBanner>
          {t('transfer.import.allValid', { count: count(preview.totalRows) })}
        </SuccessBanner>
      )}
      {preview.totalRows > 0 && (
        <>
          <p>{where}</p>
          <div className="button-row strategy-buttons">
            <button
              type="button"
              disabled={hasProblems}
              aria-describedby={hasProblems ? 'all-or-nothing-why' : undefined}
              onClick={() => onImport('all_or_nothing')}
              data-testid="import-all-or-nothing"
            >
              {t('transfer.import.allOrNothing')}
            </button>
            <button
              type="button"
              className={hasProblems ? undefined : 'button-secondary'}
              disabled={preview.validRows === 0}
              onClick={() => onImport('valid_only')}
              data-testid="import-valid-only"
            >
              {t('transfer.import.validOnly', { count: count(preview.validRows) })}
            </button>
          </div>
          {hasProblems && (
            <p className="field-hint" id="all-or-nothing-why" data-testid="all-or-nothing-why">
              {t('transfer.import.allOrNothingDisabled', { invalid: count(preview.invalidRows) })}
            </p>
          )}
        </>
      )}
    </div>
  );
}

function ProblemTable({ problems }: { problems: readonly RowProblem[] }) {
  const { t, locale } = useI18n();
  const [all, setAll] = useState(false);
  if (problems.length === 0) return null;
  // Numbered: one cell can have two problems with the same code (two unknown KBLI codes).
  const shown = (all ? problems : problems.slice(0, PROBLEMS_SHOWN)).map((problem, index) => ({
    ...problem,
    index,
  }));
  const columns: Column<RowProblem & { index: number }>[] = [
    {
      key: 'row',
      header: t('transfer.problems.row'),
      className: 'numeric',
      render: (problem) => formatCount(problem.row, locale),
    },
    {
      key: 'column',
      header: t('transfer.problems.column'),
      render: (problem) => <code>{problem.column}</code>,
    },
    { key: 'message', header: t('transfer.problems.message'), render: (p) => p.message },
  ];
  return (
    <>
      <h4>{t('transfer.problems.title', { count: formatCount(problems.length, locale) })}</h4>
      <DataTable
        caption={t('transfer.problems.caption')}
        columns={columns}
        rows={shown}
        rowKey={(problem) => String(problem.index)}
        testId="import-problems"
      />
      {shown.length < problems.length && (
        <div className="list-more">
          <button type="button" className="button-secondary" onClick={() => setAll(true)}>
            {t('transfer.problems.showAll', { count: formatCount(problems.length, locale) })}
          </button>
        </div>
      )}
    </>
  );
}
