/**
 * Where a lot came from and where it went: upstream (the inputs, back to the member's intake)
 * and downstream (outputs and by-products made from it), each with the job, machine and
 * operator that made the step, the machine booking it ran on (a link to that day of the
 * machine's calendar), and the handovers that took it out of the site. Upstream lots show their
 * inspections too: the verdicts on what went in. One-up and one-down is what a recall needs.
 */
import { Link } from 'react-router';
import { EmptyState } from '../../components/empty-state.js';
import { Loaded } from '../../components/loaded.js';
import { Section } from '../../components/page.js';
import { useI18n } from '../../i18n/i18n-context.js';
import { dayIn, formatDate, formatDateTime, formatTimeRange } from '../../lib/format.js';
import { useResource } from '../../lib/use-resource.js';
import { calendarPath, type BookingT } from '../bookings/types.js';
import type { InspectionT } from '../quality/types.js';
import { LotStatusChip, useKindName, useProductName } from './lot-status.js';
import { formatKg } from './quantity.js';
import { useSiteZones } from './site-zone.js';
import {
  jobPath,
  lotApi,
  lotPath,
  type GenealogyNodeT,
  type GenealogyT,
  type LotT,
} from './types.js';

export function GenealogySection({ lot }: { lot: LotT }) {
  const { t, locale } = useI18n();
  const { zoneOf } = useSiteZones();
  const genealogy = useResource<GenealogyT>(`${lotApi(lot.id)}/genealogy`);
  return (
    <Section title={t('genealogy.title')} testId="lot-genealogy">
      <Loaded resource={genealogy}>
        {(g) => (
          <>
            <h3>{t('genealogy.upstream')}</h3>
            {g.upstream.length === 0 ? (
              <p className="muted" data-testid="genealogy-upstream-empty">
                {t(lot.kind === 'intake' ? 'genealogy.upstream.intake' : 'genealogy.upstream.none')}
              </p>
            ) : (
              <NodeList nodes={g.upstream} testId="genealogy-upstream" inspections />
            )}
            <h3>{t('genealogy.downstream')}</h3>
            {g.downstream.length === 0 ? (
              <p className="muted">{t('genealogy.downstream.none')}</p>
            ) : (
              <NodeList nodes={g.downstream} testId="genealogy-downstream" />
            )}
            <h3>{t('genealogy.handovers')}</h3>
            {g.handovers.length === 0 ? (
              <EmptyState title={t('genealogy.handovers.none.title')}>
                {t('genealogy.handovers.none.body')}
              </EmptyState>
            ) : (
              <ul className="plain-list">
                {g.handovers.map((h, i) => (
                  <li key={`${h.lotId}-${i}`}>
                    <Link to={lotPath(h.lotId)}>{h.lotCode}</Link> · {formatKg(h.kg, locale)} →{' '}
                    {h.toName} · {formatDateTime(h.handedAt, zoneOf(lot.siteId), locale)}
                  </li>
                ))}
              </ul>
            )}
          </>
        )}
      </Loaded>
    </Section>
  );
}

function NodeList({
  nodes,
  testId,
  inspections = false,
}: {
  nodes: GenealogyNodeT[];
  testId: string;
  inspections?: boolean;
}) {
  const { t, locale } = useI18n();
  const productName = useProductName();
  const kindName = useKindName();
  return (
    <ul className="genealogy-list" data-testid={testId}>
      {nodes.map((n) => (
        <li
          key={`${n.lot.id}-${n.depth}`}
          className="genealogy-node"
          data-testid="genealogy-node"
          style={{ marginInlineStart: `${Math.min(Math.abs(n.depth) - 1, 4) * 0.75}rem` }}
        >
          <div className="genealogy-head">
            <Link to={lotPath(n.lot.id)} className="lot-code" data-testid="genealogy-lot">
              {n.lot.code}
            </Link>
            <LotStatusChip status={n.lot.status} />
          </div>
          <div>
            {productName(n.lot.productType, n.lot.productName)} · {kindName(n.lot.kind)} ·{' '}
            {formatKg(n.lot.quantityKg, locale)} · {n.lot.ownerName ?? t('lot.pooled')}
          </div>
          {n.viaJobId && (
            <div className="muted">
              <Link to={jobPath(n.viaJobId)}>{t('genealogy.job')}</Link>
              {n.machineName && ` · ${t('genealogy.machine', { name: n.machineName })}`}
              {n.operatorName && ` · ${t('genealogy.operator', { name: n.operatorName })}`}
              {n.bookingId && (
                <>
                  {' · '}
                  <BookingLink bookingId={n.bookingId} siteId={n.lot.siteId} />
                </>
              )}
            </div>
          )}
          {inspections && <NodeInspections lotId={n.lot.id} siteId={n.lot.siteId} />}
        </li>
      ))}
    </ul>
  );
}

/** The booking a step ran on, as a link to that day of the machine's calendar. */
function BookingLink({ bookingId, siteId }: { bookingId: string; siteId: string }) {
  const { t, locale } = useI18n();
  const { zoneOf } = useSiteZones();
  const zone = zoneOf(siteId);
  const booking = useResource<BookingT>(`/api/bookings/${encodeURIComponent(bookingId)}`);
  const b = booking.data;
  if (!b) return <span data-testid="genealogy-booking">{t('genealogy.booking')}</span>;
  return (
    <Link
      to={calendarPath(b.machineId, dayIn(b.startsAt, zone), 'day')}
      data-testid="genealogy-booking"
    >
      {t('genealogy.bookingOn', {
        date: formatDate(dayIn(b.startsAt, zone), locale),
        time: formatTimeRange(b.startsAt, b.endsAt, zone, locale),
      })}
    </Link>
  );
}

/** The current inspection records of a lot upstream (corrected ones left out), verdict first. */
function NodeInspections({ lotId, siteId }: { lotId: string; siteId: string }) {
  const { t, locale } = useI18n();
  const { zoneOf } = useSiteZones();
  const list = useResource<{ items: InspectionT[] }>(`${lotApi(lotId)}/inspections`);
  if (!list.data) return null;
  const current = list.data.items.filter((i) => i.supersededById === null);
  return (
    <div className="muted" data-testid="genealogy-inspections">
      {current.length === 0
        ? t('genealogy.inspections.none')
        : `${t('genealogy.inspections')}: ${current
            .map(
              (i) =>
                `${t(`verdict.${i.verdict}`)} (${i.specificationName}, ${formatDate(
                  dayIn(i.inspectedAt, zoneOf(siteId)),
                  locale,
                )})`,
            )
            .join('; ')}`}
    </div>
  );
}
