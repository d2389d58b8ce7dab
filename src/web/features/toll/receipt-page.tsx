/**
 * /lots/:id/receipt — the intake receipt (tanda terima bahan), made to be printed: the lot
 * code, owner, product, quantity, moisture and grade, when it was received in the site's zone
 * and by whom, the photos taken at intake, and two signature boxes (the owner hands over, the site receives). On screen a
 * "Cetak" button opens the browser's print dialog; the menu and buttons do not print.
 */
import { Link, useParams } from 'react-router';
import { Loaded } from '../../components/loaded.js';
import { Page } from '../../components/page.js';
import { useI18n } from '../../i18n/i18n-context.js';
import { formatDateTime } from '../../lib/format.js';
import { useResource } from '../../lib/use-resource.js';
import { useKindName, useProductName } from './lot-status.js';
import { formatDecimal, formatKg } from './quantity.js';
import { ReceiptPhotos } from './lot-photos.js';
import { QrCode } from './qr-code.js';
import { useSiteZones } from './site-zone.js';
import { lotApi, lotPath, type LotT } from './types.js';

export function ReceiptPage() {
  const { t } = useI18n();
  const { id = '' } = useParams();
  const lot = useResource<LotT>(lotApi(id));
  return (
    <Page
      title={t('receipt.title')}
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
      <Loaded resource={lot}>{(l) => <Receipt lot={l} />}</Loaded>
    </Page>
  );
}

function Receipt({ lot }: { lot: LotT }) {
  const { t, locale } = useI18n();
  const { siteOf, zoneOf } = useSiteZones();
  const productName = useProductName();
  const kindName = useKindName();
  const site = siteOf(lot.siteId);
  const url = `${window.location.origin}${lotPath(lot.id)}`;
  return (
    <article className="card print-doc" data-testid="receipt">
      <header className="print-doc-head">
        <div>
          <p className="print-doc-site">
            {site ? `${site.name} (${site.code})` : lot.siteCode}
            {site?.operatorName && ` · ${site.operatorName}`}
          </p>
          <h2 className="print-doc-title">{t('receipt.heading')}</h2>
          <p className="lot-code-big" data-testid="receipt-code">
            {lot.code}
          </p>
        </div>
        <QrCode url={url} label={t('label.qrAlt', { code: lot.code })} size={96} />
      </header>
      <dl className="facts">
        <dt>{t('toll.field.owner')}</dt>
        <dd data-testid="receipt-owner">{lot.ownerName ?? t('lot.pooled')}</dd>
        <dt>{t('toll.field.product')}</dt>
        <dd>
          {productName(lot.productType, lot.productName)} · {kindName(lot.kind)}
        </dd>
        <dt>{t('toll.field.quantity')}</dt>
        <dd data-testid="receipt-quantity">
          <strong>{formatKg(lot.quantityKg, locale)}</strong>
        </dd>
        <dt>{t('toll.field.moisture')}</dt>
        <dd>
          {lot.moisturePercent === null
            ? '—'
            : `${formatDecimal(lot.moisturePercent, locale, 2)} %`}
        </dd>
        <dt>{t('toll.field.grade')}</dt>
        <dd>{lot.grade ?? '—'}</dd>
        <dt>{t('receipt.receivedAt')}</dt>
        <dd data-testid="receipt-time">
          {formatDateTime(lot.receivedAt, zoneOf(lot.siteId), locale)}
        </dd>
        <dt>{t('receipt.receivedBy')}</dt>
        <dd>{lot.receivedBy}</dd>
        {lot.notes && (
          <>
            <dt>{t('toll.field.notes')}</dt>
            <dd>{lot.notes}</dd>
          </>
        )}
      </dl>
      <ReceiptPhotos lot={lot} />
      <p className="print-doc-statement">{t('receipt.statement')}</p>
      <div className="signatures">
        <div className="signature-box">
          <p>{t('receipt.handedBy')}</p>
          <div className="signature-line" />
          <p className="muted">{t('receipt.nameAndSign')}</p>
        </div>
        <div className="signature-box">
          <p>{t('receipt.receivedByStaff')}</p>
          <div className="signature-line" />
          <p className="muted">{lot.receivedBy}</p>
        </div>
      </div>
    </article>
  );
}
