/** Pure money rules of billing: worked examples at the boundaries, then seeded properties. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  applySubsidy,
  billableMinutes,
  customerClassOf,
  debitPacks,
  divideRounded,
  formatInvoiceNumber,
  formatRupiah,
  invoiceTax,
  invoiceTotals,
  lateCancelFee,
  lineAmounts,
  noShowFee,
  PPN_RULES,
  ppnRuleOn,
  STEPS_PER_UNIT,
  tariffFor,
  tariffProblems,
  terbilang,
  terbilangRupiah,
  type CancellationPolicy,
  type CustomerClass,
  type HourPack,
  type LineInput,
  type Subsidy,
  type Tariff,
  type TimeCharge,
} from './billing.js';

/** Seeded, so a failure is reproducible; a few hundred runs keep the file fast. */
const RUNS = { seed: 20260721, numRuns: 300 };
const MIN = 60_000;
const T0 = Date.parse('2026-07-21T01:00:00Z');
const line = (over: Partial<LineInput> = {}): LineInput => ({
  quantity: 60n,
  unitPrice: 100_000n,
  perUnits: 60n,
  discount: 0n,
  subsidy: 0n,
  taxable: true,
  ...over,
});

describe('divideRounded (the one rounding rule: half up)', () => {
  it.each([
    [5n, 2n, 3n],
    [4n, 2n, 2n],
    [7n, 3n, 2n],
    [8n, 3n, 3n],
    [1n, 3n, 0n],
    [0n, 7n, 0n],
    [-5n, 2n, -3n],
    [-7n, 3n, -2n],
  ])('%s / %s = %s', (n, d, q) => expect(divideRounded(n, d)).toBe(q));

  it('refuses a divisor that is not positive', () => {
    expect(() => divideRounded(1n, 0n)).toThrow(RangeError);
    expect(() => divideRounded(1n, -2n)).toThrow(RangeError);
  });

  it('is within half a unit of the exact quotient, ties going up', () => {
    fc.assert(
      fc.property(
        fc.bigInt({ min: 0n, max: 10n ** 20n }),
        fc.bigInt({ min: 1n, max: 10n ** 6n }),
        (n, d) => {
          const q = divideRounded(n, d);
          const diff = q * d - n; // exact: (q − n/d)·d
          expect(2n * diff <= d && 2n * diff > -d).toBe(true);
        },
      ),
      RUNS,
    );
  });
});

describe('formatRupiah (PUEBI)', () => {
  it.each([
    [0n, 'Rp0'],
    [1n, 'Rp1'],
    [999n, 'Rp999'],
    [1000n, 'Rp1.000'],
    [12_345n, 'Rp12.345'],
    [123_456n, 'Rp123.456'],
    [1_234_567n, 'Rp1.234.567'],
    [-1_234_567n, '-Rp1.234.567'],
    [-5n, '-Rp5'],
    [999_999_999_999_999n, 'Rp999.999.999.999.999'],
  ])('%s → %s', (amount, text) => expect(formatRupiah(amount)).toBe(text));

  it('writes ",00" with cents and never a space', () => {
    expect(formatRupiah(1_234_567n, { cents: true })).toBe('Rp1.234.567,00');
    expect(formatRupiah(-1000n, { cents: true })).toBe('-Rp1.000,00');
    expect(formatRupiah(0n, { cents: true })).toBe('Rp0,00');
  });

  it('reads back to the same amount, grouped by three', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: -(10n ** 18n), max: 10n ** 18n }), (n) => {
        const text = formatRupiah(n);
        expect(text).toMatch(/^-?Rp\d{1,3}(\.\d{3})*$/);
        expect(BigInt(text.replace('Rp', '').replaceAll('.', ''))).toBe(n);
      }),
      RUNS,
    );
  });
});

/** An independent reader of Indonesian number words, to check terbilang by round trip. */
function fromWords(text: string): bigint {
  const digits = [
    'nol',
    'satu',
    'dua',
    'tiga',
    'empat',
    'lima',
    'enam',
    'tujuh',
    'delapan',
    'sembilan',
  ];
  const scales: Record<string, bigint> = {
    ribu: 10n ** 3n,
    juta: 10n ** 6n,
    miliar: 10n ** 9n,
    triliun: 10n ** 12n,
    kuadriliun: 10n ** 15n,
  };
  const fixed: Record<string, bigint> = { sepuluh: 10n, sebelas: 11n, seratus: 100n };
  let total = 0n;
  let group = 0n; // the current thousands group
  let unit = 0n; // a digit waiting for ratus/puluh/belas
  for (const w of text.split(' ')) {
    if (digits.includes(w)) unit = BigInt(digits.indexOf(w));
    else if (w in fixed) group += fixed[w]!;
    else if (w === 'ratus') [group, unit] = [group + unit * 100n, 0n];
    else if (w === 'puluh') [group, unit] = [group + unit * 10n, 0n];
    else if (w === 'belas') [group, unit] = [group + 10n + unit, 0n];
    else if (w === 'seribu') total += 1000n;
    else if (w in scales) [total, group, unit] = [total + (group + unit) * scales[w]!, 0n, 0n];
    else throw new Error(`unknown word ${w}`);
  }
  return total + group + unit;
}

