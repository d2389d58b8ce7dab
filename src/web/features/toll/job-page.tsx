/**
 * /process-jobs/:id — one toll-processing job: the machine and operator, when it ran (in the
 * site's zone), the lots that went in, the output lots and by-products that came out (each in
 * quarantine until inspected when a plan covers it), the yield (rendemen) per owner, and the
 * utility readings. While open, the site's staff complete it here; the mass balance is shown
 * live and the API refuses outputs that exceed the inputs.
 */
import { Link, useParams } from 'react-router';
import { DataTable } from '../../components/data-table.js';
import { Loaded } from '../../components/loaded.js';
import { Page, Section } from '../../components/page.js';
import { useI18n } from '../../i18n/i18n-context.js';
import { formatDateTime } from '../../lib/format.js';
import { useResource } from '../../lib/use-resource.js';
import { CompleteJobForm } from './complete-job-form.js';
import { JobStatusChip, useProcessName } from './jobs-page.js';
import { LotStatusChip, useKindName, useProductName } from './lot-status.js';
import { formatDecimal, formatKg } from './quantity.js';
import { useSiteZones } from './site-zone.js';
import { jobApi, lotPath, type ProcessJobT } from './types.js';

export function ProcessJobPage() {
  const { t } = useI18n();
  const { id = '' } = useParams();
  const processName = useProcessName();
  const job = useResource<ProcessJobT>(jobApi(id));
  const data = job.data;
  return (
    <Page
      title={data ? `${data.machineName} · ${processName(data.process)}` : t('processJob.detail')}
      lead={data && <JobStatusChip status={data.status} />}
      actions={
        <Link to="/process-jobs" className="link-button link-button-secondary">
          {t('processJob.backToList')}
        </Link>
      }
    >
      <Loaded resource={job}>
        {(j) => (
          <>
            <JobFacts job={j} />
            {j.canEdit && (
              <Section title={t('completeJob.title')} testId="complete-job">
                <CompleteJobForm job={j} onCompleted={job.replace} />
              </Section>
            )}
            {j.status === 'completed' && <Outcome job={j} />}
          </>
        )}
      </Loaded>
    </Page>
  );
}

function JobFacts({ job }: { job: ProcessJobT }) {
  const { t, locale } = useI18n();
  const { zoneOf } = useSiteZones();
  const productName = useProductName();
  const zone = zoneOf(job.siteId);
  return (
    <Section title={t('processJob.summary')} testId="job-summary">
      <dl className="facts">
        <dt>{t('processJob.machine')}</dt>
        <dd>{job.machineName}</dd>
        <dt>{t('processJob.operator')}</dt>
        <dd>{job.operatorName ?? '—'}</dd>
        <dt>{t('processJob.started')}</dt>
        <dd>{job.startedAt ? formatDateTime(job.startedAt, zone, locale) : '—'}</dd>
        <dt>{t('processJob.ended')}</dt>
        <dd>{job.endedAt ? formatDateTime(job.endedAt, zone, locale) : '—'}</dd>
        <dt>{t('processJob.pooled')}</dt>
        <dd>{job.pooled ? t('processJob.pooledYes') : t('processJob.pooledNo')}</dd>
        {job.notes && (
          <>
            <dt>{t('toll.field.notes')}</dt>
            <dd>{job.notes}</dd>
          </>
        )}
      </dl>
      <h3>{t('processJob.inputs')}</h3>
      <DataTable
        caption={t('processJob.inputs')}
        testId="job-inputs"
        rows={job.inputs}
        rowKey={(i) => i.lotId}
        columns={[
          {
            key: 'code',
            header: t('lot.code'),
            render: (i) => <Link to={lotPath(i.lotId)}>{i.code}</Link>,
          },
          { key: 'owner', header: t('toll.field.owner'), render: (i) => i.ownerName ?? '—' },
          {
            key: 'product',
            header: t('toll.field.product'),
            render: (i) => productName(i.productType),
          },
          {
            key: 'kg',
            header: t('toll.field.quantity'),
            className: 'numeric',
            render: (i) => formatKg(i.kg, locale),
          },
        ]}
      />
    </Section>
  );
}

function Outcome({ job }: { job: ProcessJobT }) {
  const { t, locale } = useI18n();
  const productName = useProductName();
  const kindName = useKindName();
  const reading = (value: number | null, unit: string) =>
    value === null ? '—' : `${formatDecimal(value, locale, 3)} ${unit}`;
  return (
    <>
      <Section title={t('processJob.outputs')} testId="job-outputs">
        <DataTable
          caption={t('processJob.outputs')}
          testId="job-output-table"
          rows={job.outputs}
          rowKey={(o) => o.id}
          columns={[
            {
              key: 'code',
              header: t('lot.code'),
              render: (o) => (
                <Link to={lotPath(o.id)} data-testid="output-lot-link" data-product={o.productType}>
                  {o.code}
                </Link>
              ),
            },
            {
              key: 'product',
              header: t('toll.field.product'),
              render: (o) => `${productName(o.productType, o.productName)} · ${kindName(o.kind)}`,
            },
            {
              key: 'kg',
              header: t('toll.field.quantity'),
              className: 'numeric',
              render: (o) => formatKg(o.quantityKg, locale),
            },
            {
              key: 'status',
              header: t('lot.status'),
              render: (o) => <LotStatusChip status={o.status} />,
            },
          ]}
        />
        <dl className="facts">
          <dt>{t('completeJob.waste')}</dt>
          <dd>{reading(job.wasteKg, 'kg')}</dd>
          {job.statedGainKg !== null && job.statedGainKg > 0 && (
            <>
              <dt>{t('completeJob.gain')}</dt>
              <dd>{reading(job.statedGainKg, 'kg')}</dd>
            </>
          )}
          <dt>{t('completeJob.kwh')}</dt>
          <dd>{reading(job.kwh, 'kWh')}</dd>
          <dt>{t('completeJob.lpg')}</dt>
          <dd>{reading(job.lpgKg, 'kg')}</dd>
          <dt>{t('completeJob.water')}</dt>
          <dd>{reading(job.waterM3, 'm³')}</dd>
        </dl>
      </Section>
      <Section title={t('processJob.yields')} testId="job-yields">
        <DataTable
          caption={t('processJob.yields')}
          testId="yield-table"
          rows={job.yields}
          rowKey={(y) => y.ownerOrgId}
          columns={[
            { key: 'owner', header: t('toll.field.owner'), render: (y) => y.ownerName },
            {
              key: 'in',
              header: t('processJob.yield.in'),
              className: 'numeric',
              render: (y) => formatKg(y.inputKg, locale),
            },
            {
              key: 'out',
              header: t('processJob.yield.out'),
              className: 'numeric',
              render: (y) => formatKg(y.outputKg, locale),
            },
            {
              key: 'yield',
              header: t('processJob.yield.percent'),
              className: 'numeric',
              render: (y) => (
                <strong data-testid="yield-percent">
                  {formatDecimal(y.yieldPercent, locale, 2)} %
                </strong>
              ),
            },
          ]}
        />
        <p className="field-hint">{t('processJob.yield.hint')}</p>
      </Section>
    </>
  );
}
