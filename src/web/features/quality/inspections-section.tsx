/**
 * A lot's quality on its page: the ISO 2859-1 sampling the lot needs now (code letter, sample
 * size, Ac/Re, normal/tightened/reduced), its inspection records with each result against its
 * limits, the non-conformance a failure opened, and — for the site's staff — the inspection
 * form. Records are never edited: "Koreksi" opens the form prefilled from a record, and saving
 * supersedes it with a new signed record.
 */
import { useState } from 'react';
import { Link } from 'react-router';
import { useApi } from '../../app/session-context.js';
import { EmptyState } from '../../components/empty-state.js';
import { ErrorBanner, NoticeBanner, SuccessBanner } from '../../components/error-banner.js';
import { Loaded } from '../../components/loaded.js';
import { Section } from '../../components/page.js';
import { useI18n } from '../../i18n/i18n-context.js';
import { formatDateTime } from '../../lib/format.js';
import { useResource } from '../../lib/use-resource.js';
import { useSubmit } from '../../lib/use-submit.js';
import { formatDecimal } from '../toll/quantity.js';
import { useSiteZones } from '../toll/site-zone.js';
import { lotApi, ncPath, type LotT } from '../toll/types.js';
import { InspectionForm } from './inspection-form.js';
import { LabReports } from './lab-reports.js';
import { gateStage, type InspectionT, type SamplingT } from './types.js';
import { requirementOf } from './verdict.js';

export function InspectionsSection({
  lot,
  staff,
  onChanged,
}: {
  lot: LotT;
  staff: boolean;
  onChanged: () => void;
}) {
  const { t } = useI18n();
  const gate = gateStage(lot.kind);
  const sampling = useResource<SamplingT>(`${lotApi(lot.id)}/sampling`, { stage: gate });
  const records = useResource<{ items: InspectionT[] }>(`${lotApi(lot.id)}/inspections`);
  const [correcting, setCorrecting] = useState<InspectionT | null>(null);
  const [formOpen, setFormOpen] = useState(false);
  const [saved, setSaved] = useState<InspectionT | null>(null);
  const inspectable = staff && lot.status !== 'consumed' && lot.status !== 'handed_over';

  const [labProblem, setLabProblem] = useState<string | null>(null);
  const afterSave = (inspection: InspectionT, labReportError: string | null = null) => {
    setSaved(inspection);
    setLabProblem(labReportError);
    setCorrecting(null);
    setFormOpen(false);
    records.reload();
    sampling.reload();
    onChanged();
  };

  return (
    <Section title={t('inspection.title')} testId="lot-quality">
      <Loaded resource={sampling}>
        {(s) => <SamplingBox sampling={s} lotId={lot.id} onRestarted={sampling.replace} />}
      </Loaded>
      {saved && <SavedVerdict inspection={saved} />}
      {saved && labProblem && (
        <p className="field-error" role="alert" data-testid="lab-report-failed">
          {t('labReport.failed', { reason: labProblem })}
        </p>
      )}
      <Loaded resource={records}>
        {(data) => {
          const items = [...data.items].reverse();
          return items.length === 0 ? (
            <EmptyState title={t('inspection.empty.title')}>
              {t(inspectable ? 'inspection.empty.bodyStaff' : 'inspection.empty.body')}
            </EmptyState>
          ) : (
            <ol className="inspection-list" data-testid="inspection-list">
              {items.map((record) => (
                <InspectionRecord
                  key={record.id}
                  record={record}
                  siteId={lot.siteId}
                  canAttach={inspectable && !record.supersededById}
                  onAttached={records.reload}
                  onCorrect={
                    inspectable && !record.supersededById
                      ? () => {
                          setSaved(null);
                          setFormOpen(false);
                          setCorrecting(record);
                        }
                      : undefined
                  }
                />
              ))}
            </ol>
          );
        }}
      </Loaded>
      {inspectable &&
        (correcting ? (
          <InspectionForm
            key={`correct-${correcting.id}`}
            lot={lot}
            correction={correcting}
            defaultStage={correcting.stage}
            onSaved={afterSave}
            onCancel={() => setCorrecting(null)}
          />
        ) : formOpen ? (
          <InspectionForm
            key="new"
            lot={lot}
            correction={null}
            defaultStage={gate}
            onSaved={afterSave}
            onCancel={() => setFormOpen(false)}
          />
        ) : (
          <div className="section-actions">
            <button
              type="button"
              className="button-large"
              data-testid="open-inspection-form"
              onClick={() => {
                setSaved(null);
                setFormOpen(true);
              }}
            >
              {t('inspection.record')}
            </button>
          </div>
        ))}
    </Section>
  );
}