describe('terbilang', () => {
  it.each([
    [0n, 'nol'],
    [1n, 'satu'],
    [2n, 'dua'],
    [10n, 'sepuluh'],
    [11n, 'sebelas'],
    [12n, 'dua belas'],
    [19n, 'sembilan belas'],
    [20n, 'dua puluh'],
    [21n, 'dua puluh satu'],
    [99n, 'sembilan puluh sembilan'],
    [100n, 'seratus'],
    [101n, 'seratus satu'],
    [110n, 'seratus sepuluh'],
    [111n, 'seratus sebelas'],
    [199n, 'seratus sembilan puluh sembilan'],
    [200n, 'dua ratus'],
    [1000n, 'seribu'],
    [1001n, 'seribu satu'],
    [1100n, 'seribu seratus'],
    [1999n, 'seribu sembilan ratus sembilan puluh sembilan'],
    [2000n, 'dua ribu'],
    [10_000n, 'sepuluh ribu'],
    [11_000n, 'sebelas ribu'],
    [21_000n, 'dua puluh satu ribu'],
    [100_000n, 'seratus ribu'],
    [101_000n, 'seratus satu ribu'],
    [1_000_000n, 'satu juta'],
    [1_000_001n, 'satu juta satu'],
    [1_001_000n, 'satu juta seribu'],
    [2_500_000n, 'dua juta lima ratus ribu'],
    [1_000_000_000n, 'satu miliar'],
    [1_000_000_000_000n, 'satu triliun'],
    [
      1_234_567_890_123n,
      'satu triliun dua ratus tiga puluh empat miliar lima ratus enam puluh tujuh juta ' +
        'delapan ratus sembilan puluh ribu seratus dua puluh tiga',
    ],
    [
      999_999_999_999_999n,
      'sembilan ratus sembilan puluh sembilan triliun sembilan ratus sembilan puluh sembilan miliar ' +
        'sembilan ratus sembilan puluh sembilan juta sembilan ratus sembilan puluh sembilan ribu ' +
        'sembilan ratus sembilan puluh sembilan',
    ],
    [10n ** 15n, 'satu kuadriliun'],
    [-1500n, 'minus seribu lima ratus'],
  ])('%s → %s', (amount, words) => expect(terbilang(amount)).toBe(words));

  it('refuses amounts of 10¹⁸ and more', () => {
    expect(terbilang(10n ** 18n - 1n)).toMatch(
      /^sembilan ratus sembilan puluh sembilan kuadriliun/,
    );
    expect(() => terbilang(10n ** 18n)).toThrow(RangeError);
  });

  it('capitalises and ends in "rupiah" for invoices', () => {
    expect(terbilangRupiah(1_234_567n)).toBe(
      'Satu juta dua ratus tiga puluh empat ribu lima ratus enam puluh tujuh rupiah',
    );
    expect(terbilangRupiah(0n)).toBe('Nol rupiah');
    expect(terbilangRupiah(1000n)).toBe('Seribu rupiah');
  });

  it('reads back to the amount, with single spaces and "se-" for a lone one', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.bigInt({ min: 0n, max: 100_000n }),
          fc.bigInt({ min: 0n, max: 10n ** 18n - 1n }),
          // Thousands groups biased towards the tricky ones (0, 1, 10, 11, 100, …).
          fc
            .array(fc.oneof(fc.constantFrom(0, 1, 10, 11, 100, 101, 110, 111), fc.nat(999)), {
              minLength: 1,
              maxLength: 6,
            })
            .map((groups) => groups.reduce((n, g) => n * 1000n + BigInt(g), 0n)),
        ),
        (n) => {
          const words = terbilang(n);
          expect(fromWords(words)).toBe(n);
          expect(words).not.toMatch(/ {2}|^ | $/);
          expect(words).not.toMatch(/\bsatu (ratus|puluh|belas)\b/);
          // "satu ribu" only inside a larger group: 21 000 "dua puluh satu ribu", never 1 000.
          expect(words).not.toMatch(/(^|(?<!(puluh|ratus)) )satu ribu\b/);
          expect(words).not.toMatch(/\bse(juta|miliar|triliun)\b/);
        },
      ),
      RUNS,
    );
  });
});

