/**
 * /lots/:id/label — the label stuck on a sack, drum or jerry can: the lot code in large type
 * and a QR code that opens the lot's page (genealogy, quality, certificate) on a phone. Printed
 * from the browser; the address is printed too, for a phone without a scanner.
 */
import { Link, useParams } from 'react-router';
import { Loaded } from '../../components/loaded.js';
import { Page } from '../../components/page.js';
import { useI18n } from '../../i18n/i18n-context.js';
import { dayIn, formatDate } from '../../lib/format.js';
import { useResource } from '../../lib/use-resource.js';
import { LotStatusChip, useProductName } from './lot-status.js';
import { formatKg } from './quantity.js';
import { QrCode } from './qr-code.js';
import { useSiteZones } from './site-zone.js';
import { lotApi, lotPath, type LotT } from './types.js';

export function LabelPage() {
  const { t } = useI18n();
  const { id = '' } = useParams();
  const lot = useResource<LotT>(lotApi(id));
  return (
    <Page
      title={t('label.title')}
      lead={t('label.lead')}
      actions={
        <div className="button-row no-print">
          <button type="button" onClick={() => window.print()} data-testid="print">
            {t('toll.print')}
          </button>
          <Link to={lotPath(id)} className="link-button link-button-secondary">
            {t('toll.backToLot')}
          </Link>
        </div>
      }
    >
      <Loaded resource={lot}>{(l) => <LotLabel lot={l} />}</Loaded>
    </Page>
  );
}

function LotLabel({ lot }: { lot: LotT }) {
  const { t, locale } = useI18n();
  const productName = useProductName();
  const { zoneOf } = useSiteZones();
  const url = `${window.location.origin}${lotPath(lot.id)}`;
  return (
    <article className="lot-label" data-testid="lot-label">
      <QrCode url={url} label={t('label.qrAlt', { code: lot.code })} size={176} />
      <div className="lot-label-text">
        <p className="lot-code-big">{lot.code}</p>
        <p>
          <strong>{productName(lot.productType, lot.productName)}</strong> ·{' '}
          {formatKg(lot.quantityKg, locale)}
        </p>
        <p>{lot.ownerName ?? t('lot.pooled')}</p>
        <p>
          {lot.siteCode} · {formatDate(dayIn(lot.receivedAt, zoneOf(lot.siteId)), locale)}
        </p>
        <p className="no-print">
          <LotStatusChip status={lot.status} />
        </p>
        <p className="lot-label-url">{url}</p>
      </div>
    </article>
  );
}
