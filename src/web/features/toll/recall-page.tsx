/**
 * /recall — "Penarikan": when a raw material or a machine turns out to be bad, which lots are
 * affected and where did they go? By intake lot: everything made from it, step by step. By
 * machine and period: every lot made on it then, and everything made from those. Each affected
 * lot shows what is still on site and to whom the rest was handed over.
 */
import { useState, type FormEvent } from 'react';
import { Link } from 'react-router';
import { DataTable } from '../../components/data-table.js';
import { EmptyState } from '../../components/empty-state.js';
import { ErrorBanner } from '../../components/error-banner.js';
import { Field, SelectField } from '../../components/field.js';
import { Loaded } from '../../components/loaded.js';
import { Page, Section } from '../../components/page.js';
import { PagedList } from '../../components/paged-list.js';
import { useI18n } from '../../i18n/i18n-context.js';
import { addDays, dayIn, PLATFORM_TIME_ZONE, zonedDayBoundary } from '../../lib/format.js';
import { useCursorList } from '../../lib/use-cursor-list.js';
import { useResource, type Resource } from '../../lib/use-resource.js';
import { useUrlFilters } from '../../lib/use-url-filters.js';
import type { MachineT } from '../equipment/types.js';
import { LotStatusChip, useKindName, useProductName } from './lot-status.js';
import { formatKg } from './quantity.js';
import { useSiteZones } from './site-zone.js';
import { lotApi, lotPath, type LotSummaryT, type LotT, type RecallT } from './types.js';

const DATE = /^\d{4}-\d{2}-\d{2}$/;

export function RecallPage() {
  const { t } = useI18n();
  const { params, update } = useUrlFilters(['by', 'lotId', 'machineId', 'from', 'to'] as const);
  const by = params.get('by') === 'machine' ? 'machine' : 'lot';
  return (
    <Page title={t('recall.title')} lead={t('recall.lead')}>
      <fieldset className="chip-group recall-modes">
        <legend className="visually-hidden">{t('recall.by')}</legend>
        {(['lot', 'machine'] as const).map((option) => (
          <button
            key={option}
            type="button"
            className="filter-chip"
            aria-pressed={by === option}
            data-testid={`recall-by-${option}`}
            onClick={() => update({ by: option === 'lot' ? '' : option })}
          >
            {t(`recall.by.${option}`)}
          </button>
        ))}
      </fieldset>
      {by === 'lot' ? (
        <ByLot lotId={params.get('lotId') ?? ''} onLot={(lotId) => update({ lotId })} />
      ) : (
        <ByMachine
          machineId={params.get('machineId') ?? ''}
          from={params.get('from') ?? ''}
          to={params.get('to') ?? ''}
          onChange={update}
        />
      )}
    </Page>
  );
}

function ByLot({ lotId, onLot }: { lotId: string; onLot: (id: string) => void }) {
  const { t } = useI18n();
  const productName = useProductName();
  const [code, setCode] = useState('');
  const [searched, setSearched] = useState('');
  const matches = useCursorList<LotSummaryT>(searched ? '/api/lots' : null, {
    q: searched,
    kind: 'intake',
    limit: 20,
  });
  const lot = useResource<LotT>(lotId ? lotApi(lotId) : null);
  const recall = useResource<RecallT>(lotId ? '/api/recall' : null, { lotId });
  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setSearched(code.trim());
  };
  return (
    <>
      <Section title={t('recall.lot.title')} testId="recall-by-lot">
        <form className="form form-inline" role="search" onSubmit={onSubmit}>
          <Field label={t('recall.lot.code')} hint={t('recall.lot.codeHint')}>
            {(control) => (
              <input
                type="search"
                name="code"
                value={code}
                onChange={(event) => setCode(event.target.value)}
                {...control}
              />
            )}
          </Field>
          <button type="submit">{t('recall.lot.find')}</button>
        </form>
        {searched && (
          <PagedList
            list={matches}
            paginate={false}
            empty={
              <EmptyState title={t('recall.lot.none.title')}>
                {t('recall.lot.none.body')}
              </EmptyState>
            }
          >
            {(items) => (
              <ul className="plain-list">
                {items.map((l) => (
                  <li key={l.id} className="plain-list-item">
                    <span>
                      <strong>{l.code}</strong> · {l.ownerName ?? '—'} ·{' '}
                      {productName(l.productType, l.productName)}
                    </span>
                    <button
                      type="button"
                      className="button-secondary"
                      data-testid="recall-pick-lot"
                      onClick={() => {
                        setSearched('');
                        onLot(l.id);
                      }}
                    >
                      {t('recall.lot.pick')}
                    </button>
                  </li>
                ))}
              </ul>
            )}
          </PagedList>
        )}
        {lotId && lot.data && (
          <p data-testid="recall-lot">
            {t('recall.lot.chosen')}{' '}
            <Link to={lotPath(lot.data.id)}>
              <strong>{lot.data.code}</strong>
            </Link>{' '}
            · {lot.data.ownerName ?? '—'} ·{' '}
            {productName(lot.data.productType, lot.data.productName)}
          </p>
        )}
        <ErrorBanner error={lot.error} />
      </Section>
      {lotId && <Affected recall={recall} />}
    </>
  );
}