describe('formatInvoiceNumber', () => {
  it('numbers invoices and credit notes per site and year', () => {
    expect(formatInvoiceNumber({ siteCode: 'ATM-01', year: 2026, seq: 123, kind: 'invoice' })).toBe(
      'INV/ATM-01/2026/000123',
    );
    expect(
      formatInvoiceNumber({ siteCode: 'ATM-01', year: 2026, seq: 4, kind: 'credit_note' }),
    ).toBe('CN/ATM-01/2026/000004');
    expect(
      formatInvoiceNumber({ siteCode: 'JBR', year: 2027, seq: 1_234_567, kind: 'invoice' }),
    ).toBe('INV/JBR/2027/1234567');
  });

  it('refuses what would break the number apart', () => {
    const ok = { siteCode: 'ATM-01', year: 2026, seq: 1, kind: 'invoice' } as const;
    expect(() => formatInvoiceNumber({ ...ok, siteCode: 'ATM/01' })).toThrow(RangeError);
    expect(() => formatInvoiceNumber({ ...ok, siteCode: '' })).toThrow(RangeError);
    expect(() => formatInvoiceNumber({ ...ok, seq: 0 })).toThrow(RangeError);
    expect(() => formatInvoiceNumber({ ...ok, seq: 1.5 })).toThrow(RangeError);
    expect(() => formatInvoiceNumber({ ...ok, year: 26 })).toThrow(RangeError);
  });
});

describe('lineAmounts', () => {
  it('prices minutes by the hour without rounding 30 minutes up to an hour', () => {
    expect(lineAmounts(line({ quantity: 30n })).gross).toBe(50_000n);
    expect(lineAmounts(line({ quantity: 90n })).gross).toBe(150_000n);
    expect(lineAmounts(line({ quantity: 0n })).gross).toBe(0n);
  });

  it('rounds the gross half up to a whole Rupiah', () => {
    // 1 minute at Rp50/h = Rp0,8333 → 1; at Rp30/h = Rp0,5 → 1; at Rp29/h = Rp0,48 → 0.
    expect(lineAmounts(line({ quantity: 1n, unitPrice: 50n })).gross).toBe(1n);
    expect(lineAmounts(line({ quantity: 1n, unitPrice: 30n })).gross).toBe(1n);
    expect(lineAmounts(line({ quantity: 1n, unitPrice: 29n })).gross).toBe(0n);
    // 1 250 g at Rp7.000/kg = Rp8.750 exactly; 1 g at Rp500/kg = Rp0,5 → 1.
    expect(lineAmounts(line({ quantity: 1250n, unitPrice: 7000n, perUnits: 1000n })).gross).toBe(
      8750n,
    );
    expect(lineAmounts(line({ quantity: 1n, unitPrice: 500n, perUnits: 1000n })).gross).toBe(1n);
  });

  it('takes discount and subsidy off, clipping the subsidy first so net never goes below 0', () => {
    expect(lineAmounts(line({ discount: 10_000n, subsidy: 20_000n }))).toEqual({
      gross: 100_000n,
      discount: 10_000n,
      subsidy: 20_000n,
      net: 70_000n,
    });
    expect(lineAmounts(line({ discount: 70_000n, subsidy: 50_000n }))).toEqual({
      gross: 100_000n,
      discount: 70_000n,
      subsidy: 30_000n,
      net: 0n,
    });
    expect(lineAmounts(line({ discount: 150_000n, subsidy: 50_000n }))).toEqual({
      gross: 100_000n,
      discount: 100_000n,
      subsidy: 0n,
      net: 0n,
    });
  });

  it('refuses negative amounts and a zero unit step', () => {
    expect(() => lineAmounts(line({ quantity: -1n }))).toThrow(RangeError);
    expect(() => lineAmounts(line({ unitPrice: -1n }))).toThrow(RangeError);
    expect(() => lineAmounts(line({ discount: -1n }))).toThrow(RangeError);
    expect(() => lineAmounts(line({ subsidy: -1n }))).toThrow(RangeError);
    expect(() => lineAmounts(line({ perUnits: 0n }))).toThrow(RangeError);
  });

  it('has steps per unit for every tariff basis', () => {
    expect(STEPS_PER_UNIT).toEqual({ per_hour: 60n, per_kg: 1000n, per_batch: 1n });
  });
});

