import { useI18n } from '../../i18n/i18n-context.js';
import type { TimeZone } from '../../lib/contracts.js';
import { formatTime, zoneLabel } from '../../lib/format.js';
import { useNow } from '../../lib/use-now.js';

/** The current wall-clock time at a site, e.g. "09.05 WITA", ticking each minute. */
export function SiteClock({ timeZone }: { timeZone: TimeZone }) {
  const { locale } = useI18n();
  const now = useNow();
  return (
    <time className="nowrap" dateTime={now.toISOString()} data-zone={zoneLabel(timeZone)}>
      {formatTime(now, timeZone, locale)}
    </time>
  );
}
