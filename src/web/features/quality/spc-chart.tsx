/**
 * A control chart drawn as plain SVG (no chart library): the points joined in time order, the
 * centre line, the control limits (UCL/LCL, dashed) and the specification limits (dotted)
 * labelled at the right, and every point that completes a Western Electric rule drawn larger
 * in red with its rule numbers above it. The SVG scales to a phone's width; each point has a
 * tooltip and the violations are also listed in words beside the chart.
 */
import { useI18n } from '../../i18n/i18n-context.js';
import { formatDecimal } from '../toll/quantity.js';

export interface ChartPoint {
  index: number;
  value: number;
  label: string;
  rules: readonly number[];
  /** Out of control without a rule number (beyond a range chart's limits). */
  alarm?: boolean;
}

export interface ChartLine {
  kind: 'centre' | 'control' | 'spec';
  name: string;
  value: number;
}

export const CHART = { width: 640, height: 240, left: 52, right: 76, top: 18, bottom: 14 };

/** Where each point and line goes; exported for its test. */
export function chartGeometry(points: readonly ChartPoint[], lines: readonly ChartLine[]) {
  const values = [...points.map((p) => p.value), ...lines.map((l) => l.value)].filter((v) =>
    Number.isFinite(v),
  );
  let min = values.length ? Math.min(...values) : 0;
  let max = values.length ? Math.max(...values) : 1;
  if (max === min) {
    min -= 1;
    max += 1;
  }
  const pad = (max - min) * 0.08;
  min -= pad;
  max += pad;
  const plotW = CHART.width - CHART.left - CHART.right;
  const plotH = CHART.height - CHART.top - CHART.bottom;
  const first = points[0]?.index ?? 0;
  const last = points[points.length - 1]?.index ?? 0;
  const span = Math.max(1, last - first);
  const x = (index: number) =>
    points.length === 1 ? CHART.left + plotW / 2 : CHART.left + ((index - first) / span) * plotW;
  const y = (value: number) => CHART.top + ((max - value) / (max - min)) * plotH;
  return {
    min,
    max,
    points: points.map((p) => ({ ...p, x: x(p.index), y: y(p.value) })),
    lines: lines.filter((l) => Number.isFinite(l.value)).map((l) => ({ ...l, y: y(l.value) })),
  };
}

export function SpcChartView({
  title,
  points,
  lines,
  testId,
}: {
  title: string;
  points: readonly ChartPoint[];
  lines: readonly ChartLine[];
  testId: string;
}) {
  const { t, locale } = useI18n();
  const g = chartGeometry(points, lines);
  const fmt = (v: number) => formatDecimal(v, locale, 2);
  const exact = (v: number) => formatDecimal(v, locale, 4);
  const path = g.points
    .map((p, i) => `${i === 0 ? 'M' : 'L'}${p.x.toFixed(1)},${p.y.toFixed(1)}`)
    .join(' ');
  const flagged = g.points.filter((p) => p.rules.length > 0 || p.alarm);
  return (
    <figure className="spc-chart" data-testid={testId}>
      <svg
        viewBox={`0 0 ${CHART.width} ${CHART.height}`}
        role="img"
        aria-label={t('spc.chartLabel', { title, n: points.length, signals: flagged.length })}
        preserveAspectRatio="xMidYMid meet"
      >
        <rect
          x={CHART.left}
          y={CHART.top}
          width={CHART.width - CHART.left - CHART.right}
          height={CHART.height - CHART.top - CHART.bottom}
          className="spc-plot"
        />
        {g.lines.map((l) => (
          <g
            key={`${l.kind}-${l.name}`}
            className={`spc-line spc-line-${l.kind}`}
            data-line={l.name}
          >
            <line x1={CHART.left} x2={CHART.width - CHART.right} y1={l.y} y2={l.y} />
            <text x={CHART.width - CHART.right + 4} y={l.y + 4}>
              {l.name} {fmt(l.value)}
            </text>
          </g>
        ))}
        <text x={CHART.left - 6} y={CHART.top + 4} className="spc-axis" textAnchor="end">
          {fmt(g.max)}
        </text>
        <text
          x={CHART.left - 6}
          y={CHART.height - CHART.bottom}
          className="spc-axis"
          textAnchor="end"
        >
          {fmt(g.min)}
        </text>
        <path d={path} className="spc-series" />
        {g.points.map((p) => {
          const bad = p.rules.length > 0 || p.alarm;
          return (
            <g key={p.index}>
              <circle
                cx={p.x}
                cy={p.y}
                r={bad ? 5 : 3}
                className={bad ? 'spc-point spc-point-signal' : 'spc-point'}
                data-testid={bad ? 'spc-signal' : undefined}
                data-rules={p.rules.join(',')}
              >
                <title>
                  {p.label} · {exact(p.value)}
                  {p.rules.length > 0 ? ` · ${t('spc.rules', { rules: p.rules.join(', ') })}` : ''}
                </title>
              </circle>
              {p.rules.length > 0 && (
                <text x={p.x} y={p.y - 9} className="spc-rule-label" textAnchor="middle">
                  {p.rules.join(',')}
                </text>
              )}
            </g>
          );
        })}
      </svg>
      <figcaption>{title}</figcaption>
    </figure>
  );
}