describe('PPN rules', () => {
  it('picks the rule in force on a date', () => {
    expect(ppnRuleOn(PPN_RULES, '2022-03-31')).toBeNull();
    expect(ppnRuleOn(PPN_RULES, '2022-04-01')?.rateBp).toBe(1100);
    expect(ppnRuleOn(PPN_RULES, '2024-12-31')?.rateBp).toBe(1100);
    expect(ppnRuleOn(PPN_RULES, '2025-01-01')).toMatchObject({
      rateBp: 1200,
      dppNumerator: 11n,
      dppDenominator: 12n,
    });
    expect(ppnRuleOn([...PPN_RULES].reverse(), '2026-07-21')?.from).toBe('2025-01-01');
    expect(() => ppnRuleOn(PPN_RULES, '21/07/2026')).toThrow(RangeError);
  });

  const tax = (base: bigint, date = '2026-07-21') =>
    invoiceTax({
      lines: [line({ quantity: 1n, unitPrice: base, perUnits: 1n })],
      pkp: true,
      date,
      rules: PPN_RULES,
    });

  it.each([
    // base, DPP (base × 11/12, half up), PPN (DPP × 12 %, half up)
    [50_000_000n, 45_833_333n, 5_500_000n], // the DJP example
    [0n, 0n, 0n],
    [1n, 1n, 0n],
    [11n, 10n, 1n],
    [12n, 11n, 1n],
    [6n, 6n, 1n], // DPP 5,5 → 6 (half up)
    [18n, 17n, 2n], // DPP 16,5 → 17
    [100n, 92n, 11n],
    [999_999_999_999n, 916_666_666_666n, 110_000_000_000n],
  ])('12 %% with DPP 11/12: Rp%s → DPP %s → PPN %s', (base, dpp, ppn) => {
    expect(tax(base)).toMatchObject({ base, dpp, ppn });
  });

  it('uses 11 % on the full price before 2025, rounding Rp5,5 up', () => {
    expect(tax(50n, '2024-06-01')).toMatchObject({ dpp: 50n, ppn: 6n });
    expect(tax(49n, '2024-06-01')).toMatchObject({ dpp: 49n, ppn: 5n });
    expect(tax(50_000_000n, '2024-12-31').ppn).toBe(5_500_000n);
  });

  it('rounds once on the sum of the taxable lines, not per line', () => {
    // Rp6 + Rp6 + Rp1. Per line it would be DPP 6 + 6 + 1 = 13 and PPN 1 + 1 + 0 = 2; on the
    // sum it is DPP round(13 × 11/12 = 11,92) = 12 and PPN round(1,44) = 1.
    const r = invoiceTax({
      lines: [6n, 6n, 1n].map((p) => line({ quantity: 1n, unitPrice: p, perUnits: 1n })),
      pkp: true,
      date: '2026-01-10',
      rules: PPN_RULES,
    });
    expect(r).toMatchObject({ base: 13n, dpp: 12n, ppn: 1n });
  });

  it('charges nothing for a non-PKP site or for zero-rated and exempt lines', () => {
    const lines = [line(), line({ taxable: false, unitPrice: 40_000n })];
    expect(invoiceTax({ lines, pkp: false, date: '2026-01-10', rules: PPN_RULES })).toEqual({
      rule: null,
      base: 0n,
      dpp: 0n,
      ppn: 0n,
    });
    expect(invoiceTax({ lines, pkp: true, date: '2026-01-10', rules: PPN_RULES })).toMatchObject({
      base: 100_000n,
      dpp: 91_667n,
      ppn: 11_000n,
    });
  });

  it('taxes the net after discount and subsidy', () => {
    const lines = [line({ discount: 20_000n, subsidy: 30_000n })];
    expect(invoiceTax({ lines, pkp: true, date: '2026-01-10', rules: PPN_RULES }).base).toBe(
      50_000n,
    );
  });

  it('refuses a PKP invoice dated before every rule, but not a non-PKP one', () => {
    const input = { lines: [line()], date: '2020-01-01', rules: PPN_RULES };
    expect(() => invoiceTax({ ...input, pkp: true })).toThrow(/no PPN rule/);
    expect(invoiceTax({ ...input, pkp: false }).ppn).toBe(0n);
  });
});

describe('invoiceTotals', () => {
  it('adds up lines, discounts, subsidies, PPN and total', () => {
    const t = invoiceTotals({
      lines: [
        line({ quantity: 90n, discount: 10_000n, subsidy: 40_000n }), // 150 000 → 100 000
        line({ quantity: 2n, unitPrice: 250_000n, perUnits: 1n, taxable: false }), // 2 batches
      ],
      pkp: true,
      date: '2026-07-21',
      rules: PPN_RULES,
    });
    expect(t).toMatchObject({
      subtotal: 650_000n,
      discounts: 10_000n,
      subsidies: 40_000n,
      net: 600_000n,
      tax: { base: 100_000n, dpp: 91_667n, ppn: 11_000n },
      total: 611_000n,
    });
    expect(t.lines.map((l) => l.net)).toEqual([100_000n, 500_000n]);
  });

  it('is zero for an empty invoice', () => {
    expect(
      invoiceTotals({ lines: [], pkp: true, date: '2026-07-21', rules: PPN_RULES }),
    ).toMatchObject({
      subtotal: 0n,
      net: 0n,
      total: 0n,
    });
  });

  const lineArb = fc.record({
    quantity: fc.bigInt({ min: 0n, max: 100_000n }),
    unitPrice: fc.bigInt({ min: 0n, max: 100_000_000n }),
    perUnits: fc.constantFrom(1n, 60n, 1000n),
    discount: fc.bigInt({ min: 0n, max: 10_000_000_000n }),
    subsidy: fc.bigInt({ min: 0n, max: 10_000_000_000n }),
    taxable: fc.boolean(),
  });
  const invoiceArb = fc.record({
    lines: fc.array(lineArb, { maxLength: 8 }),
    pkp: fc.boolean(),
    date: fc.constantFrom('2022-04-01', '2024-12-31', '2025-01-01', '2026-07-21'),
  });

  it('keeps total = Σ net + PPN and Σ net = subtotal − discounts − subsidies, all ≥ 0', () => {
    fc.assert(
      fc.property(invoiceArb, (inv) => {
        const t = invoiceTotals({ ...inv, rules: PPN_RULES });
        expect(t.total).toBe(t.lines.reduce((a, l) => a + l.net, 0n) + t.tax.ppn);
        expect(t.net).toBe(t.subtotal - t.discounts - t.subsidies);
        const amounts = [
          t.subtotal,
          t.discounts,
          t.subsidies,
          t.net,
          t.tax.base,
          t.tax.dpp,
          t.tax.ppn,
        ];
        for (const l of t.lines) amounts.push(l.gross, l.discount, l.subsidy, l.net);
        expect(amounts.every((a) => a >= 0n)).toBe(true);
        expect(t.tax.dpp <= t.tax.base && t.tax.ppn <= t.tax.dpp && t.tax.base <= t.net).toBe(true);
        if (!inv.pkp) expect(t.tax.ppn).toBe(0n);
      }),
      RUNS,
    );
  });

  it('charges no PPN when every line is zero-rated', () => {
    fc.assert(
      fc.property(invoiceArb, (inv) => {
        const lines = inv.lines.map((l) => ({ ...l, taxable: false }));
        const t = invoiceTotals({ ...inv, lines, pkp: true, rules: PPN_RULES });
        expect(t.tax.ppn).toBe(0n);
        expect(t.total).toBe(t.net);
      }),
      RUNS,
    );
  });
});

