// @vitest-environment jsdom
import { cleanup, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { I18nProvider } from '../../i18n/i18n-context.js';
import { BudgetBar } from './budget-bar.js';

afterEach(cleanup);

function bar(budget: number, realisation: number, locale: 'id' | 'en' = 'id') {
  render(
    <I18nProvider initialLocale={locale}>
      <BudgetBar budget={budget} realisation={realisation} />
    </I18nProvider>,
  );
  return {
    root: screen.getByTestId('budget-bar'),
    fill: screen.getByTestId('budget-fill'),
    meter: screen.getByRole('meter'),
  };
}

describe('budget bar', () => {
  it('fills the share realised, with the amounts in Rupiah', () => {
    const { root, fill, meter } = bar(2_000_000_000, 500_000_000);
    expect(fill.style.width).toBe('25%');
    expect(meter.getAttribute('aria-valuenow')).toBe('25');
    expect(root.textContent).toBe('Rp500.000.000 dari Rp2.000.000.000 (25%)');
    expect(root.getAttribute('data-over')).toBe('false');
  });

  it('is full and red beyond the budget, and says so', () => {
    const { root, fill } = bar(1_000_000, 1_250_000, 'en');
    expect(fill.style.width).toBe('100%');
    expect(root.className).toContain('budget-bar-over');
    expect(root.textContent).toBe('Rp1.250.000 of Rp1.000.000 (125%) · over budget');
  });

  it('stays empty with nothing realised and copes with a zero budget', () => {
    expect(bar(1_000_000, 0).fill.style.width).toBe('0%');
    cleanup();
    expect(bar(0, 0).root.textContent).toContain('Rp0 dari Rp0');
  });
});
