/** Qualifications with their expiry and validity; shared by a person's page and a site's. */
import type { ReactNode } from 'react';
import { DataTable, type Column } from '../../components/data-table.js';
import { ExpiryDate } from '../../components/expiry.js';
import { useI18n } from '../../i18n/i18n-context.js';
import { expiryStatus, type ExpiryStatus } from '../../lib/expiry.js';
import { dayIn, formatDate, PLATFORM_TIME_ZONE } from '../../lib/format.js';
import type { QualificationT } from './types.js';

/**
 * The shared expiry highlighting. A qualification lapses ON its expiry day (it is valid up to
 * the day before), so the API's `valid` decides "expired"; the window decides "expiring".
 */
export function qualificationExpiry(q: QualificationT, today: string): ExpiryStatus {
  if (q.status !== 'valid' || !q.valid) return 'expired';
  const status = expiryStatus(q.expiresOn, today);
  return status === 'expired' ? 'expiring' : status;
}

export function QualificationTable({
  qualifications,
  caption,
  showPerson,
  actions,
}: {
  qualifications: readonly QualificationT[];
  caption: string;
  showPerson: boolean;
  /** Buttons for one row (record use, revoke), for those who may change it. */
  actions?: (q: QualificationT) => ReactNode;
}) {
  const { t, locale } = useI18n();
  const today = dayIn(new Date(), PLATFORM_TIME_ZONE);
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
      render: (q) =>
        q.status === 'revoked' ? (
          <span className="nowrap muted">{formatDate(q.expiresOn, locale)}</span>
        ) : (
          <ExpiryDate
            expiresOn={q.expiresOn}
            status={qualificationExpiry(q, today)}
            testId="qualification-expiry"
          />
        ),
    },
    {
      key: 'status',
      header: t('qualifications.status'),
      render: (q) => (
        <>
          <span
            className={`state-chip qualification-${q.status}`}
            data-testid="qualification-status"
            title={q.revokedReason ?? undefined}
          >
            {t(`qualificationStatus.${q.status}`)}
          </span>
          {q.revokedReason && (
            <>
              <br />
              <span className="muted">{q.revokedReason}</span>
            </>
          )}
        </>
      ),
    },
  );
  if (actions) {
    columns.push({ key: 'actions', header: t('table.actions'), render: actions });
  }
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