describe('billableMinutes', () => {
  const at = (startMin: number, endMin: number) => ({
    start: T0 + startMin * MIN,
    end: T0 + endMin * MIN,
  });
  const charge = (over: Partial<TimeCharge> = {}): TimeCharge => ({
    policy: 'actual',
    booked: at(0, 120),
    actual: at(0, 120),
    slotMinutes: 30,
    rounding: 'slot_up',
    ...over,
  });

  it('bills a 30-minute slot as 30 minutes, never as an hour', () => {
    expect(billableMinutes(charge({ booked: at(0, 30), actual: at(0, 30) }))).toBe(30n);
    expect(
      billableMinutes(charge({ booked: at(0, 30), actual: at(0, 30), policy: 'booked' })),
    ).toBe(30n);
  });

  it('rounds up to the slot, or bills exact minutes', () => {
    expect(billableMinutes(charge({ actual: at(0, 31) }))).toBe(60n);
    expect(billableMinutes(charge({ actual: at(0, 60) }))).toBe(60n);
    expect(billableMinutes(charge({ actual: at(0, 61), slotMinutes: 15 }))).toBe(75n);
    expect(billableMinutes(charge({ actual: at(0, 31), rounding: 'minute' }))).toBe(31n);
    // A started minute counts as one.
    const plus1s = { start: T0, end: T0 + 31 * MIN + 1000 };
    expect(billableMinutes(charge({ actual: plus1s, rounding: 'minute' }))).toBe(32n);
  });

  it("bills actual use under 'actual', shorter or longer than booked", () => {
    expect(billableMinutes(charge({ actual: at(10, 50), rounding: 'minute' }))).toBe(40n);
    expect(billableMinutes(charge({ actual: at(0, 150), rounding: 'minute' }))).toBe(150n);
  });

  it("bills the booked time under 'booked', plus any overrun", () => {
    expect(billableMinutes(charge({ policy: 'booked', actual: at(10, 50) }))).toBe(120n);
    expect(billableMinutes(charge({ policy: 'booked', actual: at(0, 135) }))).toBe(150n);
    expect(
      billableMinutes(charge({ policy: 'booked', actual: at(0, 135), rounding: 'minute' })),
    ).toBe(135n);
  });

  it('bills nothing for unused time or a reversed interval', () => {
    expect(billableMinutes(charge({ actual: null }))).toBe(0n);
    expect(billableMinutes(charge({ actual: null, policy: 'booked' }))).toBe(0n);
    expect(billableMinutes(charge({ actual: at(50, 10) }))).toBe(0n);
    expect(billableMinutes(charge({ actual: at(10, 10) }))).toBe(0n);
  });

  it('refuses a slot that is not a positive whole number of minutes', () => {
    expect(() => billableMinutes(charge({ slotMinutes: 0 }))).toThrow(RangeError);
    expect(() => billableMinutes(charge({ slotMinutes: 7.5 }))).toThrow(RangeError);
  });

  it('rounds up to less than one slot more than the exact minutes', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: -600, max: 600 }),
        fc.integer({ min: -600, max: 900 }),
        fc.constantFrom(5, 10, 15, 30, 60, 120),
        fc.constantFrom('actual' as const, 'booked' as const),
        (s, e, slotMinutes, policy) => {
          const c = charge({ policy, actual: at(s, e), slotMinutes });
          const exact = billableMinutes({ ...c, rounding: 'minute' });
          const slotted = billableMinutes(c);
          const slot = BigInt(slotMinutes);
          expect(exact >= 0n && slotted % slot === 0n).toBe(true);
          expect(slotted >= exact && slotted < exact + slot).toBe(true);
          if (policy === 'actual') expect(exact).toBe(BigInt(Math.max(0, e - s)));
        },
      ),
      RUNS,
    );
  });
});

