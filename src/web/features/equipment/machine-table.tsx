import { Link } from 'react-router';
import { DataTable, type Column } from '../../components/data-table.js';
import { useI18n } from '../../i18n/i18n-context.js';
import { formatCount, formatRupiah } from '../../lib/format.js';
import { MachineStatusChip } from './machine-status.js';
import type { MachineT } from './types.js';

/** Machines as a table (cards on a phone); shared by the equipment list and a site's page. */
export function MachineTable({
  machines,
  caption,
  showSite = true,
}: {
  machines: readonly MachineT[];
  caption: string;
  showSite?: boolean;
}) {
  const { t, locale } = useI18n();
  const columns: Column<MachineT>[] = [
    {
      key: 'name',
      header: t('equipment.column.machine'),
      render: (m) => (
        <>
          <Link to={`/equipment/${m.id}`} data-testid="machine-link">
            <strong>{m.name}</strong>
          </Link>
          <span className="muted nowrap"> {m.code}</span>
        </>
      ),
    },
  ];
  if (showSite) {
    columns.push({
      key: 'site',
      header: t('equipment.column.site'),
      render: (m) => (
        <>
          <Link to={`/sites/${m.siteId}`}>{m.siteName}</Link>
          <br />
          <span className="muted">{m.province}</span>
        </>
      ),
    });
  }
  columns.push(
    {
      key: 'capabilities',
      header: t('equipment.column.capabilities'),
      render: (m) => m.capabilities.map((c) => t(`capability.${c}`)).join(', '),
    },
    {
      key: 'capacity',
      header: t('equipment.column.capacity'),
      render: (m) =>
        m.capacity
          ? t(`machine.capacity.${m.capacity.basis}`, {
              value: formatCount(m.capacity.value, locale),
              unit: m.capacity.unit,
            })
          : '—',
    },
    {
      key: 'rate',
      header: t('equipment.column.rate'),
      className: 'numeric',
      render: (m) => <Rates machine={m} />,
    },
    {
      key: 'status',
      header: t('equipment.column.status'),
      render: (m) => <MachineStatusChip status={m.status} />,
    },
  );
  return (
    <DataTable
      caption={caption}
      columns={columns}
      rows={machines}
      rowKey={(m) => m.id}
      testId="machine-table"
    />
  );
}

/** "Rp150.000/jam · Rp1.200.000/batch", or a dash when the machine has no rate. */
export function Rates({ machine }: { machine: MachineT }) {
  const { t } = useI18n();
  const parts = [];
  if (machine.hourlyRate !== null)
    parts.push(t('machine.rate.perHour', { amount: formatRupiah(machine.hourlyRate) }));
  if (machine.batchRate !== null)
    parts.push(t('machine.rate.perBatch', { amount: formatRupiah(machine.batchRate) }));
  return <span className="nowrap">{parts.length > 0 ? parts.join(' · ') : '—'}</span>;
}
