/**
 * Pure money rules of billing: Rupiah formatting and terbilang, invoice lines and totals, PPN
 * as dated configuration, billable machine time, no-show and late-cancellation fees, tariffs,
 * programme subsidies, prepaid hour packs and invoice numbers.
 *
 * Conventions, everywhere in this file:
 * - money is integer Rupiah as `bigint` (never a JS number);
 * - quantities are `bigint` counts of a stated smallest step (minutes, grams, batches);
 * - rates are integer **basis points** (`number`, 10_000 = 100 %), so every product is exact;
 * - every division is rounded **once, half up** to a whole Rupiah or minute (`divideRounded`);
 * - dates are site-local calendar dates `YYYY-MM-DD`, and every validity period is inclusive at
 *   both ends (`validTo` is the last valid day; null means open-ended);
 * - invalid inputs (negative money, non-integer rates, bad dates) throw `RangeError`: the
 *   contracts validate user input, so reaching one is a programming error.
 * No I/O and no clock: the service passes dates and what it has read.
 */
import type { Interval } from '../availability/availability.js';
import type { SizeClass } from '../organisations/organisations.js';

// Arithmetic -----------------------------------------------------------------------------------

/** `n / d` rounded half up (half away from zero for negative `n`); `d` must be positive. */
export function divideRounded(n: bigint, d: bigint): bigint {
  if (d <= 0n) throw new RangeError(`divisor must be positive, got ${d}`);
  const q = n / d; // truncates toward zero
  const r = n % d;
  if (2n * (r < 0n ? -r : r) < d) return q;
  return n < 0n ? q - 1n : q + 1n;
}

/** `amount × bp / 10 000`, half up. */
const applyBp = (amount: bigint, bp: number, max?: number): bigint =>
  divideRounded(amount * bps(bp, max), 10_000n);

function bps(bp: number, max = Number.MAX_SAFE_INTEGER): bigint {
  if (!Number.isInteger(bp) || bp < 0 || bp > max) {
    throw new RangeError(`basis points must be an integer in 0…${max}, got ${bp}`);
  }
  return BigInt(bp);
}

function nonNegative(value: bigint, name: string): bigint {
  if (value < 0n) throw new RangeError(`${name} must not be negative, got ${value}`);
  return value;
}

const DATE = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;
function isoDate(date: string): string {
  if (!DATE.test(date)) throw new RangeError(`not a YYYY-MM-DD date: ${date}`);
  return date;
}

const minBig = (a: bigint, b: bigint): bigint => (a < b ? a : b);
const maxBig = (a: bigint, b: bigint): bigint => (a > b ? a : b);
/** Code-unit order (not locale order): deterministic everywhere. */
const cmp = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
const sum = (xs: readonly bigint[]): bigint => xs.reduce((a, b) => a + b, 0n);
/** Inclusive validity: `from <= date <= to` (to null: open-ended). */
const validOn = (p: { validFrom: string; validTo: string | null }, date: string): boolean =>
  p.validFrom <= date && (p.validTo === null || date <= p.validTo);

// Formatting -----------------------------------------------------------------------------------

/**
 * PUEBI Rupiah: "Rp1.234.567" (no space, "." between thousands), "-Rp1.234.567" when negative,
 * "Rp1.234.567,00" with `{ cents: true }` (amounts are whole Rupiah, so the cents are ",00").
 * Built by hand: Intl's id-ID currency format puts a no-break space after "Rp".
 */
export function formatRupiah(amount: bigint, opts: { cents?: boolean } = {}): string {
  const digits = (amount < 0n ? -amount : amount).toString().replace(/\B(?=(\d{3})+$)/g, '.');
  return `${amount < 0n ? '-' : ''}Rp${digits}${opts.cents ? ',00' : ''}`;
}

