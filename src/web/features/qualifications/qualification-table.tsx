/** Qualifications with their expiry and validity; shared by a person's page and a site's. */
import { DataTable, type Column } from '../../components/data-table.js';
import { useI18n } from '../../i18n/i18n-context.js';
import { formatDate } from '../../lib/format.js';
import type { QualificationT } from './types.js';

export function QualificationTable({
  qualifications,
  caption,
  showPerson,
}: {
  qualifications: readonly QualificationT[];
  caption: string;
  showPerson: boolean;
}) {
  const { t, locale } = useI18n();
  const columns: Column<QualificationT>[] = [];
  if (showPerson) {
    columns.push({
      key: 'person',
      header: t('qualifications.person'),
      render: (q) => (
        <>
          <strong>{q.personName}</strong>
          <br />
          <span className="muted">{q.organisationName}</span>
        </>
      ),
    });
  }
  columns.push(
    {
      key: 'type',
      header: t('qualifications.machineType'),
      render: (q) => t(`capability.${q.machineType}`),
    },
    {
      key: 'granted',
      header: t('qualifications.granted'),
      render: (q) => (
        <>
          {formatDate(q.grantedOn, locale)}
          <br />
          <span className="muted">{q.siteName}</span>
        </>
      ),
    },
    {
      key: 'lastUsed',
      header: t('qualifications.lastUsed'),
      render: (q) => (q.lastUsedOn ? formatDate(q.lastUsedOn, locale) : '—'),
    },
    {
      key: 'expires',
      header: t('qualifications.expiresOn'),
      render: (q) => <span className="nowrap">{formatDate(q.expiresOn, locale)}</span>,
    },
    {
      key: 'status',
      header: t('qualifications.status'),
      render: (q) => (
        <span
          className={`state-chip qualification-${q.status}`}
          data-testid="qualification-status"
          title={q.revokedReason ?? undefined}
        >
          {t(`qualificationStatus.${q.status}`)}
        </span>
      ),
    },
  );
  return (
    <DataTable
      caption={caption}
      columns={columns}
      rows={qualifications}
      rowKey={(q) => q.id}
      testId="qualification-table"
    />
  );
}