function SamplingBox({
  sampling,
  lotId,
  onRestarted,
}: {
  sampling: SamplingT;
  lotId: string;
  onRestarted: (s: SamplingT) => void;
}) {
  const { t } = useI18n();
  if (!sampling.planId)
    return (
      <p className="muted" data-testid="sampling-none">
        {t('sampling.none', { stage: t(`stage.${sampling.stage}`) })}
      </p>
    );
  return (
    <div className="sampling-box" data-testid="sampling">
      <p className="sampling-title">
        {t('sampling.title', { stage: t(`stage.${sampling.stage}`) })}{' '}
        <span
          className={`state-chip severity-${sampling.severity}`}
          data-testid="sampling-severity"
        >
          {t(`sampling.severity.${sampling.severity}`)}
        </span>
      </p>
      <dl className="sampling-facts">
        <div>
          <dt>{t('sampling.lotSize')}</dt>
          <dd data-testid="sampling-lot-size">{sampling.lotSizeUnits}</dd>
        </div>
        <div>
          <dt>{t('sampling.codeLetter')}</dt>
          <dd data-testid="sampling-letter">{sampling.codeLetter ?? '—'}</dd>
        </div>
        <div>
          <dt>{t('sampling.sampleSize')}</dt>
          <dd data-testid="sampling-n">{sampling.sampleSize ?? '—'}</dd>
        </div>
        <div>
          <dt>{t('sampling.acRe')}</dt>
          <dd data-testid="sampling-ac-re">
            {sampling.accept ?? '—'} / {sampling.reject ?? '—'}
          </dd>
        </div>
      </dl>
      {sampling.severity === 'reduced' && (
        <p className="field-hint" data-testid="sampling-reduced">
          {t('sampling.reducedNote')}
        </p>
      )}
      {sampling.hundredPercent && (
        <p className="field-hint" data-testid="sampling-all">
          {t('sampling.hundredPercent', { n: sampling.lotSizeUnits })}
        </p>
      )}
      {sampling.discontinued && (
        <NoticeBanner title={t('sampling.discontinued.title')}>
          <p data-testid="sampling-notice">
            {sampling.notice ?? t('sampling.discontinued.body')}
          </p>
          {sampling.canRestart && (
            <RestartSampling stage={sampling.stage} lotId={lotId} onRestarted={onRestarted} />
          )}
        </NoticeBanner>
      )}
    </div>
  );
}

/** A site manager restarts discontinued inspection (at tightened), saying what was improved. */
function RestartSampling({
  stage,
  lotId,
  onRestarted,
}: {
  stage: SamplingT['stage'];
  lotId: string;
  onRestarted: (s: SamplingT) => void;
}) {
  const { t } = useI18n();
  const api = useApi();
  const [reason, setReason] = useState('');
  const restart = useSubmit(async () => {
    onRestarted(
      await api.post<SamplingT>(`${lotApi(lotId)}/sampling/restart`, {
        stage,
        reason: reason.trim(),
      }),
    );
  });
  return (
    <form
      onSubmit={(e) => {
        e.preventDefault();
        void restart.submit(undefined);
      }}
    >
      <label htmlFor="sampling-restart-reason">{t('sampling.restart.reason')}</label>
      <textarea
        id="sampling-restart-reason"
        data-testid="sampling-restart-reason"
        maxLength={500}
        required
        value={reason}
        onChange={(e) => setReason(e.target.value)}
      />
      <ErrorBanner error={restart.error} />
      <button
        type="submit"
        disabled={restart.pending || reason.trim() === ''}
        aria-busy={restart.pending}
        data-testid="sampling-restart"
      >
        {restart.pending ? t('action.saving') : t('sampling.restart.submit')}
      </button>
    </form>
  );
}

function SavedVerdict({ inspection }: { inspection: InspectionT }) {
  const { t } = useI18n();
  if (inspection.verdict === 'pass')
    return (
      <div data-testid="inspection-verdict" data-verdict="pass">
        <SuccessBanner>{t('inspection.saved.pass')}</SuccessBanner>
      </div>
    );
  return (
    <div
      className="banner banner-error"
      role="status"
      data-testid="inspection-verdict"
      data-verdict="fail"
    >
      <p>{t('inspection.saved.fail')}</p>
      {inspection.nonConformanceId && (
        <p>
          <Link to={ncPath(inspection.nonConformanceId)} data-testid="verdict-nc-link">
            {t('inspection.openNc')}
          </Link>
        </p>
      )}
    </div>
  );
}

