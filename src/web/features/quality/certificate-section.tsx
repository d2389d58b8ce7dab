/**
 * The certificate of analysis of an output lot: once the lot is released (its latest final
 * inspection passed), the site's staff issue it; then everyone who sees the lot downloads the
 * PDF in Indonesian or English, and its QR code leads anyone holding the paper to the public
 * verification page. Staff also find the lab reports behind it there.
 */
import { useState } from 'react';
import { useApi } from '../../app/session-context.js';
import { ErrorBanner } from '../../components/error-banner.js';
import { Loading } from '../../components/loading.js';
import { Section } from '../../components/page.js';
import { useI18n } from '../../i18n/i18n-context.js';
import { formatDateTime } from '../../lib/format.js';
import { useResource } from '../../lib/use-resource.js';
import { useSubmit } from '../../lib/use-submit.js';
import { QrCode } from '../toll/qr-code.js';
import { useSiteZones } from '../toll/site-zone.js';
import { lotApi, type LotT } from '../toll/types.js';
import { CertificateLabReports } from './lab-reports.js';
import { certificatePdf, type CertificateT } from './types.js';

export function CertificateSection({
  lot,
  staff,
  onChanged,
}: {
  lot: LotT;
  staff: boolean;
  onChanged: () => void;
}) {
  const { t } = useI18n();
  const api = useApi();
  const certificate = useResource<CertificateT>(`${lotApi(lot.id)}/certificate`);
  const [issued, setIssued] = useState<CertificateT | null>(null);
  const issue = useSubmit(async () => {
    const created = await api.post<CertificateT>(`${lotApi(lot.id)}/certificate`);
    setIssued(created);
    certificate.replace(created);
    onChanged();
  });
  // "No certificate yet" is an answer, not a failure.
  const none = certificate.error?.code === 'coa_not_found';
  const current = issued ?? certificate.data;
  if (lot.kind === 'intake' && !current) return null;

  return (
    <Section title={t('coa.title')} testId="lot-certificate">
      {certificate.loading ? (
        <Loading label={t('state.loading')} />
      ) : current ? (
        <>
          <Certificate certificate={current} siteId={lot.siteId} />
          {staff && <CertificateLabReports lotId={lot.id} />}
        </>
      ) : none ? (
        <>
          <p className="muted" data-testid="coa-none">
            {t(lot.status === 'released' ? 'coa.none.released' : 'coa.none.notReleased')}
          </p>
          <ErrorBanner error={issue.error} />
          {staff && lot.status === 'released' && (
            <button
              type="button"
              className="button-large"
              disabled={issue.pending}
              aria-busy={issue.pending}
              data-testid="coa-issue"
              onClick={() => void issue.submit(undefined)}
            >
              {issue.pending ? t('action.saving') : t('coa.issue')}
            </button>
          )}
        </>
      ) : (
        <ErrorBanner error={certificate.error} onRetry={certificate.reload} />
      )}
    </Section>
  );
}

function Certificate({ certificate, siteId }: { certificate: CertificateT; siteId: string }) {
  const { t, locale } = useI18n();
  const { zoneOf } = useSiteZones();
  return (
    <div className="certificate-box">
      <div>
        <dl className="facts">
          <dt>{t('coa.number')}</dt>
          <dd data-testid="coa-number">{certificate.number}</dd>
          <dt>{t('coa.issuedAt')}</dt>
          <dd>{formatDateTime(certificate.issuedAt, zoneOf(siteId), locale)}</dd>
          <dt>{t('coa.hash')}</dt>
          <dd>
            <code title={certificate.contentSha256}>{certificate.contentSha256.slice(0, 16)}…</code>
          </dd>
        </dl>
        <div className="button-row">
          <a
            className="link-button"
            href={certificatePdf(certificate.id, 'id')}
            download
            data-testid="coa-pdf-id"
          >
            {t('coa.pdfId')}
          </a>
          <a
            className="link-button link-button-secondary"
            href={certificatePdf(certificate.id, 'en')}
            download
            data-testid="coa-pdf-en"
          >
            {t('coa.pdfEn')}
          </a>
          <a
            className="link-button link-button-secondary"
            href={certificate.verifyUrl}
            target="_blank"
            rel="noreferrer"
            data-testid="coa-verify"
          >
            {t('coa.verify')}
          </a>
        </div>
      </div>
      <QrCode
        url={certificate.verifyUrl}
        label={t('coa.qrAlt', { number: certificate.number })}
        size={120}
      />
    </div>
  );
}
