/**
 * What a member owes right now, from its statement (the closing balance up to today): positive
 * is still to pay, negative is credit in its favour. Links to the full statement.
 */
import { Link } from 'react-router';
import { Loaded } from '../../components/loaded.js';
import { useI18n } from '../../i18n/i18n-context.js';
import { dayIn, formatRupiah } from '../../lib/format.js';
import { useResource } from '../../lib/use-resource.js';
import { LATEST_ZONE, type StatementT } from './types.js';

export function statementPath(orgId: string) {
  return `/api/organisations/${encodeURIComponent(orgId)}/statement`;
}

export function BalanceCard({ orgId }: { orgId: string }) {
  const { t } = useI18n();
  const today = dayIn(new Date(), LATEST_ZONE);
  const statement = useResource<StatementT>(statementPath(orgId), { from: today, to: today });
  return (
    <section className="card balance-card" data-testid="balance-card">
      <Loaded resource={statement}>
        {(data) => (
          <>
            <p className="balance-label">
              {data.closing < 0 ? t('balance.credit') : t('balance.owed')}
            </p>
            <p
              className={data.closing > 0 ? 'balance-amount balance-owed' : 'balance-amount'}
              data-testid="balance-amount"
            >
              {formatRupiah(Math.abs(data.closing))}
            </p>
            <p className="muted">{data.closing > 0 ? t('balance.owedHint') : t('balance.clear')}</p>
            <Link to={`/organisations/${orgId}/statement`} data-testid="open-statement">
              {t('balance.statement')}
            </Link>
          </>
        )}
      </Loaded>
    </section>
  );
}
