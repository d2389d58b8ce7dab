/**
 * What the site holds in custody, per owner and product (GET /api/stock; a member sees only
 * its own). A pooled lot counts for each owner by share, and the share is said. Rejected,
 * scrapped and returned lots are not stock. Shown on a lot's page: "how much of my material is
 * still here?".
 */
import { EmptyState } from '../../components/empty-state.js';
import { DataTable } from '../../components/data-table.js';
import { Loaded } from '../../components/loaded.js';
import { Section } from '../../components/page.js';
import { useI18n } from '../../i18n/i18n-context.js';
import { formatCount } from '../../lib/format.js';
import { useResource } from '../../lib/use-resource.js';
import { useProductName } from './lot-status.js';
import { formatKg } from './quantity.js';
import type { LotT, StockT } from './types.js';

export function StockSection({ lot }: { lot: LotT }) {
  const { t, locale } = useI18n();
  const productName = useProductName();
  const stock = useResource<StockT>('/api/stock', { siteId: lot.siteId });
  return (
    <Section title={t('stock.title', { site: lot.siteCode })} testId="lot-stock">
      <Loaded resource={stock}>
        {(s) =>
          s.items.length === 0 ? (
            <EmptyState title={t('stock.empty.title')}>{t('stock.empty.body')}</EmptyState>
          ) : (
            <DataTable
              caption={t('stock.title', { site: lot.siteCode })}
              testId="stock-table"
              rows={s.items}
              rowKey={(r) => `${r.ownerOrgId}:${r.productType}`}
              columns={[
                {
                  key: 'owner',
                  header: t('toll.field.owner'),
                  render: (r) => r.ownerName,
                },
                {
                  key: 'product',
                  header: t('toll.field.product'),
                  render: (r) => productName(r.productType, r.productName),
                },
                {
                  key: 'kg',
                  header: t('stock.kg'),
                  className: 'numeric',
                  render: (r) => (
                    <>
                      {formatKg(r.kg, locale)}
                      {r.pooledKg > 0 && (
                        <span className="field-hint" data-testid="stock-pooled">
                          {t('stock.pooledPart', { kg: formatKg(r.pooledKg, locale) })}
                        </span>
                      )}
                    </>
                  ),
                },
                {
                  key: 'lots',
                  header: t('stock.lots'),
                  className: 'numeric',
                  render: (r) => formatCount(r.lots, locale),
                },
              ]}
            />
          )
        }
      </Loaded>
    </Section>
  );
}
