/**
 * /spc — "Grafik kendali (SPC)" for site managers and programme officers: is the process
 * stable and capable? Pick a product, a characteristic of its specification, optionally a
 * machine (and a site), and a chart: I-MR (one value per inspection), X̄-R (values in
 * subgroups) or p (defective share of samples). The chart shows the limits, the points that
 * break a Western Electric rule with the rule's number, and Cp/Cpk against the specification.
 */
import { Link } from 'react-router';
import { EmptyState } from '../../components/empty-state.js';
import { SelectField } from '../../components/field.js';
import { Loaded } from '../../components/loaded.js';
import { Page, Section } from '../../components/page.js';
import { useI18n } from '../../i18n/i18n-context.js';
import { dayIn, formatDate, PLATFORM_TIME_ZONE } from '../../lib/format.js';
import { useCursorList } from '../../lib/use-cursor-list.js';
import { useResource } from '../../lib/use-resource.js';
import { oneOf, useUrlFilters } from '../../lib/use-url-filters.js';
import type { MachineT } from '../equipment/types.js';
import { SiteSelect } from '../organisations/site-select.js';
import { useProductName } from '../toll/lot-status.js';
import { formatDecimal } from '../toll/quantity.js';
import { useSiteZones } from '../toll/site-zone.js';
import { PRODUCT_TYPES } from '../toll/types.js';
import { SpcChartView, type ChartLine, type ChartPoint } from './spc-chart.js';
import type { ChartKindT, SpcChartT, SpecificationItemsT } from './types.js';

const CHARTS: readonly ChartKindT[] = ['imr', 'xbar', 'p'];
const productRank = (code: string) => {
  const i = (PRODUCT_TYPES as readonly string[]).indexOf(code);
  return i < 0 ? PRODUCT_TYPES.length : i;
};

