// @vitest-environment jsdom
import { cleanup, render, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { I18nProvider } from '../../i18n/i18n-context.js';
import { compactRupiah, niceCeiling, RevenueChart, revenueChartModel } from './revenue-chart.js';
import type { RevenueT } from './types.js';

const SITE = '11111111-1111-4111-8111-111111111111';
const KETTLE = '22222222-2222-4222-8222-222222222222';
const DRYER = '33333333-3333-4333-8333-333333333333';

const report: RevenueT = {
  year: 2026,
  rows: [
    {
      month: '2026-01',
      siteId: SITE,
      siteCode: 'ATM-01',
      machineId: KETTLE,
      machineName: 'Ketel suling A',
      net: 675_000,
      subsidies: 0,
    },
    {
      month: '2026-01',
      siteId: SITE,
      siteCode: 'ATM-01',
      machineId: DRYER,
      machineName: 'Pengering',
      net: 25_000,
      subsidies: 25_000,
    },
    {
      month: '2026-02',
      siteId: SITE,
      siteCode: 'ATM-01',
      machineId: KETTLE,
      machineName: 'Ketel suling A',
      net: 1_200_000,
      subsidies: 0,
    },
    {
      month: '2026-02',
      siteId: SITE,
      siteCode: 'ATM-01',
      machineId: null,
      machineName: null,
      net: 340_000,
      subsidies: 0,
    },
  ],
  total: 2_240_000,
};

afterEach(cleanup);

describe('revenue chart', () => {
  it('rounds the scale up to 1, 2, 2.5 or 5 × a power of ten', () => {
    expect(niceCeiling(0)).toBe(0);
    expect(niceCeiling(1_540_000)).toBe(2_000_000);
    expect(niceCeiling(2_100_000)).toBe(2_500_000);
    expect(niceCeiling(700_000)).toBe(1_000_000);
    expect(niceCeiling(5_000)).toBe(5_000);
  });

  it('stacks each machine per month over the twelve months of the year', () => {
    const model = revenueChartModel(report);
    expect(model.months).toHaveLength(12);
    expect(model.series.map((s) => [s.machineName, s.total, s.subsidies])).toEqual([
      ['Ketel suling A', 1_875_000, 0],
      ['Pengering', 25_000, 25_000],
      [null, 340_000, 0],
    ]);
    expect(model.monthTotals.slice(0, 3)).toEqual([700_000, 1_540_000, 0]);
    expect(model.max).toBe(2_000_000);
  });

  it('labels the axis in short Rupiah, miliar as M in Indonesian', () => {
    expect(compactRupiah(1_500_000, 'id')).toBe('Rp1,5 jt');
    expect(compactRupiah(2_000_000_000, 'id')).toBe('Rp2 M');
    expect(compactRupiah(750_000, 'en')).toBe('Rp750k');
    expect(compactRupiah(0, 'id')).toBe('Rp0');
  });

  it('draws one bar segment per machine and month, with a legend of year totals', () => {
    render(
      <I18nProvider initialLocale="id">
        <RevenueChart report={report} />
      </I18nProvider>,
    );
    const chart = screen.getByTestId('revenue-chart');
    expect(within(chart).getAllByTestId('revenue-bar')).toHaveLength(4);
    expect(within(chart).getByRole('img').getAttribute('aria-label')).toContain('Rp2.240.000');
    expect(chart.textContent).toContain('Ketel suling A: Rp1.875.000');
    expect(chart.textContent).toContain('Lainnya (barang, paket, penyesuaian): Rp340.000');
  });
});
