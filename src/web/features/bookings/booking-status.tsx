/** The status of a booking (or an outage) as a coloured chip, and its time in the site's zone. */
import { useI18n } from '../../i18n/i18n-context.js';
import type { TimeZone } from '../../lib/contracts.js';
import { dayIn, formatDate, formatTimeRange } from '../../lib/format.js';
import { weekdayOf } from './time.js';
import type { BookingStatusT, BookingT } from './types.js';

export function BookingStatusChip({ booking }: { booking: Pick<BookingT, 'status' | 'kind'> }) {
  const { t } = useI18n();
  const status: BookingStatusT = booking.status;
  const label =
    booking.kind === 'outage'
      ? t(status === 'confirmed' ? 'outageStatus.active' : 'outageStatus.lifted')
      : t(`bookingStatus.${status}`);
  return (
    <span
      className={`state-chip booking-status-${status}`}
      data-testid="booking-status"
      data-status={status}
    >
      {label}
    </span>
  );
}

/** "Senin, 21 Jul 2026" — a local date with its weekday. */
export function useDayLabel() {
  const { t, locale } = useI18n();
  return (day: string) =>
    `${t(`weekday.${weekdayOf(day)}` as 'weekday.1')}, ${formatDate(day, locale)}`;
}

/** "Senin, 21 Jul 2026 · 13.00–15.00 WIB". */
export function useSpanLabel() {
  const { locale } = useI18n();
  const dayLabel = useDayLabel();
  return (startsAt: string, endsAt: string, timeZone: TimeZone) =>
    `${dayLabel(dayIn(startsAt, timeZone))} · ${formatTimeRange(startsAt, endsAt, timeZone, locale)}`;
}
