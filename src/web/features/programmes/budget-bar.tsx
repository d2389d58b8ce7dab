/**
 * Budget against realisation as a bar: the filled share is what has been invested; over budget
 * the bar turns red and is full. Plain CSS, with the numbers beside it for screen readers.
 */
import { useI18n } from '../../i18n/i18n-context.js';
import { formatRupiah } from '../../lib/format.js';

export function BudgetBar({ budget, realisation }: { budget: number; realisation: number }) {
  const { t, locale } = useI18n();
  const share = budget > 0 ? realisation / budget : realisation > 0 ? Infinity : 0;
  const over = share > 1;
  const percent = Number.isFinite(share) ? Math.round(share * 100) : null;
  const width = Math.min(share, 1) * 100;
  const label =
    percent === null
      ? t('programmes.bar.noBudget', { realisation: formatRupiah(realisation) })
      : t('programmes.bar.label', {
          realisation: formatRupiah(realisation),
          budget: formatRupiah(budget),
          percent: percent.toLocaleString(locale === 'id' ? 'id-ID' : 'en-GB'),
        });
  return (
    <div
      className={over ? 'budget-bar budget-bar-over' : 'budget-bar'}
      data-testid="budget-bar"
      data-over={over}
    >
      <div
        className="budget-bar-track"
        role="meter"
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={percent === null ? 100 : Math.min(percent, 100)}
        aria-label={label}
      >
        <div className="budget-bar-fill" style={{ width: `${width}%` }} data-testid="budget-fill" />
      </div>
      <span className="budget-bar-label">
        {label}
        {over && <strong> · {t('programmes.bar.over')}</strong>}
      </span>
    </div>
  );
}
