/**
 * Monthly revenue by machine as stacked bars, drawn as plain SVG (no chart library): one bar
 * per month of the year, one colour per machine, a legend with each machine's year total. The
 * SVG scales to the width of a phone; every bar segment has a tooltip (<title>) and the same
 * numbers are in the table beside it for screen readers.
 */
import { useI18n } from '../../i18n/i18n-context.js';
import { formatRupiah } from '../../lib/format.js';
import type { RevenueT } from './types.js';

const COLOURS = [
  '#0f5f4a',
  '#175cd3',
  '#b54708',
  '#6a1b9a',
  '#a3195b',
  '#067647',
  '#364152',
  '#c4320a',
];

export interface Series {
  key: string;
  machineName: string | null;
  siteCode: string;
  colour: string;
  total: number;
  subsidies: number;
  /** Net revenue per month, January first. */
  months: number[];
}

export interface ChartModel {
  months: string[];
  series: Series[];
  monthTotals: number[];
  /** The top of the scale: a round number at or above the largest month. */
  max: number;
}

/** The smallest of 1, 2, 2.5, 5 × 10^k that is at least `value` (0 stays 0). */
export function niceCeiling(value: number): number {
  if (value <= 0) return 0;
  const power = 10 ** Math.floor(Math.log10(value));
  for (const step of [1, 2, 2.5, 5, 10]) if (step * power >= value) return step * power;
  return 10 * power;
}

/** Groups the report's rows into one series per machine (and site) over the twelve months. */
export function revenueChartModel(report: RevenueT): ChartModel {
  const months = Array.from(
    { length: 12 },
    (_, i) => `${report.year}-${String(i + 1).padStart(2, '0')}`,
  );
  const byKey = new Map<string, Series>();
  for (const row of report.rows) {
    const key = `${row.siteId}:${row.machineId ?? '-'}`;
    let series = byKey.get(key);
    if (!series) {
      series = {
        key,
        machineName: row.machineName,
        siteCode: row.siteCode,
        colour: COLOURS[byKey.size % COLOURS.length] ?? '#0f5f4a',
        total: 0,
        subsidies: 0,
        months: months.map(() => 0),
      };
      byKey.set(key, series);
    }
    const index = months.indexOf(row.month);
    if (index >= 0) series.months[index] = (series.months[index] ?? 0) + row.net;
    series.total += row.net;
    series.subsidies += row.subsidies;
  }
  const series = [...byKey.values()];
  const monthTotals = months.map((_, i) => series.reduce((sum, s) => sum + (s.months[i] ?? 0), 0));
  return { months, series, monthTotals, max: niceCeiling(Math.max(0, ...monthTotals)) };
}

/** "Rp1,5 jt", "Rp750 rb" (id) / "Rp1.5m", "Rp750k" (en): axis labels that fit a phone. */
export function compactRupiah(value: number, locale: 'id' | 'en'): string {
  const units =
    locale === 'id'
      ? [
          [1e12, ' T'],
          [1e9, ' M'],
          [1e6, ' jt'],
          [1e3, ' rb'],
        ]
      : [
          [1e12, 'tn'],
          [1e9, 'bn'],
          [1e6, 'm'],
          [1e3, 'k'],
        ];
  for (const [size, unit] of units as [number, string][]) {
    if (Math.abs(value) >= size) {
      const text = new Intl.NumberFormat(locale === 'id' ? 'id-ID' : 'en-GB', {
        maximumFractionDigits: 1,
      }).format(value / size);
      return `Rp${text}${unit}`;
    }
  }
  return formatRupiah(value);
}

// A narrow drawing (it scales to the width of the card), so its labels stay legible on a phone.
const WIDTH = 480;
const HEIGHT = 250;
const LEFT = 74;
const BOTTOM = 28;
const TOP = 12;

export function RevenueChart({ report }: { report: RevenueT }) {
  const { t, locale } = useI18n();
  const model = revenueChartModel(report);
  const plotHeight = HEIGHT - TOP - BOTTOM;
  const slot = (WIDTH - LEFT - 8) / 12;
  const barWidth = slot * 0.62;
  const y = (value: number) => (model.max === 0 ? 0 : (value / model.max) * plotHeight);
  const ticks = [0, 0.25, 0.5, 0.75, 1].map((f) => f * model.max);
  const monthName = (month: string) =>
    new Intl.DateTimeFormat(locale === 'id' ? 'id-ID' : 'en-GB', {
      timeZone: 'UTC',
      month: 'short',
    }).format(new Date(`${month}-01T00:00:00Z`));
  const label = (s: Series) =>
    `${s.machineName ?? t('revenue.otherCharges')}${
      new Set(model.series.map((x) => x.siteCode)).size > 1 ? ` · ${s.siteCode}` : ''
    }`;

  return (
    <figure className="revenue-chart" data-testid="revenue-chart">
      <svg
        viewBox={`0 0 ${WIDTH} ${HEIGHT}`}
        role="img"
        aria-label={t('revenue.chartLabel', {
          year: report.year,
          total: formatRupiah(report.total),
        })}
      >
        {ticks.map((tick) => (
          <g key={tick}>
            <line
              x1={LEFT}
              x2={WIDTH - 4}
              y1={TOP + plotHeight - y(tick)}
              y2={TOP + plotHeight - y(tick)}
              className="chart-grid"
            />
            <text
              x={LEFT - 6}
              y={TOP + plotHeight - y(tick) + 4}
              textAnchor="end"
              className="chart-axis"
            >
              {compactRupiah(tick, locale)}
            </text>
          </g>
        ))}
        {model.months.map((month, i) => {
          const x = LEFT + i * slot + (slot - barWidth) / 2;
          let base = TOP + plotHeight;
          return (
            <g key={month} data-month={month}>
              {model.series.map((s) => {
                const value = s.months[i] ?? 0;
                if (value <= 0) return null;
                const h = y(value);
                base -= h;
                return (
                  <rect
                    key={s.key}
                    x={x}
                    y={base}
                    width={barWidth}
                    height={h}
                    fill={s.colour}
                    data-testid="revenue-bar"
                  >
                    <title>{`${monthName(month)} · ${label(s)}: ${formatRupiah(value)}`}</title>
                  </rect>
                );
              })}
              <text x={x + barWidth / 2} y={HEIGHT - 8} textAnchor="middle" className="chart-axis">
                {monthName(month).slice(0, 3)}
              </text>
            </g>
          );
        })}
      </svg>
      <figcaption>
        <ul className="chart-legend">
          {model.series.map((s) => (
            <li key={s.key}>
              <span className="chart-swatch" style={{ background: s.colour }} aria-hidden="true" />
              {label(s)}: <strong className="nowrap">{formatRupiah(s.total)}</strong>
            </li>
          ))}
        </ul>
      </figcaption>
    </figure>
  );
}
