/**
 * /process-jobs — "Pekerjaan proses": the toll-processing jobs of the sites the user sees, each
 * on a machine booking: what went in, what came out, and whether it is still open (outputs not
 * yet recorded). Site staff start a job from a booking here.
 */
import type { ReactNode } from 'react';
import { Link } from 'react-router';
import { canSee } from '../../app/nav.js';
import { useSession } from '../../app/session-context.js';
import { EmptyState } from '../../components/empty-state.js';
import { SelectField } from '../../components/field.js';
import { Page, Section } from '../../components/page.js';
import { PagedList } from '../../components/paged-list.js';
import { useI18n } from '../../i18n/i18n-context.js';
import { CAPABILITIES } from '../../lib/contracts.js';
import { formatDateTime } from '../../lib/format.js';
import { useCursorList } from '../../lib/use-cursor-list.js';
import { oneOf, useUrlFilters } from '../../lib/use-url-filters.js';
import { SiteSelect } from '../organisations/site-select.js';
import { LotStatusChip, useProductName } from './lot-status.js';
import { formatKg } from './quantity.js';
import { useSiteZones } from './site-zone.js';
import { jobPath, lotPath, type ProcessJobT } from './types.js';

const JOB_STATUSES = ['open', 'completed'] as const;

export function ProcessJobsPage() {
  const { t } = useI18n();
  const { roles } = useSession();
  const { sites } = useSiteZones();
  const { params, update, clearFilters } = useUrlFilters(['siteId', 'status'] as const);
  const siteId = params.get('siteId') ?? '';
  const status = oneOf(JOB_STATUSES, params.get('status'));
  const list = useCursorList<ProcessJobT>('/api/jobs', { siteId, status, limit: 25 });
  const starts = canSee('processJobNew', roles);

  return (
    <Page
      title={t('processJobs.title')}
      lead={t('processJobs.lead')}
      actions={
        starts ? (
          <Link to="/process-jobs/new" className="link-button" data-testid="start-job">
            {t('processJobs.start')}
          </Link>
        ) : undefined
      }
    >
      <form className="form form-filters" role="search" onSubmit={(e) => e.preventDefault()}>
        {sites.items.length > 1 && (
          <SiteSelect
            sites={sites}
            label={t('toll.field.site')}
            name="siteId"
            value={siteId}
            onChange={(value) => update({ siteId: value })}
            emptyOption={{ label: t('equipment.allSites'), selectable: true }}
          />
        )}
        <SelectField
          label={t('processJobs.filter.status')}
          name="status"
          value={status}
          onChange={(event) => update({ status: event.target.value })}
        >
          <option value="">{t('processJobs.filter.all')}</option>
          {JOB_STATUSES.map((s) => (
            <option key={s} value={s}>
              {t(`jobStatus.${s}`)}
            </option>
          ))}
        </SelectField>
        {(siteId || status) && (
          <div className="button-row">
            <button type="button" className="button-secondary" onClick={clearFilters}>
              {t('action.clearFilters')}
            </button>
          </div>
        )}
      </form>
      <Section title={t('processJobs.list')} testId="process-jobs">
        <PagedList
          list={list}
          empty={
            <EmptyState
              title={t('processJobs.empty.title')}
              action={
                starts ? (
                  <Link to="/process-jobs/new" className="link-button">
                    {t('processJobs.start')}
                  </Link>
                ) : undefined
              }
            >
              {t('processJobs.empty.body')}
            </EmptyState>
          }
        >
          {(items) => (
            <div className="job-cards">
              {items.map((job) => (
                <JobCard key={job.id} job={job} />
              ))}
            </div>
          )}
        </PagedList>
      </Section>
    </Page>
  );
}

export function useProcessName() {
  const { t } = useI18n();
  return (process: string) =>
    (CAPABILITIES as readonly string[]).includes(process)
      ? t(`capability.${process}` as 'capability.distillation')
      : process;
}

export function JobStatusChip({ status }: { status: ProcessJobT['status'] }) {
  const { t } = useI18n();
  return (
    <span
      className={`state-chip job-status-${status}`}
      data-testid="job-status"
      data-status={status}
    >
      {t(`jobStatus.${status}`)}
    </span>
  );
}

function JobCard({ job }: { job: ProcessJobT }) {
  const { t, locale } = useI18n();
  const { zoneOf } = useSiteZones();
  const processName = useProcessName();
  const productName = useProductName();
  const zone = zoneOf(job.siteId);
  const owners = [...new Set(job.inputs.map((i) => i.ownerName ?? t('lot.pooled')))];
  const inKg = job.inputs.reduce((a, i) => a + i.kg, 0);
  const line = (label: string, value: ReactNode) => (
    <p>
      <span className="muted">{label}:</span> {value}
    </p>
  );
  return (
    <article className="job-card" data-testid="job-card" data-status={job.status}>
      <div className="job-card-head">
        <Link to={jobPath(job.id)} data-testid="job-link">
          <strong>{job.machineName}</strong> · {processName(job.process)}
        </Link>
        <JobStatusChip status={job.status} />
      </div>
      {job.startedAt &&
        line(
          t('processJob.when'),
          job.endedAt
            ? `${formatDateTime(job.startedAt, zone, locale)} – ${formatDateTime(job.endedAt, zone, locale)}`
            : formatDateTime(job.startedAt, zone, locale),
        )}
      {line(t('processJob.owners'), owners.join(', ') || '—')}
      {line(t('processJob.inputs'), formatKg(Math.round(inKg * 1000) / 1000, locale))}
      {job.outputs.length > 0 && (
        <ul className="plain-list">
          {job.outputs.map((o) => (
            <li key={o.id}>
              <Link to={lotPath(o.id)}>{o.code}</Link> · {productName(o.productType, o.productName)}{' '}
              · {formatKg(o.quantityKg, locale)} <LotStatusChip status={o.status} />
            </li>
          ))}
        </ul>
      )}
    </article>
  );
}
