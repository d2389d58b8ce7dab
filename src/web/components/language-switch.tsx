/**
 * The language switch, in the header and on the login page. Each option is written in its own
 * language, so someone who cannot read the current one still finds theirs.
 */
import { useState } from 'react';
import { useSession } from '../app/session-context.js';
import { useI18n } from '../i18n/i18n-context.js';
import { LOCALES, type Locale } from '../lib/contracts.js';

const NATIVE_NAMES: Record<Locale, string> = { id: 'Bahasa Indonesia', en: 'English' };

export function LanguageSwitch() {
  const { locale, t } = useI18n();
  const { changeLocale } = useSession();
  const [failed, setFailed] = useState(false);
  return (
    <div className="language-switch">
      <label>
        <span className="visually-hidden">{t('language.label')}</span>
        <select
          data-testid="language-switch"
          value={locale}
          onChange={(event) => {
            setFailed(false);
            // The UI switches at once; saving to the profile may fail without undoing it.
            changeLocale(event.target.value as Locale).catch(() => setFailed(true));
          }}
        >
          {LOCALES.map((option) => (
            <option key={option} value={option} lang={option}>
              {NATIVE_NAMES[option]}
            </option>
          ))}
        </select>
      </label>
      {failed && (
        <span className="field-error" role="alert">
          {t('language.notSaved')}
        </span>
      )}
    </div>
  );
}
