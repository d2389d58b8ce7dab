/**
 * /billing/run — "Penagihan bulanan": a site manager picks the site and the month (last month
 * by default, in the site's zone), previews the run (dryRun: everything computed, nothing
 * written — numbers included) and then issues it after a confirmation. A month that has not
 * ended can be previewed but not issued (the API refuses with invoicing_month_open).
 */
import { useState, type FormEvent } from 'react';
import { Link } from 'react-router';
import { useApi, useCurrentUser } from '../../app/session-context.js';
import { EmptyState } from '../../components/empty-state.js';
import { ErrorBanner, NoticeBanner, SuccessBanner } from '../../components/error-banner.js';
import { TextField } from '../../components/field.js';
import { Page, Section } from '../../components/page.js';
import { Progress } from '../../components/progress.js';
import { useI18n } from '../../i18n/i18n-context.js';
import { toQueryString } from '../../lib/api.js';
import { dayIn, formatDate, formatRupiah, PLATFORM_TIME_ZONE } from '../../lib/format.js';
import { useSubmit } from '../../lib/use-submit.js';
import { SiteSelect, useSites } from '../organisations/site-select.js';
import { InvoiceLines, InvoiceTotals } from './invoice-parts.js';
import {
  formatMonth,
  isMonth,
  managesSite,
  previousMonth,
  sitePath,
  type InvoicingRunResultT,
} from './types.js';

interface RunInput {
  siteId: string;
  month: string;
  dryRun: boolean;
}

export function InvoicingPage() {
  const { t, locale } = useI18n();
  const api = useApi();
  const user = useCurrentUser();
  const allSites = useSites();
  const sites = {
    ...allSites,
    items: allSites.items.filter((site) => managesSite(user.grants, site.id)),
  };
  const [siteChoice, setSiteChoice] = useState('');
  const onlySite = sites.items.length === 1 ? (sites.items[0]?.id ?? '') : '';
  const siteId = siteChoice || onlySite;
  const site = sites.items.find((candidate) => candidate.id === siteId);
  const thisMonth = dayIn(new Date(), site?.timeZone ?? PLATFORM_TIME_ZONE).slice(0, 7);
  const [monthChoice, setMonthChoice] = useState('');
  const month = monthChoice || previousMonth(thisMonth);
  const [localErrors, setLocalErrors] = useState<Record<string, string>>({});
  const [preview, setPreview] = useState<(InvoicingRunResultT & { siteId: string }) | null>(null);
  const [issued, setIssued] = useState<(InvoicingRunResultT & { siteId: string }) | null>(null);
  const [issuing, setIssuing] = useState(0);

  const run = useSubmit(async (input: RunInput) => {
    setIssuing(input.dryRun ? 0 : (preview?.invoices.length ?? 0));
    const result = await api.post<InvoicingRunResultT>(`${sitePath(input.siteId)}/invoicing-runs`, {
      month: input.month,
      dryRun: input.dryRun,
    });
    if (input.dryRun) setPreview({ ...result, siteId: input.siteId });
    else {
      setIssued({ ...result, siteId: input.siteId });
      setPreview(null);
    }
  });

  const check = (): boolean => {
    const errors: Record<string, string> = {};
    if (!siteId) errors['siteId'] = t('validation.required');
    if (!isMonth(month)) errors['month'] = t('invoicing.monthInvalid');
    setLocalErrors(errors);
    return Object.keys(errors).length === 0;
  };
  const onPreview = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setIssued(null);
    if (check()) void run.submit({ siteId, month, dryRun: true });
  };
  const onIssue = () => {
    if (!preview || !check()) return;
    const confirmed = window.confirm(
      t('invoicing.confirm', {
        count: preview.invoices.length,
        month: formatMonth(preview.month, locale),
        total: formatRupiah(preview.total),
      }),
    );
    if (confirmed) void run.submit({ siteId: preview.siteId, month: preview.month, dryRun: false });
  };
  const choose = (change: () => void) => {
    change();
    setPreview(null);
    setIssued(null);
    run.reset();
  };

  const monthOpen = month >= thisMonth;
  const previewMatches = preview !== null && preview.siteId === siteId && preview.month === month;
  const errors = { ...run.fieldErrors, ...localErrors };

  return (
    <Page title={t('invoicing.title')} lead={t('invoicing.lead')}>
      <Section title={t('invoicing.choose')}>
        <form className="form form-filters" onSubmit={onPreview} noValidate data-testid="run-form">
          <SiteSelect
            sites={sites}
            label={t('invoicing.site')}
            name="siteId"
            value={siteId}
            onChange={(value) => choose(() => setSiteChoice(value))}
            emptyOption={{ label: t('invoicing.siteChoose'), selectable: false }}
            error={errors['siteId']}
          />
          <TextField
            label={t('invoicing.month')}
            name="month"
            type="month"
            value={month}
            max={thisMonth}
            placeholder="YYYY-MM"
            onChange={(event) => choose(() => setMonthChoice(event.target.value))}
            hint={
              isMonth(month)
                ? monthOpen
                  ? t('invoicing.monthOpenHint', { month: formatMonth(month, locale) })
                  : formatMonth(month, locale)
                : undefined
            }
            error={errors['month']}
          />
          <div className="button-row">
            <button
              type="submit"
              disabled={run.pending}
              aria-busy={run.pending}
              data-testid="run-preview"
            >
              {t('invoicing.preview')}
            </button>
          </div>
        </form>
        {!allSites.loading && sites.items.length === 0 && (
          <EmptyState title={t('invoicing.noSites.title')}>
            {t('invoicing.noSites.body')}
          </EmptyState>
        )}
      </Section>

      {run.pending && (
        <Progress
          label={
            issuing > 0 ? t('invoicing.issuing', { count: issuing }) : t('invoicing.previewing')
          }
          fraction={null}
        />
      )}
      <ErrorBanner error={run.error} />

      {issued && <IssuedResult result={issued} />}

      {preview && previewMatches && (
        <Section
          title={t('invoicing.previewTitle', { month: formatMonth(preview.month, locale) })}
          testId="run-result"
        >
          <RunSummary result={preview} />
          {preview.invoices.length > 0 && (
            <div className="section-actions button-row">
              <button
                type="button"
                onClick={onIssue}
                disabled={run.pending || monthOpen}
                aria-busy={run.pending}
                data-testid="run-issue"
              >
                {t('invoicing.issue', { count: preview.invoices.length })}
              </button>
              {monthOpen && <p className="field-hint">{t('invoicing.issueMonthOpen')}</p>}
            </div>
          )}
          <RunInvoices result={preview} />
        </Section>
      )}
    </Page>
  );
}