describe('no-show and late-cancellation fees', () => {
  const policy: CancellationPolicy = {
    noShowBp: 5000,
    lateCancelBp: 2500,
    lateCancelWindowMinutes: 24 * 60,
  };

  it('charges a share of the booked amount, half up', () => {
    expect(noShowFee(100_000n, policy)).toBe(50_000n);
    expect(noShowFee(3n, policy)).toBe(2n); // 1,5 → 2
    expect(noShowFee(100_000n, { ...policy, noShowBp: 0 })).toBe(0n);
    expect(noShowFee(100_000n, { ...policy, noShowBp: 10_000 })).toBe(100_000n);
    expect(() => noShowFee(1n, { ...policy, noShowBp: 10_001 })).toThrow(RangeError);
    expect(() => noShowFee(1n, { ...policy, noShowBp: 12.5 })).toThrow(RangeError);
  });

  it('charges a late cancellation only inside the window', () => {
    const fee = (minutesBefore: number) =>
      lateCancelFee(
        { bookedAmount: 100_000n, start: T0, cancelledAt: T0 - minutesBefore * MIN },
        policy,
      );
    expect(fee(24 * 60 + 1)).toBe(0n);
    expect(fee(24 * 60)).toBe(0n); // exactly the window before: on time
    expect(
      lateCancelFee(
        { bookedAmount: 100_000n, start: T0, cancelledAt: T0 - 24 * 60 * MIN + 1 },
        policy,
      ),
    ).toBe(25_000n);
    expect(fee(1)).toBe(25_000n);
    expect(fee(-30)).toBe(25_000n); // after the start
    expect(lateCancelFee({ bookedAmount: 2n, start: T0, cancelledAt: T0 }, policy)).toBe(1n); // 0,5 → 1
  });
});

describe('tariffs', () => {
  const tariff = (over: Partial<Tariff> = {}): Tariff => ({
    id: 't1',
    basis: 'per_hour',
    customerClass: 'member_micro',
    unitPrice: 50_000n,
    operatorFeePerHour: 25_000n,
    validFrom: '2026-01-01',
    validTo: '2026-06-30',
    ...over,
  });
  const tariffs = [
    tariff(),
    tariff({ id: 't2', validFrom: '2026-07-01', validTo: null, unitPrice: 60_000n }),
    tariff({ id: 't3', customerClass: 'non_member', validTo: null, unitPrice: 120_000n }),
    tariff({ id: 't4', basis: 'per_kg', validTo: null, unitPrice: 7_000n }),
  ];
  const q = { basis: 'per_hour' as const, customerClass: 'member_micro' as const };

  it('picks the tariff valid on a date, both ends inclusive', () => {
    expect(tariffFor(tariffs, { ...q, date: '2025-12-31' })).toBeNull();
    expect(tariffFor(tariffs, { ...q, date: '2026-01-01' })?.id).toBe('t1');
    expect(tariffFor(tariffs, { ...q, date: '2026-06-30' })?.id).toBe('t1');
    expect(tariffFor(tariffs, { ...q, date: '2026-07-01' })?.id).toBe('t2');
    expect(tariffFor(tariffs, { ...q, date: '2099-01-01' })?.id).toBe('t2');
    expect(tariffFor(tariffs, { ...q, customerClass: 'non_member', date: '2026-03-01' })?.id).toBe(
      't3',
    );
    expect(tariffFor(tariffs, { ...q, basis: 'per_kg', date: '2026-03-01' })?.id).toBe('t4');
    expect(tariffFor(tariffs, { ...q, basis: 'per_batch', date: '2026-03-01' })).toBeNull();
    expect(
      tariffFor(tariffs, { ...q, customerClass: 'member_small', date: '2026-03-01' }),
    ).toBeNull();
  });

  it('finds nothing wrong with consecutive periods', () => {
    expect(tariffProblems(tariffs)).toEqual([]);
  });

  it('reports negative prices, bad periods and overlaps for the same basis and class', () => {
    expect(
      tariffProblems([
        ...tariffs,
        tariff({
          id: 'neg',
          customerClass: 'member_large',
          unitPrice: -1n,
          operatorFeePerHour: -1n,
        }),
        tariff({
          id: 'rev',
          customerClass: 'member_small',
          validFrom: '2026-05-01',
          validTo: '2026-04-30',
        }),
        tariff({ id: 'bad', customerClass: 'member_small', validFrom: '1 Mei 2026' }),
        tariff({ id: 'lap', validFrom: '2026-06-30', validTo: '2026-06-30' }), // last day of t1
        tariff({ id: 'open', customerClass: 'non_member', validFrom: '2030-01-01', validTo: null }),
      ]),
    ).toEqual([
      { code: 'tariff_negative_price', tariffId: 'neg', field: 'unitPrice' },
      { code: 'tariff_negative_price', tariffId: 'neg', field: 'operatorFeePerHour' },
      { code: 'tariff_bad_period', tariffId: 'rev' },
      { code: 'tariff_bad_period', tariffId: 'bad' },
      { code: 'tariff_overlap', tariffId: 'lap', otherId: 't1' },
      { code: 'tariff_overlap', tariffId: 'open', otherId: 't3' },
    ]);
  });

  it('classes customers, unclassified members as micro', () => {
    expect(customerClassOf({ isMember: false, sizeClass: 'small' })).toBe('non_member');
    expect(customerClassOf({ isMember: true, sizeClass: null })).toBe('member_micro');
    expect(customerClassOf({ isMember: true, sizeClass: 'medium' })).toBe('member_medium');
    expect(customerClassOf({ isMember: true, sizeClass: 'large' })).toBe('member_large');
  });
});