const DIGITS = [
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
const SCALES = ['', 'ribu', 'juta', 'miliar', 'triliun', 'kuadriliun'];
/** terbilang works below 10¹⁸ (up to 999.999 kuadriliun); larger amounts throw. */
export const TERBILANG_LIMIT = 10n ** 18n;

/** Words for 1…999: "se-" for a lone one (seratus, sepuluh, sebelas), "satu" otherwise. */
function below1000(n: number): string[] {
  const words: string[] = [];
  const hundreds = Math.floor(n / 100);
  const rest = n % 100;
  if (hundreds === 1) words.push('seratus');
  else if (hundreds > 1) words.push(DIGITS[hundreds]!, 'ratus');
  if (rest === 10) words.push('sepuluh');
  else if (rest === 11) words.push('sebelas');
  else if (rest > 11 && rest < 20) words.push(DIGITS[rest - 10]!, 'belas');
  else {
    if (rest >= 20) words.push(DIGITS[Math.floor(rest / 10)]!, 'puluh');
    if (rest % 10 > 0) words.push(DIGITS[rest % 10]!);
  }
  return words;
}

/**
 * An amount in Indonesian words, lower case: 0 "nol", 11 "sebelas", 100 "seratus", 1 000
 * "seribu" (only when the thousands are exactly one: 21 000 is "dua puluh satu ribu"),
 * 1 000 000 "satu juta", 10⁹ "satu miliar", 10¹² "satu triliun"; negative "minus …".
 */
export function terbilang(amount: bigint): string {
  if (amount < 0n) return `minus ${terbilang(-amount)}`;
  if (amount === 0n) return 'nol';
  if (amount >= TERBILANG_LIMIT) throw new RangeError(`too large for terbilang: ${amount}`);
  const groups: number[] = []; // thousands groups, least significant first
  for (let n = amount; n > 0n; n /= 1000n) groups.push(Number(n % 1000n));
  const words: string[] = [];
  for (let i = groups.length - 1; i >= 0; i--) {
    const g = groups[i]!;
    if (g === 0) continue;
    if (i === 1 && g === 1) words.push('seribu');
    else words.push(...below1000(g), ...(i > 0 ? [SCALES[i]!] : []));
  }
  return words.join(' ');
}

/** For invoices and kuitansi: "Satu juta dua ratus … rupiah" (first letter capitalised). */
export function terbilangRupiah(amount: bigint): string {
  const words = `${terbilang(amount)} rupiah`;
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** "INV/ATM-01/2026/000123" or "CN/ATM-01/2026/000004": the sequence has at least six digits. */
export function formatInvoiceNumber(p: {
  siteCode: string;
  year: number;
  seq: number;
  kind: 'invoice' | 'credit_note';
}): string {
  if (!/^[A-Z0-9][A-Z0-9-]*$/.test(p.siteCode))
    throw new RangeError(`bad site code: ${p.siteCode}`);
  if (!Number.isInteger(p.year) || p.year < 1000 || p.year > 9999) {
    throw new RangeError(`bad year: ${p.year}`);
  }
  if (!Number.isSafeInteger(p.seq) || p.seq < 1) throw new RangeError(`bad sequence: ${p.seq}`);
  const prefix = p.kind === 'invoice' ? 'INV' : 'CN';
  return `${prefix}/${p.siteCode}/${p.year}/${String(p.seq).padStart(6, '0')}`;
}

// Invoice lines and totals ------------------------------------------------------------------------

export interface LineInput {
  /** In the unit's smallest step (minutes, grams, batches). */
  quantity: bigint;
  /** Rupiah per priced unit (per hour, per kg, per batch). */
  unitPrice: bigint;
  /** Quantity steps per priced unit: 60 (minutes per hour), 1000 (grams per kg), 1 (batch). */
  perUnits: bigint;
  discount: bigint;
  /** Paid by a programme (see `applySubsidy`), not by the customer. */
  subsidy: bigint;
  /** False for zero-rated or exempt lines: they carry no PPN. */
  taxable: boolean;
}

export interface LineAmounts {
  gross: bigint;
  /** The discount and subsidy actually applied (clipped, see `lineAmounts`). */
  discount: bigint;
  subsidy: bigint;
  net: bigint;
}

/**
 * gross = quantity × unitPrice / perUnits, rounded half up to a whole Rupiah;
 * net = gross − discount − subsidy, never below 0. The discount is applied first (capped at
 * gross), the subsidy is capped at what remains: when the two overshoot, the **subsidy is clipped
 * first**, so a programme never pays for what the site has already forgiven.
 */
export function lineAmounts(l: LineInput): LineAmounts {
  nonNegative(l.quantity, 'quantity');
  nonNegative(l.unitPrice, 'unitPrice');
  if (l.perUnits <= 0n) throw new RangeError(`perUnits must be positive, got ${l.perUnits}`);
  const gross = divideRounded(l.quantity * l.unitPrice, l.perUnits);
  const discount = minBig(nonNegative(l.discount, 'discount'), gross);
  const subsidy = minBig(nonNegative(l.subsidy, 'subsidy'), gross - discount);
  return { gross, discount, subsidy, net: gross - discount - subsidy };
}

/** Quantity steps per priced unit for each tariff basis (minutes, grams, batches). */
export const STEPS_PER_UNIT: Record<TariffBasis, bigint> = {
  per_hour: 60n,
  per_kg: 1000n,
  per_batch: 1n,
};

// PPN ----------------------------------------------------------------------------------------------

/** PPN in force from a date: PPN = rate × DPP, DPP = taxable base × dppNumerator / dppDenominator. */
export interface PpnRule {
  from: string; // YYYY-MM-DD
  /** 1200 = 12 %. */
  rateBp: number;
  dppNumerator: bigint;
  dppDenominator: bigint;
  source: string;
}

/**
 * PPN for ordinary (non-luxury) goods and services. Luxury goods under PPnBM pay 12 % on the
 * full price from 2025-02-01; RPB services are not among them, so that rule is not shipped.
 */
export const PPN_RULES: readonly PpnRule[] = [
  {
    from: '2022-04-01',
    rateBp: 1100,
    dppNumerator: 1n,
    dppDenominator: 1n,
    source: 'UU 7/2021 (HPP)',
  },
  {
    from: '2025-01-01',
    rateBp: 1200,
    dppNumerator: 11n,
    dppDenominator: 12n,
    source: 'PMK 131/2024',
  },
];

/** The rule in force on a date (the latest whose `from` is not after it), or null before all. */
export function ppnRuleOn(rules: readonly PpnRule[], date: string): PpnRule | null {
  isoDate(date);
  return rules
    .filter((r) => isoDate(r.from) <= date)
    .reduce<PpnRule | null>((best, r) => (best === null || r.from > best.from ? r : best), null);
}

export interface InvoiceInput {
  lines: readonly LineInput[];
  /** Whether the issuing site is a Pengusaha Kena Pajak; a non-PKP site charges no PPN. */
  pkp: boolean;
  /** The invoice's tax date (site-local), which picks the PPN rule. */
  date: string;
  rules: readonly PpnRule[];
}

export interface InvoiceTax {
  /** The rule applied; null when the site is not PKP. */
  rule: PpnRule | null;
  /** Σ net of the taxable lines (0 for a non-PKP site). */
  base: bigint;
  dpp: bigint;
  ppn: bigint;
}

/**
 * PPN of an invoice, computed **once on the sum of the taxable lines' nets** (not per line):
 * DPP = base × dppNumerator / dppDenominator rounded half up to a whole Rupiah, then
 * PPN = DPP × rate rounded half up. Example (12 %, DPP 11/12): Rp50.000.000 → DPP Rp45.833.333
 * → PPN Rp5.500.000, as in the DJP example. A PKP invoice dated before every rule throws.
 */
export function invoiceTax(input: InvoiceInput): InvoiceTax {
  const nets = input.lines.map((l) => ({ net: lineAmounts(l).net, taxable: l.taxable }));
  if (!input.pkp) return { rule: null, base: 0n, dpp: 0n, ppn: 0n };
  const rule = ppnRuleOn(input.rules, input.date);
  if (rule === null) throw new RangeError(`no PPN rule in force on ${input.date}`);
  const base = sum(nets.filter((l) => l.taxable).map((l) => l.net));
  const dpp = divideRounded(base * rule.dppNumerator, rule.dppDenominator);
  return { rule, base, dpp, ppn: applyBp(dpp, rule.rateBp) };
}

export interface InvoiceTotals {
  lines: LineAmounts[];
  /** Σ gross. */
  subtotal: bigint;
  discounts: bigint;
  subsidies: bigint;
  /** Σ net = subtotal − discounts − subsidies. */
  net: bigint;
  tax: InvoiceTax;
  /** net + PPN: what the customer owes. */
  total: bigint;
}

/** Every line's amounts, their sums, the PPN, and the total (net + PPN). */
export function invoiceTotals(input: InvoiceInput): InvoiceTotals {
  const lines = input.lines.map(lineAmounts);
  const tax = invoiceTax(input);
  const net = sum(lines.map((l) => l.net));
  return {
    lines,
    subtotal: sum(lines.map((l) => l.gross)),
    discounts: sum(lines.map((l) => l.discount)),
    subsidies: sum(lines.map((l) => l.subsidy)),
    net,
    tax,
    total: net + tax.ppn,
  };
}

// Machine time and fees ---------------------------------------------------------------------------

export interface TimeCharge {
  /** 'booked': the booked time is paid even if left early, plus any overrun; 'actual': use only. */
  policy: 'actual' | 'booked';
  /** Instants in epoch milliseconds, as everywhere in availability and bookings. */
  booked: Interval;
  /** Check-in to check-out; null when the machine was never used. */
  actual: Interval | null;
  slotMinutes: number;
  /** 'minute': exact minutes; 'slot_up': rounded up to whole slots of the site's grid. */
  rounding: 'slot_up' | 'minute';
}

/** Whole minutes of an interval, a started minute counting as one; 0 if it ends before it starts. */
const minutesOf = (iv: Interval): bigint =>
  iv.end > iv.start ? BigInt(Math.ceil((iv.end - iv.start) / 60_000)) : 0n;

/**
 * Minutes to bill for a use of a machine, never negative. Unused time (`actual` null) bills 0
 * under either policy: a no-show is charged by `noShowFee`, not as time. With 'slot_up' the
 * minutes round up to the slot (30 minutes on a 30-minute grid is 30, 31 is 60) — never to a
 * whole hour, unlike Fab-manager.
 */
export function billableMinutes(t: TimeCharge): bigint {
  if (!Number.isInteger(t.slotMinutes) || t.slotMinutes <= 0) {
    throw new RangeError(`slotMinutes must be a positive integer, got ${t.slotMinutes}`);
  }
  if (t.actual === null) return 0n;
  const used = minutesOf(t.actual);
  const minutes = t.policy === 'booked' ? maxBig(minutesOf(t.booked), used) : used;
  if (t.rounding === 'minute') return minutes;
  const slot = BigInt(t.slotMinutes);
  return ((minutes + slot - 1n) / slot) * slot;
}

export interface CancellationPolicy {
  /** Share of the booked amount charged for a no-show, in basis points (10_000 = all). */
  noShowBp: number;
  /** Share charged for a cancellation less than `lateCancelWindowMinutes` before the start. */
  lateCancelBp: number;
  lateCancelWindowMinutes: number;
}

/** The no-show fee: bookedAmount × noShowBp / 10 000, half up. */
export function noShowFee(bookedAmount: bigint, policy: CancellationPolicy): bigint {
  return applyBp(nonNegative(bookedAmount, 'bookedAmount'), policy.noShowBp, 10_000);
}

/**
 * The late-cancellation fee: bookedAmount × lateCancelBp / 10 000, half up, when the booking is
 * cancelled less than the window before its start (also after the start); exactly the window
 * before is on time and free. Instants are epoch milliseconds.
 */
export function lateCancelFee(
  p: { bookedAmount: bigint; start: number; cancelledAt: number },
  policy: CancellationPolicy,
): bigint {
  const onTime = p.start - p.cancelledAt >= policy.lateCancelWindowMinutes * 60_000;
  return onTime
    ? 0n
    : applyBp(nonNegative(p.bookedAmount, 'bookedAmount'), policy.lateCancelBp, 10_000);
}

// Tariffs ----------------------------------------------------------------------------------------------

export type TariffBasis = 'per_hour' | 'per_batch' | 'per_kg';
export type CustomerClass =
  'member_micro' | 'member_small' | 'member_medium' | 'member_large' | 'non_member';

export interface Tariff {
  id: string;
  basis: TariffBasis;
  customerClass: CustomerClass;
  /** Rupiah per hour, per batch or per kg (see `STEPS_PER_UNIT`). */
  unitPrice: bigint;
  /** Added per hour when the site's operator runs the job (service mode). */
  operatorFeePerHour: bigint;
  validFrom: string;
  /** Last valid day, inclusive; null: open-ended. */
  validTo: string | null;
}

/** Members pay by their size class; a member not yet classified pays as micro. */
export function customerClassOf(p: {
  isMember: boolean;
  sizeClass: SizeClass | null;
}): CustomerClass {
  return p.isMember ? `member_${p.sizeClass ?? 'micro'}` : 'non_member';
}

/**
 * The tariff for a basis and class valid on a date, or null. Should overlapping tariffs slip
 * through (`tariffProblems` refuses them), the latest `validFrom` wins.
 */
export function tariffFor(
  tariffs: readonly Tariff[],
  q: { basis: TariffBasis; customerClass: CustomerClass; date: string },
): Tariff | null {
  isoDate(q.date);
  return tariffs
    .filter((t) => t.basis === q.basis && t.customerClass === q.customerClass && validOn(t, q.date))
    .reduce<Tariff | null>(
      (best, t) => (best === null || t.validFrom > best.validFrom ? t : best),
      null,
    );
}

export type TariffProblem =
  | { code: 'tariff_negative_price'; tariffId: string; field: 'unitPrice' | 'operatorFeePerHour' }
  | { code: 'tariff_bad_period'; tariffId: string }
  | { code: 'tariff_overlap'; tariffId: string; otherId: string };

const OPEN_END = '9999-12-31';

/**
 * What is wrong with a set of tariffs (e.g. the existing ones plus a new one): negative prices,
 * a period that ends before it starts or is not made of dates, and two tariffs of the same basis
 * and class valid on a common day (reported once per pair). The database backs the overlap rule
 * with an exclusion constraint; this says which tariffs clash.
 */
export function tariffProblems(tariffs: readonly Tariff[]): TariffProblem[] {
  const problems: TariffProblem[] = [];
  const wellFormed: Tariff[] = [];
  for (const t of tariffs) {
    if (t.unitPrice < 0n)
      problems.push({ code: 'tariff_negative_price', tariffId: t.id, field: 'unitPrice' });
    if (t.operatorFeePerHour < 0n) {
      problems.push({ code: 'tariff_negative_price', tariffId: t.id, field: 'operatorFeePerHour' });
    }
    const datesOk = DATE.test(t.validFrom) && (t.validTo === null || DATE.test(t.validTo));
    if (!datesOk || (t.validTo !== null && t.validTo < t.validFrom)) {
      problems.push({ code: 'tariff_bad_period', tariffId: t.id });
    } else wellFormed.push(t);
  }
  wellFormed.forEach((a, i) => {
    for (const b of wellFormed.slice(i + 1)) {
      const sameKind = a.basis === b.basis && a.customerClass === b.customerClass;
      if (
        sameKind &&
        a.validFrom <= (b.validTo ?? OPEN_END) &&
        b.validFrom <= (a.validTo ?? OPEN_END)
      ) {
        problems.push({ code: 'tariff_overlap', tariffId: b.id, otherId: a.id });
      }
    }
  });
  return problems;
}

// Subsidies ----------------------------------------------------------------------------------------------

export interface Subsidy {
  id: string;
  programmeId: string;
  /** Share of the line paid by the programme, in basis points (10_000 = all of it). */
  rateBp: number;
  classes: readonly CustomerClass[];
  /** Caps per member organisation per calendar month (site time); null: no cap. */
  maxMinutesPerMonth: bigint | null;
  maxAmountPerMonth: bigint | null;
  validFrom: string;
  validTo: string | null;
}

export interface SubsidisedLine {
  date: string;
  customerClass: CustomerClass;
  /** Machine minutes on the line; 0 for per-batch or per-kg lines, which the minute cap does not limit. */
  minutes: bigint;
  /** What the subsidy applies to: the line's gross less its discount. */
  amount: bigint;
}

/**
 * A programme's share of one line, within what is left of this month's caps (`used` is what the
 * organisation has already drawn this month, summed by the service). When only part of the
 * line's minutes fit under the minute cap, only that part of the amount is subsidised
 * (amount × minutesCovered / minutes, half up); then the rate is applied (half up) and the result
 * is capped by the amount left. Returns the subsidy and the minutes it draws from the cap; both 0
 * when the subsidy does not apply (class, validity) or a cap is used up. Never more than
 * `line.amount`.
 */
export function applySubsidy(
  line: SubsidisedLine,
  subsidy: Subsidy,
  used: { minutes: bigint; amount: bigint },
): { amount: bigint; minutes: bigint } {
  const none = { amount: 0n, minutes: 0n };
  nonNegative(line.amount, 'amount');
  nonNegative(line.minutes, 'minutes');
  bps(subsidy.rateBp, 10_000);
  if (!subsidy.classes.includes(line.customerClass) || !validOn(subsidy, isoDate(line.date)))
    return none;
  const minutesLeft =
    subsidy.maxMinutesPerMonth === null
      ? line.minutes
      : maxBig(subsidy.maxMinutesPerMonth - used.minutes, 0n);
  const minutes = minBig(line.minutes, minutesLeft);
  const eligible =
    minutes === line.minutes ? line.amount : divideRounded(line.amount * minutes, line.minutes);
  const amountLeft =
    subsidy.maxAmountPerMonth === null
      ? eligible
      : maxBig(subsidy.maxAmountPerMonth - used.amount, 0n);
  const amount = minBig(applyBp(eligible, subsidy.rateBp, 10_000), amountLeft);
  return amount > 0n ? { amount, minutes } : none;
}

// Prepaid hour packs ------------------------------------------------------------------------------------

export interface HourPack {
  id: string;
  minutesLeft: bigint;
  validFrom: string;
  /** Last valid day, inclusive: a pack never pays for use after it (nor before `validFrom`). */
  validTo: string;
}

/**
 * Which packs pay for a use, earliest expiry first (then earliest start, then id), and the
 * minutes left to bill at the tariff. Packs not valid on the use's date are never touched.
 * Call it at check-out with the actual minutes — never when booking (Fab-manager debited on
 * click). Returns new values; the packs are not changed.
 */
export function debitPacks(
  packs: readonly HourPack[],
  use: { date: string; minutes: bigint },
): { debits: { packId: string; minutes: bigint }[]; remainder: bigint } {
  isoDate(use.date);
  let remainder = nonNegative(use.minutes, 'minutes');
  const debits: { packId: string; minutes: bigint }[] = [];
  const usable = packs
    .filter((p) => p.minutesLeft > 0n && p.validFrom <= use.date && use.date <= p.validTo)
    .sort((a, b) => cmp(a.validTo, b.validTo) || cmp(a.validFrom, b.validFrom) || cmp(a.id, b.id));
  for (const p of usable) {
    if (remainder === 0n) break;
    const minutes = minBig(p.minutesLeft, remainder);
    debits.push({ packId: p.id, minutes });
    remainder -= minutes;
  }
  return { debits, remainder };
}