export function SpcPage() {
  const { t, locale } = useI18n();
  const productName = useProductName();
  const { sites, zoneOf } = useSiteZones();
  const specs = useResource<SpecificationItemsT>('/api/specifications');
  const { params, update } = useUrlFilters([
    'productType',
    'characteristicId',
    'machineId',
    'siteId',
    'chart',
    'subgroup',
  ] as const);
  // In the order of the product list (patchouli before cocoa), the way the forms offer them.
  const products = [...new Set((specs.data?.items ?? []).map((s) => s.productType))].sort(
    (a, b) => productRank(a) - productRank(b),
  );
  const productType = params.get('productType') || products[0] || '';
  const chart = oneOf(CHARTS, params.get('chart')) || 'imr';
  const items = (specs.data?.items ?? [])
    .filter((s) => s.productType === productType)
    .flatMap((s) => s.items)
    .filter((i) => chart === 'p' || i.characteristic.kind === 'numeric')
    .filter((i, n, all) => all.findIndex((x) => x.characteristic.id === i.characteristic.id) === n);
  const characteristicId =
    items.find((i) => i.characteristic.id === params.get('characteristicId'))?.characteristic.id ??
    items[0]?.characteristic.id ??
    '';
  const siteId = params.get('siteId') ?? '';
  const machineId = params.get('machineId') ?? '';
  const subgroup = Math.min(10, Math.max(2, Number(params.get('subgroup')) || 5));
  const machines = useCursorList<MachineT>('/api/equipment', { siteId, limit: 200 });
  const result = useResource<SpcChartT>(productType && characteristicId ? '/api/spc' : null, {
    productType,
    characteristicId,
    machineId,
    siteId,
    chart,
    subgroupSize: chart === 'xbar' ? subgroup : undefined,
  });
  const zone = siteId ? zoneOf(siteId) : PLATFORM_TIME_ZONE;
  const characteristic = items.find(
    (i) => i.characteristic.id === characteristicId,
  )?.characteristic;

  return (
    <Page title={t('spc.title')} lead={t('spc.lead')}>
      <Loaded resource={specs}>
        {() =>
          products.length === 0 ? (
            <EmptyState title={t('spc.noSpecs.title')}>{t('spc.noSpecs.body')}</EmptyState>
          ) : (
            <form
              className="form form-filters"
              onSubmit={(e) => e.preventDefault()}
              data-testid="spc-filters"
            >
              <SelectField
                label={t('toll.field.product')}
                name="productType"
                value={productType}
                onChange={(event) =>
                  update({ productType: event.target.value, characteristicId: '' })
                }
              >
                {products.map((p) => (
                  <option key={p} value={p}>
                    {productName(p)}
                  </option>
                ))}
              </SelectField>
              <SelectField
                label={t('spc.characteristic')}
                name="characteristicId"
                value={characteristicId}
                onChange={(event) => update({ characteristicId: event.target.value })}
              >
                {items.map((i) => (
                  <option key={i.characteristic.id} value={i.characteristic.id}>
                    {i.characteristic.name}
                  </option>
                ))}
              </SelectField>
              {sites.items.length > 1 && (
                <SiteSelect
                  sites={sites}
                  label={t('toll.field.site')}
                  name="siteId"
                  value={siteId}
                  onChange={(value) => update({ siteId: value, machineId: '' })}
                  emptyOption={{ label: t('equipment.allSites'), selectable: true }}
                />
              )}
              <SelectField
                label={t('spc.machine')}
                name="machineId"
                value={machineId}
                onChange={(event) => update({ machineId: event.target.value })}
              >
                <option value="">{t('spc.allMachines')}</option>
                {machines.items.map((m) => (
                  <option key={m.id} value={m.id}>
                    {m.name} ({m.code})
                  </option>
                ))}
              </SelectField>
              <fieldset className="chip-group">
                <legend>{t('spc.chart')}</legend>
                {CHARTS.map((c) => (
                  <button
                    key={c}
                    type="button"
                    className="filter-chip"
                    aria-pressed={chart === c}
                    data-testid={`spc-chart-${c}`}
                    onClick={() => update({ chart: c === 'imr' ? '' : c })}
                  >
                    {t(`spc.chart.${c}`)}
                  </button>
                ))}
              </fieldset>
              {chart === 'xbar' && (
                <SelectField
                  label={t('spc.subgroup')}
                  name="subgroup"
                  value={String(subgroup)}
                  onChange={(event) => update({ subgroup: event.target.value })}
                >
                  {[2, 3, 4, 5, 6, 7, 8, 9, 10].map((k) => (
                    <option key={k} value={k}>
                      {k}
                    </option>
                  ))}
                </SelectField>
              )}
            </form>
          )
        }
      </Loaded>
      {characteristicId && (
        <Loaded resource={result}>
          {(r) => (
            <SpcResult
              result={r}
              characteristic={characteristic?.name ?? ''}
              formatDay={(at) => formatDate(dayIn(at, zone), locale)}
            />
          )}
        </Loaded>
      )}
    </Page>
  );
}