function InspectionRecord({
  record,
  siteId,
  canAttach,
  onAttached,
  onCorrect,
}: {
  record: InspectionT;
  siteId: string;
  canAttach: boolean;
  onAttached: () => void;
  onCorrect?: (() => void) | undefined;
}) {
  const { t, locale } = useI18n();
  const { zoneOf } = useSiteZones();
  const words = { min: t('spec.min'), max: t('spec.max'), conforms: t('spec.conforms') };
  const format = (n: number) => formatDecimal(n, locale, 4);
  return (
    <li
      className={
        record.supersededById ? 'inspection-record inspection-superseded' : 'inspection-record'
      }
      data-testid="inspection-record"
      data-verdict={record.verdict}
      data-superseded={record.supersededById ? 'true' : 'false'}
    >
      <div className="inspection-head">
        <VerdictChip verdict={record.verdict} />
        <span>
          {t(`stage.${record.stage}`)} · {record.specificationName} ({record.specificationSource})
        </span>
      </div>
      <p className="muted">
        {formatDateTime(record.inspectedAt, zoneOf(siteId), locale)} · {record.inspector}
        {record.sampleSize !== null &&
          ` · ${t('inspection.sampleOf', { n: record.sampleSize, d: record.defectives ?? 0 })}`}
      </p>
      {record.supersedesId && <p className="muted">{t('inspection.isCorrection')}</p>}
      {record.supersededById && (
        <p className="muted" data-testid="inspection-superseded">
          {t('inspection.superseded')}
        </p>
      )}
      {record.notes && <p>{record.notes}</p>}
      {/* Compact on purpose: three narrow columns fit a phone without turning into cards. */}
      <table className="results-table">
        <caption className="visually-hidden">{t('inspection.results')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('inspection.characteristic')}</th>
            <th scope="col" className="numeric">
              {t('inspection.value')}
            </th>
            <th scope="col">
              <span className="visually-hidden">{t('inspection.verdict')}</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {record.results.map((r) => (
            <tr
              key={r.characteristicId}
              data-testid="result-row"
              data-code={r.code}
              data-passed={r.passed ? 'true' : 'false'}
            >
              <td>
                {r.name}
                <span className="results-requirement">
                  {t('inspection.requirement')}: {requirementOf(r, words, format)}
                </span>
              </td>
              <td className="numeric">
                {r.value === null
                  ? t(r.passed ? 'spec.conforms' : 'spec.notConforms')
                  : `${format(r.value)}${r.unit && r.unit !== '-' ? `\u00a0${r.unit}` : ''}`}
              </td>
              <td>
                <VerdictMark passed={r.passed} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <LabReports record={record} canAttach={canAttach} onAttached={onAttached} />
      <div className="button-row">
        {record.nonConformanceId && (
          <Link
            to={ncPath(record.nonConformanceId)}
            className="link-button link-button-secondary"
            data-testid="inspection-nc-link"
          >
            {t('inspection.openNc')}
          </Link>
        )}
        {onCorrect && (
          <button
            type="button"
            className="button-secondary"
            data-testid="inspection-correct"
            onClick={onCorrect}
          >
            {t('inspection.correct')}
          </button>
        )}
      </div>
    </li>
  );
}

/** A record's verdict: "Lolos" or "Tidak lolos". */
export function VerdictChip({ verdict }: { verdict: 'pass' | 'fail' }) {
  const { t } = useI18n();
  return (
    <span
      className={`state-chip verdict-${verdict}`}
      data-verdict={verdict}
      data-testid="verdict-chip"
    >
      {t(`verdict.${verdict}`)}
    </span>
  );
}

/** ✓ or ✗ in a small chip, its word for screen readers: fits a results table on a phone. */
export function VerdictMark({ passed }: { passed: boolean }) {
  const { t } = useI18n();
  const word = t(passed ? 'verdict.short.pass' : 'verdict.short.fail');
  return (
    <span
      className={`state-chip verdict-mark verdict-${passed ? 'pass' : 'fail'}`}
      title={word}
      data-passed={passed ? 'true' : 'false'}
    >
      <span aria-hidden="true">{passed ? '✓' : '✗'}</span>
      <span className="visually-hidden">{word}</span>
    </span>
  );
}