function RunSummary({ result }: { result: InvoicingRunResultT }) {
  const { t } = useI18n();
  return (
    <>
      <p data-testid="run-summary">
        {result.invoices.length === 0
          ? t('invoicing.nothing')
          : t('invoicing.summary', {
              count: result.invoices.length,
              total: formatRupiah(result.total),
            })}
      </p>
      <RunWarnings warnings={result.warnings} />
    </>
  );
}

/** Use that could not be billed (no tariff on that day…): said plainly, the run goes on. */
function RunWarnings({ warnings }: { warnings: InvoicingRunResultT['warnings'] }) {
  const { t } = useI18n();
  if (warnings.length === 0) return null;
  return (
    <NoticeBanner title={t('invoicing.warnings', { count: warnings.length })} testId="run-warnings">
      <ul>
        {warnings.map((warning, index) => (
          <li key={`${warning.code}-${index}`}>{warning.message}</li>
        ))}
      </ul>
    </NoticeBanner>
  );
}

/** One card per member: its lines, subsidies, DPP, PPN and total. */
function RunInvoices({ result }: { result: InvoicingRunResultT }) {
  const { t, locale } = useI18n();
  if (result.invoices.length === 0) {
    return (
      <EmptyState title={t('invoicing.empty.title')}>
        {result.dryRun ? t('invoicing.empty.body') : t('invoicing.empty.bodyIssued')}
      </EmptyState>
    );
  }
  return (
    <div className="run-invoices">
      {result.invoices.map((invoice) => (
        <article
          key={invoice.id}
          className="run-invoice"
          data-testid="run-invoice"
          data-member={invoice.memberName}
        >
          <h3>{invoice.memberName}</h3>
          <p className="muted">
            {result.dryRun
              ? t('invoicing.provisionalNumber', { number: invoice.number })
              : invoice.number}{' '}
            · {t('invoice.period')}{' '}
            {invoice.periodFrom && invoice.periodTo
              ? `${formatDate(invoice.periodFrom, locale)} – ${formatDate(invoice.periodTo, locale)}`
              : '—'}
          </p>
          <InvoiceLines lines={invoice.lines} caption={invoice.memberName} />
          <InvoiceTotals invoice={invoice} />
        </article>
      ))}
    </div>
  );
}

function IssuedResult({ result }: { result: InvoicingRunResultT & { siteId: string } }) {
  const { t, locale } = useI18n();
  const listLink = `/invoices${toQueryString({ siteId: result.siteId })}`;
  return (
    <div data-testid="run-issued">
      <SuccessBanner>
        {result.invoices.length === 0
          ? t('invoicing.issuedNone', { month: formatMonth(result.month, locale) })
          : t('invoicing.issued', {
              count: result.invoices.length,
              month: formatMonth(result.month, locale),
              total: formatRupiah(result.total),
            })}
      </SuccessBanner>
      {result.invoices.length > 0 && (
        <Section title={t('invoicing.issuedTitle')}>
          <ul className="link-list" data-testid="issued-invoices">
            {result.invoices.map((invoice) => (
              <li key={invoice.id}>
                <Link to={`/invoices/${invoice.id}`} data-member={invoice.memberName}>
                  {invoice.number}
                </Link>{' '}
                · {invoice.memberName} ·{' '}
                <span className="nowrap">{formatRupiah(invoice.total)}</span>
              </li>
            ))}
          </ul>
          <div className="section-actions button-row">
            <Link to={listLink} className="link-button link-button-secondary">
              {t('invoicing.toInvoices')}
            </Link>
          </div>
        </Section>
      )}
      <RunWarnings warnings={result.warnings} />
    </div>
  );
}
