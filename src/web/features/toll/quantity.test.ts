import { describe, expect, it } from 'vitest';
import { massBalance } from './mass-balance.js';
import { formatKg, parseDecimalInput } from './quantity.js';

describe('quantities typed on the shop floor', () => {
  it.each<[string, number | null | 'invalid']>([
    ['500', 500],
    ['12,5', 12.5],
    ['12.5', 12.5],
    ['1.250', 1250],
    ['1.250,75', 1250.75],
    ['1,250.75', 1250.75],
    ['12.500.000', 12_500_000],
    ['0.962', 0.962],
    [' 7 ', 7],
    ['', null],
    ['12 kg', 'invalid'],
    ['1,2,3', 'invalid'],
    ['abc', 'invalid'],
  ])('reads %j as %j', (text, expected) => {
    expect(parseDecimalInput(text)).toBe(expected);
  });

  it('reads a lab value with a dot as a decimal point when dots are not grouping', () => {
    expect(parseDecimalInput('1.509', { groupedDots: false })).toBe(1.509);
    expect(parseDecimalInput('1.509')).toBe(1509);
    expect(parseDecimalInput('1,509', { groupedDots: false })).toBe(1.509);
  });

  it('prints kilograms in the UI language, to the gram', () => {
    expect(formatKg(1250.5, 'id')).toBe('1.250,5 kg');
    expect(formatKg(1250.5, 'en')).toBe('1,250.5 kg');
    expect(formatKg(0.0004, 'id')).toBe('0 kg');
  });
});

describe('mass balance of a job', () => {
  const leaves = { inputsKg: [500], statedGainKg: 0 };

  it('balances when outputs, by-products and waste add up to the inputs', () => {
    expect(massBalance({ ...leaves, outputsKg: [10, 450], wasteKg: 40 })).toMatchObject({
      inKg: 500,
      outKg: 500,
      excessKg: 0,
      unrecordedKg: 0,
      ok: true,
    });
  });

  it('allows less than went in and says how much is unrecorded', () => {
    expect(massBalance({ ...leaves, outputsKg: [10, 450], wasteKg: 30 })).toMatchObject({
      ok: true,
      unrecordedKg: 10,
    });
  });

  it('refuses an excess beyond the scales’ tolerance (0.5 % of the inputs), counted in grams', () => {
    expect(massBalance({ ...leaves, outputsKg: [10, 450], wasteKg: 42.5 })).toMatchObject({
      ok: true,
      excessKg: 2.5,
      toleranceKg: 2.5,
    });
    const over = massBalance({ ...leaves, outputsKg: [10, 450], wasteKg: 42.501 });
    expect(over).toMatchObject({ ok: false, excessKg: 2.501 });
    // The test of the API: 5 + 190 + 20 out of 200 in is 15 kg too much.
    expect(
      massBalance({ inputsKg: [200], statedGainKg: 0, outputsKg: [5, 190], wasteKg: 20 }),
    ).toMatchObject({ ok: false, excessKg: 15 });
  });

  it('counts a stated gain (water taken up) as input', () => {
    expect(
      massBalance({ ...leaves, statedGainKg: 50, outputsKg: [550], wasteKg: 0 }),
    ).toMatchObject({ ok: true, inKg: 550 });
  });

  it('adds decimals without floating-point drift', () => {
    expect(
      massBalance({ inputsKg: [0.1, 0.2], statedGainKg: 0, outputsKg: [0.3], wasteKg: 0 }),
    ).toMatchObject({ ok: true, excessKg: 0, unrecordedKg: 0 });
  });
});
