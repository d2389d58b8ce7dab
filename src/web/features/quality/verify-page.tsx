/**
 * /verify/:token — public, the page behind a certificate's QR code: anyone holding the paper
 * (a buyer's receiving clerk, an auditor) checks without an account that the certificate was
 * issued by RPB and is unchanged, and reads what it certifies: lot, product, owner, standard
 * and every result. Like the login it carries its own language switch; the content is the
 * certificate's as issued (names in Indonesian and English), its times in the issuing site's
 * zone (WIB, WITA or WIT, labelled).
 */
import { Link, useParams } from 'react-router';
import { useSession } from '../../app/session-context.js';
import { ErrorBanner } from '../../components/error-banner.js';
import { LanguageSwitch } from '../../components/language-switch.js';
import { Loading } from '../../components/loading.js';
import { Page, Section } from '../../components/page.js';
import { useI18n } from '../../i18n/i18n-context.js';
import { formatDateTime } from '../../lib/format.js';
import { useResource } from '../../lib/use-resource.js';
import { formatDecimal } from '../toll/quantity.js';
import { VerdictMark } from './inspections-section.js';
import type { VerificationT } from './types.js';

const TOKEN = /^[A-Za-z0-9_-]{20,100}$/;

export function VerifyPage() {
  const { t } = useI18n();
  const { state } = useSession();
  const { token = '' } = useParams();
  const valid = TOKEN.test(token);
  const result = useResource<VerificationT>(
    valid ? `/api/public/certificates/${encodeURIComponent(token)}` : null,
  );
  return (
    <main className="standalone verify" id="main">
      <div className="login-top">
        <span className="brand">RPB</span>
        <LanguageSwitch />
      </div>
      <Page title={t('verify.title')} lead={t('verify.lead')}>
        {!valid ? (
          <NotFound />
        ) : result.loading ? (
          <Loading label={t('verify.checking')} />
        ) : result.data ? (
          <Verification v={result.data} />
        ) : result.error?.status === 404 ? (
          <NotFound />
        ) : (
          <ErrorBanner error={result.error} onRetry={result.reload} />
        )}
        <p className="verify-foot">
          <Link to={state.status === 'signed_in' ? '/' : '/login'}>
            {state.status === 'signed_in' ? t('verify.toApp') : t('verify.toLogin')}
          </Link>
        </p>
      </Page>
    </main>
  );
}

function NotFound() {
  const { t } = useI18n();
  return (
    <div
      className="verify-banner verify-banner-bad"
      data-testid="verify-result"
      data-genuine="unknown"
    >
      <p className="verify-banner-title">{t('verify.notFound.title')}</p>
      <p>{t('verify.notFound.body')}</p>
    </div>
  );
}

function Verification({ v }: { v: VerificationT }) {
  const { t, locale } = useI18n();
  return (
    <>
      <div
        className={v.genuine ? 'verify-banner verify-banner-ok' : 'verify-banner verify-banner-bad'}
        data-testid="verify-result"
        data-genuine={v.genuine ? 'true' : 'false'}
        role="status"
      >
        <p className="verify-banner-title">
          <span aria-hidden="true">{v.genuine ? '✓ ' : '✗ '}</span>
          {t(v.genuine ? 'verify.genuine' : 'verify.altered')}
        </p>
        <p>{t(v.genuine ? 'verify.genuineBody' : 'verify.alteredBody', { number: v.number })}</p>
      </div>
      <Section title={t('verify.certificate')} testId="verify-certificate">
        <dl className="facts">
          <dt>{t('coa.number')}</dt>
          <dd data-testid="verify-number">{v.number}</dd>
          <dt>{t('coa.issuedAt')}</dt>
          <dd data-testid="verify-issued">{formatDateTime(v.issuedAt, v.timeZone, locale)}</dd>
          <dt>{t('lot.code')}</dt>
          <dd data-testid="verify-lot">{v.lotCode}</dd>
          <dt>{t('toll.field.product')}</dt>
          <dd data-testid="verify-product">{v.product}</dd>
          <dt>{t('toll.field.quantity')}</dt>
          <dd>{formatDecimal(v.quantityKg, locale)} kg</dd>
          <dt>{t('toll.field.owner')}</dt>
          <dd data-testid="verify-owner">{v.owner ?? t('lot.pooled')}</dd>
          <dt>{t('verify.site')}</dt>
          <dd>{v.site}</dd>
          <dt>{t('inspection.specification')}</dt>
          <dd>{v.specification}</dd>
          <dt>{t('verify.standard')}</dt>
          <dd data-testid="verify-standard">{v.standard}</dd>
          <dt>{t('verify.verdict')}</dt>
          <dd data-testid="verify-verdict">
            <span className={`state-chip verdict-${v.verdict === 'pass' ? 'pass' : 'fail'}`}>
              {t(v.verdict === 'pass' ? 'verify.meets' : 'verify.doesNotMeet', {
                standard: v.standard,
              })}
            </span>
          </dd>
        </dl>
      </Section>
      <Section title={t('inspection.results')} testId="verify-results">
        <table className="results-table">
          <caption className="visually-hidden">{t('inspection.results')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('inspection.characteristic')}</th>
              <th scope="col" className="numeric">
                {t('inspection.value')}
              </th>
              <th scope="col">
                <span className="visually-hidden">{t('inspection.verdict')}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {v.results.map((r) => (
              <tr key={r.name} data-testid="result-row">
                <td>
                  {r.name}
                  <span className="results-requirement">
                    {t('inspection.requirement')}: {locale === 'en' ? r.requirementEn : r.requirement}
                    {r.unit && r.unit !== '-' ? ` (${r.unit})` : ''}
                  </span>
                </td>
                <td className="numeric">
                  {r.value}
                  {r.unit && r.unit !== '-' && /\d$/.test(r.value) ? `\u00a0${r.unit}` : ''}
                </td>
                <td>
                  <VerdictMark passed={r.passed} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </Section>
    </>
  );
}