function SpcResult({
  result,
  characteristic,
  formatDay,
}: {
  result: SpcChartT;
  characteristic: string;
  formatDay: (at: string) => string;
}) {
  const { t, locale } = useI18n();
  const fmt = (v: number | null, digits = 3) =>
    v === null ? '—' : formatDecimal(v, locale, digits);
  if (result.points.length === 0 || !result.limits)
    return (
      <Section title={t('spc.result')} testId="spc-result">
        <EmptyState
          title={t('spc.empty.title')}
          action={
            <Link to="/lots" className="link-button link-button-secondary">
              {t('nav.lots')}
            </Link>
          }
        >
          {t(result.chart === 'p' ? 'spc.empty.bodyP' : 'spc.empty.body')}
        </EmptyState>
      </Section>
    );
  const unit = result.unit && result.unit !== '-' ? ` ${result.unit}` : '';
  const label = (p: SpcChartT['points'][number]) =>
    `${t('lot.code')} ${p.lotCode} · ${formatDay(p.at)}`;
  const primary: ChartPoint[] = result.points.map((p) => ({
    index: p.index,
    value: p.value,
    label: label(p),
    rules: p.rules,
  }));
  const lines: ChartLine[] = [
    { kind: 'control', name: 'UCL', value: result.limits.ucl },
    {
      kind: 'centre',
      name: result.chart === 'xbar' ? 'X̄̄' : result.chart === 'p' ? 'p̄' : 'X̄',
      value: result.limits.centre,
    },
    { kind: 'control', name: 'LCL', value: result.limits.lcl },
  ];
  if (result.chart !== 'p' && result.spec?.lower !== null && result.spec?.lower !== undefined)
    lines.push({ kind: 'spec', name: 'LSL', value: result.spec.lower });
  if (result.chart !== 'p' && result.spec?.upper !== null && result.spec?.upper !== undefined)
    lines.push({ kind: 'spec', name: 'USL', value: result.spec.upper });
  const secondaryLimits = result.secondary;
  const secondary: ChartPoint[] = secondaryLimits
    ? result.points
        .filter((p) => p.secondary !== null)
        .map((p) => ({
          index: p.index,
          value: p.secondary!,
          label: label(p),
          rules: [],
          alarm: p.secondary! > secondaryLimits.ucl || p.secondary! < secondaryLimits.lcl,
        }))
    : [];
  const cap = result.capability;

  return (
    <>
      <Section title={t('spc.result')} testId="spc-result">
        <ul className="summary-counts">
          <li>
            <strong data-testid="spc-n">{result.n}</strong> {t(`spc.n.${result.chart}`)}
          </li>
          <li className={result.violations.length > 0 ? 'count-invalid' : 'count-valid'}>
            <strong data-testid="spc-violations">{result.violations.length}</strong>{' '}
            {t('spc.signals')}
          </li>
        </ul>
        <SpcChartView
          title={`${characteristic} — ${t(`spc.chart.${result.chart}`)}${unit}`}
          points={primary}
          lines={lines}
          testId="spc-chart"
        />
        {secondaryLimits && secondary.length > 0 && (
          <SpcChartView
            title={t(result.chart === 'xbar' ? 'spc.rangeChart' : 'spc.mrChart')}
            points={secondary}
            lines={[
              { kind: 'control', name: 'UCL', value: secondaryLimits.ucl },
              {
                kind: 'centre',
                name: result.chart === 'xbar' ? 'R̄' : 'MR̄',
                value: secondaryLimits.centre,
              },
              { kind: 'control', name: 'LCL', value: secondaryLimits.lcl },
            ]}
            testId="spc-chart-secondary"
          />
        )}
        <p className="field-hint">{t('spc.legend')}</p>
      </Section>
      <Section title={t('spc.capability')} testId="spc-capability">
        {cap ? (
          <>
            <dl className="capability-grid">
              {(
                [
                  ['Cp', cap.cp],
                  ['Cpk', cap.cpk],
                  ['Pp', cap.pp],
                  ['Ppk', cap.ppk],
                ] as const
              ).map(([name, value]) => (
                <div
                  key={name}
                  className={
                    value !== null && value < 1.33 ? 'capability capability-low' : 'capability'
                  }
                >
                  <dt>{name}</dt>
                  <dd data-testid={`spc-${name.toLowerCase()}`}>{fmt(value, 2)}</dd>
                </div>
              ))}
            </dl>
            <p>
              {t('spc.capabilityFacts', {
                mean: `${fmt(cap.mean)}${unit}`,
                within: fmt(cap.sigmaWithin),
                overall: fmt(cap.sdOverall),
                source: result.spec?.source ?? '—',
              })}
            </p>
            <p className="field-hint">{t('spc.capabilityHint')}</p>
          </>
        ) : (
          <p className="muted">
            {t(result.chart === 'p' ? 'spc.noCapabilityP' : 'spc.noCapability')}
          </p>
        )}
      </Section>
      <Section title={t('spc.violationList')} testId="spc-violation-list">
        {result.violations.length === 0 ? (
          <p className="muted">{t('spc.noViolations')}</p>
        ) : (
          <ul className="plain-list">
            {result.violations.map((v) => {
              const p = result.points.find((x) => x.index === v.index);
              return (
                <li key={`${v.rule}-${v.index}`} data-testid="spc-violation" data-rule={v.rule}>
                  <strong>{t('spc.rule', { rule: v.rule })}</strong> —{' '}
                  {t(`spc.rule.${v.rule}` as 'spc.rule.1')} ·{' '}
                  {t('spc.atPoint', { n: v.index + 1, lot: p?.lotCode ?? '—' })} ·{' '}
                  {t(`spc.side.${v.side}`)}
                </li>
              );
            })}
          </ul>
        )}
      </Section>
    </>
  );
}
