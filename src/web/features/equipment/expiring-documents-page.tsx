/**
 * /equipment/expiring — machine documents that have lapsed or lapse within N days, at the
 * manager's sites, soonest first, so calibrations are renewed before a machine must stop.
 */
import { useState } from 'react';
import { Link } from 'react-router';
import { DataTable, type Column } from '../../components/data-table.js';
import { EmptyState } from '../../components/empty-state.js';
import { SelectField } from '../../components/field.js';
import { Loaded } from '../../components/loaded.js';
import { Page, Section } from '../../components/page.js';
import { useI18n } from '../../i18n/i18n-context.js';
import { formatDate } from '../../lib/format.js';
import { useResource } from '../../lib/use-resource.js';
import type { ExpiringDocumentT } from './types.js';

const WINDOWS = [30, 60, 90] as const;

export function ExpiringDocumentsPage() {
  const { t, locale } = useI18n();
  const [days, setDays] = useState<number>(30);
  const documents = useResource<{ items: ExpiringDocumentT[] }>(
    '/api/equipment/documents/expiring',
    { days, includeExpired: 'true' },
  );
  const columns: Column<ExpiringDocumentT>[] = [
    {
      key: 'machine',
      header: t('equipment.column.machine'),
      render: (d) => (
        <>
          <Link to={`/equipment/${d.machineId}`}>
            <strong>{d.machineName}</strong>
          </Link>
          <span className="muted nowrap"> {d.machineCode}</span>
          <br />
          <span className="muted">{d.siteName}</span>
        </>
      ),
    },
    {
      key: 'document',
      header: t('machine.documents.title'),
      render: (d) => (
        <>
          {d.title}
          <br />
          <span className="muted">
            {t(`documentKind.${d.kind}`)}
            {d.number && ` · ${d.number}`}
          </span>
        </>
      ),
    },
    {
      key: 'expires',
      header: t('machine.documents.expiresOn'),
      render: (d) => (
        <span className={`expiry expiry-${d.daysLeft < 0 ? 'expired' : 'expiring'}`}>
          <span className="nowrap">{d.expiresOn ? formatDate(d.expiresOn, locale) : '—'}</span>
          <span className={`state-chip expiry-chip-${d.daysLeft < 0 ? 'expired' : 'expiring'}`}>
            {d.daysLeft < 0
              ? t('equipment.expiring.overdue', { days: -d.daysLeft })
              : t('equipment.expiring.daysLeft', { days: d.daysLeft })}
          </span>
        </span>
      ),
    },
  ];
  return (
    <Page
      title={t('equipment.expiring.title')}
      lead={t('equipment.expiring.lead')}
      actions={
        <Link to="/equipment" className="link-button link-button-secondary">
          {t('equipment.backToList')}
        </Link>
      }
    >
      <Section title={t('equipment.expiring.list')}>
        <div className="form form-filters">
          <SelectField
            label={t('equipment.expiring.window')}
            name="days"
            value={String(days)}
            onChange={(event) => setDays(Number(event.target.value))}
          >
            {WINDOWS.map((window) => (
              <option key={window} value={window}>
                {t('equipment.expiring.windowDays', { days: window })}
              </option>
            ))}
          </SelectField>
        </div>
        <Loaded resource={documents}>
          {(data) =>
            data.items.length === 0 ? (
              <EmptyState title={t('equipment.expiring.empty.title')}>
                {t('equipment.expiring.empty.body', { days })}
              </EmptyState>
            ) : (
              <DataTable
                caption={t('equipment.expiring.list')}
                columns={columns}
                rows={data.items}
                rowKey={(d) => d.id}
                testId="expiring-table"
              />
            )
          }
        </Loaded>
      </Section>
    </Page>
  );
}