function ByMachine({
  machineId,
  from,
  to,
  onChange,
}: {
  machineId: string;
  from: string;
  to: string;
  onChange: (changes: { machineId?: string; from?: string; to?: string }) => void;
}) {
  const { t } = useI18n();
  const { zoneOf } = useSiteZones();
  const machines = useCursorList<MachineT>('/api/equipment', { limit: 200 });
  const machine = machines.items.find((m) => m.id === machineId);
  const zone = machine ? zoneOf(machine.siteId) : PLATFORM_TIME_ZONE;
  const [today] = useState(() => dayIn(new Date(), zone));
  const fromDay = DATE.test(from) ? from : addDays(today, -30);
  const toDay = DATE.test(to) ? to : today;
  const recall = useResource<RecallT>(machineId ? '/api/recall' : null, {
    machineId,
    from: zonedDayBoundary(fromDay, zone, 'start'),
    to: zonedDayBoundary(toDay, zone, 'end'),
  });
  return (
    <>
      <Section title={t('recall.machine.title')} testId="recall-by-machine">
        <form className="form form-filters" onSubmit={(event) => event.preventDefault()}>
          <SelectField
            label={t('recall.machine.machine')}
            name="machineId"
            value={machineId}
            onChange={(event) => onChange({ machineId: event.target.value })}
            hint={machines.loading ? t('state.loading') : undefined}
            error={machines.error?.message}
            liveHint
          >
            <option value="" disabled>
              {t('recall.machine.choose')}
            </option>
            {machines.items.map((m) => (
              <option key={m.id} value={m.id}>
                {m.name} ({m.code}) · {m.siteCode}
              </option>
            ))}
          </SelectField>
          <Field label={t('recall.machine.from')}>
            {(control) => (
              <input
                type="date"
                name="from"
                value={fromDay}
                max={toDay}
                onChange={(event) => onChange({ from: event.target.value })}
                {...control}
              />
            )}
          </Field>
          <Field label={t('recall.machine.to')}>
            {(control) => (
              <input
                type="date"
                name="to"
                value={toDay}
                min={fromDay}
                onChange={(event) => onChange({ to: event.target.value })}
                {...control}
              />
            )}
          </Field>
        </form>
      </Section>
      {machineId && <Affected recall={recall} />}
    </>
  );
}

function Affected({ recall }: { recall: Resource<RecallT> }) {
  const { t, locale } = useI18n();
  const productName = useProductName();
  const kindName = useKindName();
  return (
    <Section title={t('recall.affected')} testId="recall-affected">
      <Loaded resource={recall}>
        {(r) =>
          r.items.length === 0 ? (
            <EmptyState title={t('recall.empty.title')}>{t('recall.empty.body')}</EmptyState>
          ) : (
            <>
              <p data-testid="recall-count">{t('recall.count', { count: r.items.length })}</p>
              <DataTable
                caption={t('recall.affected')}
                testId="recall-table"
                rows={r.items}
                rowKey={(l) => l.id}
                columns={[
                  {
                    key: 'code',
                    header: t('lot.code'),
                    render: (l) => (
                      <Link to={lotPath(l.id)} className="lot-code" data-testid="recall-lot-link">
                        {l.code}
                      </Link>
                    ),
                  },
                  {
                    key: 'product',
                    header: t('toll.field.product'),
                    render: (l) =>
                      `${productName(l.productType, l.productName)} · ${kindName(l.kind)}`,
                  },
                  {
                    key: 'owner',
                    header: t('toll.field.owner'),
                    render: (l) => l.ownerName ?? t('lot.pooled'),
                  },
                  {
                    key: 'status',
                    header: t('lot.status'),
                    render: (l) => <LotStatusChip status={l.status} />,
                  },
                  {
                    key: 'onSite',
                    header: t('recall.onSite'),
                    className: 'numeric',
                    render: (l) => formatKg(l.remainingKg, locale),
                  },
                  {
                    key: 'gone',
                    header: t('recall.wentTo'),
                    render: (l) =>
                      l.handedOverKg > 0
                        ? `${formatKg(l.handedOverKg, locale)} → ${l.handedTo.join(', ')}`
                        : t('recall.notHandedOver'),
                  },
                ]}
              />
            </>
          )
        }
      </Loaded>
    </Section>
  );
}
