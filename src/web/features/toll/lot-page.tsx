/**
 * /lots/:id — one lot, in the order people ask about it: what it is (quantities, remaining,
 * status, owners and their shares), its photos (taken at intake), its quality (the sampling plan, inspection records against
 * their limits, the inspection form for site staff, any non-conformance), its certificate, the
 * handover back to its owner (only once the quality gate allows it), where it came from and
 * where it went (genealogy), and the owner's stock at the site. Times are in the site's zone.
 */
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { canSee } from '../../app/nav.js';
import { useCurrentUser, useSession } from '../../app/session-context.js';
import { Loaded } from '../../components/loaded.js';
import { Page, Section } from '../../components/page.js';
import { useI18n } from '../../i18n/i18n-context.js';
import { formatDateTime } from '../../lib/format.js';
import { useResource } from '../../lib/use-resource.js';
import { CertificateSection } from '../quality/certificate-section.js';
import { InspectionsSection } from '../quality/inspections-section.js';
import { GenealogySection } from './genealogy-section.js';
import { HandoverSection } from './handover-section.js';
import { LotPhotosSection } from './lot-photos.js';
import { LotStatusChip, useKindName, useProductName } from './lot-status.js';
import { formatDecimal, formatKg } from './quantity.js';
import { useSiteZones } from './site-zone.js';
import { StockSection } from './stock-section.js';
import {
  isStaffAt,
  jobPath,
  labelPath,
  lotApi,
  receiptPath,
  recallPath,
  type LotT,
} from './types.js';

export function LotPage() {
  const { t } = useI18n();
  const { id = '' } = useParams();
  const { roles } = useSession();
  const user = useCurrentUser();
  const lot = useResource<LotT>(lotApi(id));
  // Bumped after every change that may move the lot (inspection, handover, certificate), so
  // the sections that depend on it read it again.
  const [generation, setGeneration] = useState(0);
  const changed = () => {
    lot.reload();
    setGeneration((g) => g + 1);
  };
  const data = lot.data;
  const staff = data ? isStaffAt(user.grants, data.siteId) : false;

  return (
    <Page
      title={data ? data.code : t('lot.detail')}
      lead={data && <LotLead lot={data} />}
      actions={
        data && (
          <div className="button-row no-print">
            {data.kind === 'intake' && (
              <Link
                to={receiptPath(data.id)}
                className="link-button link-button-secondary"
                data-testid="lot-receipt"
              >
                {t('lot.receipt')}
              </Link>
            )}
            {staff && (
              <Link
                to={labelPath(data.id)}
                className="link-button link-button-secondary"
                data-testid="lot-label-link"
              >
                {t('lot.label')}
              </Link>
            )}
            {canSee('recall', roles) && (
              <Link
                to={recallPath(data.id)}
                className="link-button link-button-secondary"
                data-testid="lot-recall"
              >
                {t('lot.recall')}
              </Link>
            )}
            <Link to="/lots" className="link-button link-button-secondary">
              {t('lot.backToList')}
            </Link>
          </div>
        )
      }
    >
      <Loaded resource={lot}>
        {(l) => (
          <>
            <LotSummary lot={l} />
            <LotPhotosSection lot={l} />
            {/* Keeps its own state (the verdict just saved) and reloads itself. */}
            <InspectionsSection lot={l} staff={staff} onChanged={changed} />
            {/* A new status may make the lot certifiable: start the section over. */}
            <CertificateSection key={l.status} lot={l} staff={staff} onChanged={changed} />
            <HandoverSection
              lot={l}
              staff={staff}
              onChanged={(next) => {
                lot.replace(next);
                setGeneration((g) => g + 1);
              }}
            />
            <GenealogySection key={`genealogy-${generation}`} lot={l} />
            <StockSection key={`stock-${generation}`} lot={l} />
          </>
        )}
      </Loaded>
    </Page>
  );
}

function LotLead({ lot }: { lot: LotT }) {
  const productName = useProductName();
  const kindName = useKindName();
  return (
    <>
      <LotStatusChip status={lot.status} /> · {productName(lot.productType, lot.productName)} ·{' '}
      {kindName(lot.kind)} · {lot.siteCode}
    </>
  );
}

function LotSummary({ lot }: { lot: LotT }) {
  const { t, locale } = useI18n();
  const { zoneOf } = useSiteZones();
  const zone = zoneOf(lot.siteId);
  return (
    <Section title={t('lot.summary')} testId="lot-summary">
      <ul className="summary-counts">
        <li>
          <strong data-testid="lot-quantity">{formatKg(lot.quantityKg, locale)}</strong>{' '}
          {t('lot.quantity')}
        </li>
        <li>
          <strong data-testid="lot-remaining">{formatKg(lot.remainingKg, locale)}</strong>{' '}
          {t('lot.remaining')}
        </li>
      </ul>
      <dl className="facts">
        <dt>{t('lot.status')}</dt>
        <dd>
          <LotStatusChip status={lot.status} />
          <span className="field-hint lot-status-hint">{t(`lotStatus.hint.${lot.status}`)}</span>
        </dd>
        <dt>{lot.pooled ? t('lot.owners') : t('toll.field.owner')}</dt>
        <dd data-testid="lot-owner">
          {lot.pooled ? (
            <ul className="plain-list">
              {lot.owners.map((o) => (
                <li key={o.ownerOrgId}>
                  {o.ownerName} · {formatDecimal(o.shareBp / 100, locale, 2)} % ·{' '}
                  {formatKg(o.kg, locale)}
                </li>
              ))}
            </ul>
          ) : (
            (lot.ownerName ?? '—')
          )}
        </dd>
        <dt>{t('toll.field.grade')}</dt>
        <dd>{lot.grade ?? '—'}</dd>
        {lot.moisturePercent !== null && (
          <>
            <dt>{t('toll.field.moisture')}</dt>
            <dd>{formatDecimal(lot.moisturePercent, locale, 2)} %</dd>
          </>
        )}
        <dt>{lot.kind === 'intake' ? t('lot.receivedAt') : t('lot.madeAt')}</dt>
        <dd>
          {formatDateTime(lot.receivedAt, zone, locale)} · {lot.receivedBy}
        </dd>
        {lot.jobId && (
          <>
            <dt>{t('lot.madeBy')}</dt>
            <dd>
              <Link to={jobPath(lot.jobId)} data-testid="lot-job">
                {t('lot.openJob')}
              </Link>
            </dd>
          </>
        )}
        {lot.consumedBy.length > 0 && (
          <>
            <dt>{t('lot.consumedBy')}</dt>
            <dd>
              <ul className="plain-list">
                {lot.consumedBy.map((c) => (
                  <li key={c.jobId}>
                    <Link to={jobPath(c.jobId)}>{t('lot.openJob')}</Link> · {formatKg(c.kg, locale)}
                  </li>
                ))}
              </ul>
            </dd>
          </>
        )}
        {lot.notes && (
          <>
            <dt>{t('toll.field.notes')}</dt>
            <dd>{lot.notes}</dd>
          </>
        )}
      </dl>
    </Section>
  );
}