describe('applySubsidy', () => {
  const subsidy = (over: Partial<Subsidy> = {}): Subsidy => ({
    id: 's1',
    programmeId: 'p1',
    rateBp: 5000,
    classes: ['member_micro', 'member_small'],
    maxMinutesPerMonth: 600n,
    maxAmountPerMonth: 1_000_000n,
    validFrom: '2026-01-01',
    validTo: '2026-12-31',
    ...over,
  });
  const use = {
    date: '2026-07-21',
    customerClass: 'member_micro' as CustomerClass,
    minutes: 120n,
    amount: 200_000n,
  };
  const none = { minutes: 0n, amount: 0n };

  it('pays its share of an eligible line', () => {
    expect(applySubsidy(use, subsidy(), none)).toEqual({ amount: 100_000n, minutes: 120n });
    expect(applySubsidy(use, subsidy({ rateBp: 10_000 }), none)).toEqual({
      amount: 200_000n,
      minutes: 120n,
    });
    expect(applySubsidy({ ...use, amount: 3n }, subsidy(), none).amount).toBe(2n); // 1,5 → 2
  });

  it('pays nothing outside its classes or validity (both ends inclusive)', () => {
    expect(applySubsidy({ ...use, customerClass: 'non_member' }, subsidy(), none)).toEqual(none);
    expect(applySubsidy({ ...use, date: '2025-12-31' }, subsidy(), none)).toEqual(none);
    expect(applySubsidy({ ...use, date: '2027-01-01' }, subsidy(), none)).toEqual(none);
    expect(applySubsidy({ ...use, date: '2026-01-01' }, subsidy(), none).amount).toBe(100_000n);
    expect(applySubsidy({ ...use, date: '2026-12-31' }, subsidy(), none).amount).toBe(100_000n);
    expect(
      applySubsidy({ ...use, date: '2030-01-01' }, subsidy({ validTo: null }), none).amount,
    ).toBe(100_000n);
  });

  it('subsidises only the minutes left under the monthly cap', () => {
    // 60 of 120 minutes left → half the line (Rp100.000) is eligible → 50 % of it.
    expect(applySubsidy(use, subsidy(), { minutes: 540n, amount: 0n })).toEqual({
      amount: 50_000n,
      minutes: 60n,
    });
    expect(applySubsidy(use, subsidy(), { minutes: 600n, amount: 0n })).toEqual(none);
    expect(applySubsidy(use, subsidy(), { minutes: 700n, amount: 0n })).toEqual(none);
    expect(
      applySubsidy(use, subsidy({ maxMinutesPerMonth: null }), { minutes: 10_000n, amount: 0n })
        .amount,
    ).toBe(100_000n);
  });

  it('stops at the monthly amount cap', () => {
    expect(applySubsidy(use, subsidy(), { minutes: 0n, amount: 960_000n })).toEqual({
      amount: 40_000n,
      minutes: 120n,
    });
    expect(applySubsidy(use, subsidy(), { minutes: 0n, amount: 1_000_000n })).toEqual(none);
    expect(
      applySubsidy(use, subsidy({ maxAmountPerMonth: null }), { minutes: 0n, amount: 10n ** 12n })
        .amount,
    ).toBe(100_000n);
  });

  it('lets the minute cap pass lines without minutes (per batch, per kg)', () => {
    expect(applySubsidy({ ...use, minutes: 0n }, subsidy(), { minutes: 600n, amount: 0n })).toEqual(
      {
        amount: 100_000n,
        minutes: 0n,
      },
    );
  });

  it('never exceeds the caps over a month, nor any line', () => {
    const lineArb = fc.record({
      minutes: fc.bigInt({ min: 0n, max: 600n }),
      amount: fc.bigInt({ min: 0n, max: 2_000_000n }),
      customerClass: fc.constantFrom<CustomerClass>('member_micro', 'member_small', 'non_member'),
    });
    fc.assert(
      fc.property(
        fc.array(lineArb, { maxLength: 20 }),
        fc.option(fc.bigInt({ min: 0n, max: 1_500n })),
        fc.option(fc.bigInt({ min: 0n, max: 3_000_000n })),
        fc.integer({ min: 0, max: 10_000 }),
        (lines, maxMinutesPerMonth, maxAmountPerMonth, rateBp) => {
          const s = subsidy({ maxMinutesPerMonth, maxAmountPerMonth, rateBp });
          const used = { minutes: 0n, amount: 0n };
          for (const l of lines) {
            const got = applySubsidy({ ...l, date: '2026-07-21' }, s, used);
            expect(got.amount >= 0n && got.amount <= l.amount).toBe(true);
            expect(got.minutes >= 0n && got.minutes <= l.minutes).toBe(true);
            used.minutes += got.minutes;
            used.amount += got.amount;
          }
          if (maxMinutesPerMonth !== null) expect(used.minutes <= maxMinutesPerMonth).toBe(true);
          if (maxAmountPerMonth !== null) expect(used.amount <= maxAmountPerMonth).toBe(true);
        },
      ),
      RUNS,
    );
  });
});

describe('debitPacks', () => {
  const pack = (id: string, minutesLeft: bigint, validFrom: string, validTo: string): HourPack => ({
    id,
    minutesLeft,
    validFrom,
    validTo,
  });
  const packs = [
    pack('late', 600n, '2026-01-01', '2026-12-31'),
    pack('soon', 90n, '2026-01-01', '2026-07-31'),
    pack('expired', 600n, '2026-01-01', '2026-07-20'),
    pack('future', 600n, '2026-08-01', '2026-12-31'),
    pack('empty', 0n, '2026-01-01', '2026-07-25'),
  ];

  it('debits the pack that expires first, then the next, and bills the rest', () => {
    expect(debitPacks(packs, { date: '2026-07-21', minutes: 60n })).toEqual({
      debits: [{ packId: 'soon', minutes: 60n }],
      remainder: 0n,
    });
    expect(debitPacks(packs, { date: '2026-07-21', minutes: 120n })).toEqual({
      debits: [
        { packId: 'soon', minutes: 90n },
        { packId: 'late', minutes: 30n },
      ],
      remainder: 0n,
    });
    expect(debitPacks(packs, { date: '2026-07-21', minutes: 1000n })).toEqual({
      debits: [
        { packId: 'soon', minutes: 90n },
        { packId: 'late', minutes: 600n },
      ],
      remainder: 310n,
    });
    expect(debitPacks(packs, { date: '2026-07-21', minutes: 0n })).toEqual({
      debits: [],
      remainder: 0n,
    });
  });

  it('never uses a pack outside its validity (both ends inclusive)', () => {
    expect(debitPacks(packs, { date: '2026-07-20', minutes: 30n }).debits).toEqual([
      { packId: 'expired', minutes: 30n },
    ]);
    expect(debitPacks(packs, { date: '2027-01-01', minutes: 30n })).toEqual({
      debits: [],
      remainder: 30n,
    });
    expect(debitPacks(packs, { date: '2025-12-31', minutes: 30n })).toEqual({
      debits: [],
      remainder: 30n,
    });
    expect(() => debitPacks(packs, { date: '2026-07-21', minutes: -1n })).toThrow(RangeError);
  });

  it('debits min(use, minutes valid that day), within each pack, without touching the input', () => {
    const day = fc.integer({ min: 1, max: 28 }).map((d) => `2026-07-${String(d).padStart(2, '0')}`);
    const packArb = fc
      .record({ id: fc.uuid(), minutesLeft: fc.bigInt({ min: -10n, max: 600n }), a: day, b: day })
      .map(({ id, minutesLeft, a, b }) => pack(id, minutesLeft, a < b ? a : b, a < b ? b : a));
    fc.assert(
      fc.property(
        fc.uniqueArray(packArb, { maxLength: 6, selector: (p) => p.id }),
        day,
        fc.bigInt({ min: 0n, max: 2000n }),
        (ps, date, minutes) => {
          const before = structuredClone(ps);
          const { debits, remainder } = debitPacks(ps, { date, minutes });
          expect(ps).toEqual(before);
          const valid = ps.filter(
            (p) => p.validFrom <= date && date <= p.validTo && p.minutesLeft > 0n,
          );
          const available = valid.reduce((a, p) => a + p.minutesLeft, 0n);
          const debited = debits.reduce((a, d) => a + d.minutes, 0n);
          expect(debited).toBe(minutes < available ? minutes : available);
          expect(remainder).toBe(minutes - debited);
          for (const d of debits) {
            const p = valid.find((v) => v.id === d.packId);
            expect(p).toBeDefined();
            expect(d.minutes > 0n && d.minutes <= p!.minutesLeft).toBe(true);
          }
          const expiries = debits.map((d) => valid.find((v) => v.id === d.packId)!.validTo);
          expect(expiries).toEqual([...expiries].sort());
        },
      ),
      RUNS,
    );
  });
});
