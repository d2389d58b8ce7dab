/**
 * Pure rules of quality: acceptance sampling by attributes (ISO 2859-1 single sampling with its
 * switching rules), verdicts of measured values against a specification, yield and mass balance
 * of toll processing with the split of pooled batches, and lot codes.
 *
 * Conventions, everywhere in this file:
 * - masses are kilograms as `number` at the edges and whole **grams** inside (the database keeps
 *   3 decimals), so sums and splits are exact integers;
 * - shares are integer **basis points** (10 000 = 100 %);
 * - invalid inputs throw `RangeError`: the contracts validate user input, so reaching one is a
 *   programming error (the messages still say what was wrong);
 * - inputs are never mutated; every function returns new values.
 * No I/O, no clock, no randomness.
 */

// ISO 2859-1 single sampling -----------------------------------------------------------------
//
// Values follow ISO 2859-1:1999 (adopted identically as SNI ISO 2859-1 and GB/T 2828.1-2012; all
// 3 × 16 × 26 cells of II-A, II-B and II-C were checked against a transcription of the latter).
// Table II-C is the 1999 reduced table, in which every plan has Re = Ac + 1: the older reduced
// plans with a gap (0/2, 1/3, 1/4, 2/5 …, still in ANSI/ASQ Z1.4 and MIL-STD-105E) and their
// "accept but return to normal" zone are gone. Do not mix in values from those tables.

export type InspectionLevel = 'S-1' | 'S-2' | 'S-3' | 'S-4' | 'I' | 'II' | 'III';
export type Severity = 'normal' | 'tightened' | 'reduced';
export type LotVerdict = 'accept' | 'reject';

/** Sample size code letters (I and O are not used). S exists only in Table II-B. */
// prettier-ignore
export const CODE_LETTERS = ['A', 'B', 'C', 'D', 'E', 'F', 'G', 'H', 'J', 'K', 'L', 'M', 'N', 'P', 'Q', 'R', 'S'] as const;
export type CodeLetter = (typeof CODE_LETTERS)[number];

/** In the column order of Table 1. */
// prettier-ignore
export const INSPECTION_LEVELS: readonly InspectionLevel[] = ['S-1', 'S-2', 'S-3', 'S-4', 'I', 'II', 'III'];
export const SEVERITIES: readonly Severity[] = ['normal', 'tightened', 'reduced'];

/**
 * The AQL series of the master tables, in percent nonconforming (≤ 10) or nonconformities per
 * 100 items (all of them).
 */
// prettier-ignore
export const AQLS = [
  0.01, 0.015, 0.025, 0.04, 0.065, 0.1, 0.15, 0.25, 0.4, 0.65, 1, 1.5, 2.5, 4, 6.5,
  10, 15, 25, 40, 65, 100, 150, 250, 400, 650, 1000,
] as const;

/**
 * Table 1 — sample size code letters: the largest lot size of each range, then the letters for
 * S-1, S-2, S-3, S-4, I, II, III in that order.
 */
const TABLE_1: readonly (readonly [maxLot: number, letters: string])[] = [
  [8, 'AAAAAAB'],
  [15, 'AAAAABC'],
  [25, 'AABBBCD'],
  [50, 'ABBCCDE'],
  [90, 'BBCCCEF'],
  [150, 'BBCDDFG'],
  [280, 'BCDEEGH'],
  [500, 'BCDEFHJ'],
  [1200, 'CCEFGJK'],
  [3200, 'CDEGHKL'],
  [10000, 'CDFGJLM'],
  [35000, 'CDFHKMN'],
  [150000, 'DEGJLNP'],
  [500000, 'DEGJMPQ'],
  [Infinity, 'DEHKNQR'],
];

/** Sample size per code letter, A first. Reduced uses smaller samples; S only when tightened. */
const SAMPLE_SIZES: Record<Severity, readonly number[]> = {
  normal: [2, 3, 5, 8, 13, 20, 32, 50, 80, 125, 200, 315, 500, 800, 1250, 2000],
  tightened: [2, 3, 5, 8, 13, 20, 32, 50, 80, 125, 200, 315, 500, 800, 1250, 2000, 3150],
  reduced: [2, 2, 2, 3, 5, 8, 13, 20, 32, 50, 80, 125, 200, 315, 500, 800],
};

const UP = '↑';
const DOWN = '↓';
type Cell = number | typeof UP | typeof DOWN;

/**
 * The master tables II-A, II-B and II-C are diagonal: one step down in code letter and one step
 * up in AQL both multiply the expected count n × p by ≈ 1.6, so a cell depends on
 * d = letterIndex + aqlIndex − 14 (d = 0 is the diagonal that runs from Q at AQL 0.010 to A at
 * 6.5). Listed here from d = 0: a number is the acceptance number Ac of a plan (Re = Ac + 1 in
 * every single-sampling plan of the 1999 edition), an arrow says "use the first plan in that
 * direction". Every d < 0 is ↓ (the long arrows on the left of each table) and every d > 12 is
 * ↑ (the lower right).
 */
const DIAGONALS: Record<Severity, readonly Cell[]> = {
  normal: [0, UP, DOWN, 1, 2, 3, 5, 7, 10, 14, 21, 30, 44],
  tightened: [DOWN, 0, DOWN, DOWN, 1, 2, 3, 5, 8, 12, 18, 27, 41],
  reduced: [0, UP, DOWN, DOWN, 1, 2, 3, 5, 6, 8, 10, 14, 21],
};
const LETTER_F = 5;
const AQL_25 = AQLS.indexOf(25);
const AQL_0_025 = AQLS.indexOf(0.025);

/**
 * One cell of a master table before any arrow is followed. Besides the diagonals the printed
 * tables have three particularities, reproduced here:
 * - the two largest acceptance numbers of each table (d = 11, 12: 30/44 normal, 27/41 tightened,
 *   14/21 reduced) appear only for letters A–E; from F on those cells are ↑;
 * - in Table II-B the extra letter S (n = 3150) holds a plan only under AQL 0.025, where the
 *   arrows from Q and R lead to it; elsewhere its row is blank;
 * - in Table II-C letters A and B have the sample size of normal letter A (2) and, from AQL 25
 *   up, its plans (1/2, 2/3, 3/4, 5/6, 7/8, 10/11, 14/15, 21/22, 30/31).
 * Arrows that would leave the table are handled in `resolvePlan`.
 */
function masterCell(severity: Severity, letter: number, aql: number): Cell | null {
  if (letter >= SAMPLE_SIZES[severity].length) return null;
  if (severity === 'tightened' && letter === 16 && aql !== AQL_0_025) return null;
  if (severity === 'reduced' && letter <= 1 && aql >= AQL_25) return masterCell('normal', 0, aql);
  const d = letter + aql - 14;
  if (d < 0) return DOWN;
  if (d > 12 || (d >= 11 && letter >= LETTER_F)) return UP;
  return DIAGONALS[severity][d] as Cell;
}

/**
 * Follows the arrows: the first plan below ↓ or above ↑ (ISO 2859-1 10.2; the sample size is
 * then the new letter's). Where an arrow would leave the table — ↑ in the top row (normal and
 * reduced A at AQL 10), ↓ past the last row (e.g. normal R at 0.015, tightened R at 0.015,
 * reduced Q and R at 0.025) — the printed table points the other way, and so does this.
 */
function resolvePlan(
  severity: Severity,
  letter: number,
  aql: number,
): { letter: number; accept: number } {
  const walk = (step: 1 | -1) => {
    for (let k = letter; k >= 0; k += step) {
      const cell = masterCell(severity, k, aql);
      if (cell === null) return null;
      if (typeof cell === 'number') return { letter: k, accept: cell };
    }
    return null;
  };
  const first = masterCell(severity, letter, aql);
  const plan = walk(first === UP ? -1 : 1) ?? walk(first === UP ? 1 : -1);
  if (!plan)
    throw new Error(`no plan in the ${severity} table for ${CODE_LETTERS[letter]} at ${AQLS[aql]}`);
  return plan;
}

export type SamplingPlan = {
  /** Table 1 letter for the lot size and inspection level. */
  initialCodeLetter: CodeLetter;
  /** Letter of the plan used: differs from `initialCodeLetter` where the table has an arrow. */
  codeLetter: CodeLetter;
  /** Items to inspect: the plan's sample size, or the whole lot when `hundredPercent`. */
  sampleSize: number;
  /** The plan's sample size as printed in the master table. */
  tableSampleSize: number;
  /** Acceptance number Ac: accept the lot with at most this many nonconforming items. */
  accept: number;
  /** Rejection number Re (= Ac + 1): reject the lot with this many or more. */
  reject: number;
  /** The plan's sample size reaches the lot size: inspect every item (ISO 2859-1 10.2). */
  hundredPercent: boolean;
};

export type SamplingPlanInput = {
  /** Number of items in the lot (a whole number ≥ 1; a lot of 1 is inspected whole). */
  lotSize: number;
  level: InspectionLevel;
  /** One of `AQLS` (percent nonconforming up to 10, nonconformities per 100 items above). */
  aql: number;
  severity: Severity;
};

/** Index of an AQL in the standard series, or −1. Tolerates 0.65 vs 0.650 read from a decimal. */
export function aqlIndex(aql: number): number {
  return AQLS.findIndex((a) => Math.abs(a - aql) <= a * 1e-9);
}

/** Table 1: the sample size code letter for a lot size and inspection level. */
export function codeLetterFor(lotSize: number, level: InspectionLevel): CodeLetter {
  if (!Number.isSafeInteger(lotSize) || lotSize < 1) {
    throw new RangeError(`lot size must be a whole number of items ≥ 1, got ${lotSize}`);
  }
  const column = INSPECTION_LEVELS.indexOf(level);
  if (column < 0) {
    throw new RangeError(
      `unknown inspection level ${String(level)} (use ${INSPECTION_LEVELS.join(', ')})`,
    );
  }
  const row = TABLE_1.find(([maxLot]) => lotSize <= maxLot) as (typeof TABLE_1)[number];
  return row[1][column] as CodeLetter;
}

/**
 * The single sampling plan for a lot: Table 1 gives the code letter, the master table of the
 * current severity (II-A normal, II-B tightened, II-C reduced) the plan, following its arrows.
 * When the plan's sample size equals or exceeds the lot size every item is inspected, with the
 * plan's acceptance and rejection numbers.
 */
export function samplingPlan(input: SamplingPlanInput): SamplingPlan {
  const { lotSize, level, aql, severity } = input;
  const initial = codeLetterFor(lotSize, level);
  if (!SEVERITIES.includes(severity)) {
    throw new RangeError(`unknown severity ${String(severity)} (use ${SEVERITIES.join(', ')})`);
  }
  const column = aqlIndex(aql);
  if (column < 0)
    throw new RangeError(`AQL ${aql} is not in the ISO 2859-1 series (${AQLS.join(', ')})`);
  const { letter, accept } = resolvePlan(severity, CODE_LETTERS.indexOf(initial), column);
  const tableSampleSize = SAMPLE_SIZES[severity][letter] as number;
  const hundredPercent = tableSampleSize >= lotSize;
  return {
    initialCodeLetter: initial,
    codeLetter: CODE_LETTERS[letter] as CodeLetter,
    sampleSize: hundredPercent ? lotSize : tableSampleSize,
    tableSampleSize,
    accept,
    reject: accept + 1,
    hundredPercent,
  };
}

/** Accept with at most Ac nonconforming items (or nonconformities) in the sample, else reject. */
export function lotVerdict(
  plan: Pick<SamplingPlan, 'accept' | 'reject'>,
  defectives: number,
): LotVerdict {
  if (!Number.isSafeInteger(defectives) || defectives < 0) {
    throw new RangeError(`defectives must be a whole number ≥ 0, got ${defectives}`);
  }
  if (!Number.isSafeInteger(plan.accept) || plan.accept < 0 || plan.reject !== plan.accept + 1) {
    throw new RangeError(`not a single sampling plan: Ac ${plan.accept}, Re ${plan.reject}`);
  }
  return defectives <= plan.accept ? 'accept' : 'reject';
}

// Switching rules (ISO 2859-1:1999 clause 9) ---------------------------------------------------

export type SwitchingState = {
  severity: Severity;
  /** Clause 9.3.3.2; counted on normal inspection only, 0 elsewhere. */
  switchingScore: number;
  /** Original-inspection verdicts under the current severity, oldest first, at most 5. */
  recent: readonly LotVerdict[];
  /** Lots rejected since tightened inspection began (discontinue at 5). */
  rejectedOnTightened: number;
  /** Acceptance inspection stopped (clause 9.4) until the supplier has acted. */
  discontinued: boolean;
};

/** The result of a lot on original inspection (resubmitted lots do not count, clause 9.2). */
export type LotResult = {
  /** The plan the lot was inspected with (from `samplingPlan` under the state's severity). */
  plan: Pick<SamplingPlan, 'accept' | 'reject'>;
  /** Nonconforming items (or nonconformities) found in the sample. */
  defectives: number;
  /** Production is at a steady rate; false = irregular or delayed (9.3.3 b, 9.3.4 b). */
  steadyProduction: boolean;
  /** The responsible authority considers reduced inspection desirable (9.3.3 c); default no. */
  authorityApproves?: boolean;
  /** Other conditions warrant a return from reduced to normal inspection (9.3.4 c). */
  otherReasonForNormal?: boolean;
};

const fresh = (severity: Severity): SwitchingState => ({
  severity,
  switchingScore: 0,
  recent: [],
  rejectedOnTightened: 0,
  discontinued: false,
});

/** Inspection starts normal, with a switching score of 0 (clauses 9.1, 9.3.3.2). */
export function initialSwitchingState(): SwitchingState {
  return fresh('normal');
}

const NORMAL_ACCEPTANCE_NUMBERS = DIAGONALS.normal.filter(
  (c): c is number => typeof c === 'number',
);

/**
 * The acceptance number of the same sample one AQL step tighter in Table II-A: on a diagonal
 * that is the previous plan, so for Ac ≥ 2 simply the previous acceptance number (5 → 3,
 * 2 → 1). Used by the switching score.
 */
export function tighterAcceptanceNumber(accept: number): number {
  const i = NORMAL_ACCEPTANCE_NUMBERS.indexOf(accept);
  if (i < 2) throw new RangeError(`Ac ${accept} is not a normal-inspection acceptance number ≥ 2`);
  return NORMAL_ACCEPTANCE_NUMBERS[i - 1] as number;
}

/**
 * The switching score after one more lot on normal inspection (9.3.3.2, single sampling):
 * with Ac ≥ 2, add 3 if the lot would also have been accepted one AQL step tighter, otherwise
 * reset to 0; with Ac 0 or 1, add 2 if the lot was accepted, otherwise reset to 0.
 */
export function nextSwitchingScore(
  score: number,
  plan: Pick<SamplingPlan, 'accept' | 'reject'>,
  defectives: number,
): number {
  const verdict = lotVerdict(plan, defectives);
  if (plan.accept >= 2) return defectives <= tighterAcceptanceNumber(plan.accept) ? score + 3 : 0;
  return verdict === 'accept' ? score + 2 : 0;
}

/**
 * The inspection state after one more lot on original inspection:
 * - normal → tightened when 2 of the last 5 (or fewer) consecutive lots were rejected;
 * - normal → reduced when the switching score reaches 30, production is steady and the
 *   responsible authority approves;
 * - tightened → normal after 5 consecutive accepted lots;
 * - tightened → discontinued when 5 lots in all have been rejected on tightened inspection;
 * - reduced → normal when a lot is rejected, production is irregular or delayed, or other
 *   conditions warrant it.
 * Each switch starts the new severity afresh (score 0, no recent lots). A discontinued state
 * takes no more lots: see `resumeInspection`.
 */
export function nextState(state: SwitchingState, lot: LotResult): SwitchingState {
  if (state.discontinued) {
    throw new RangeError(
      'inspection is discontinued: resume it (tightened) once the supplier has acted',
    );
  }
  const verdict = lotVerdict(lot.plan, lot.defectives);
  const recent = [...state.recent, verdict].slice(-5);
  const rejected = recent.filter((v) => v === 'reject').length;
  switch (state.severity) {
    case 'normal': {
      if (rejected >= 2) return fresh('tightened');
      const score = nextSwitchingScore(state.switchingScore, lot.plan, lot.defectives);
      if (score >= 30 && lot.steadyProduction && lot.authorityApproves === true)
        return fresh('reduced');
      return { ...fresh('normal'), switchingScore: score, recent };
    }
    case 'tightened': {
      const rejectedOnTightened = state.rejectedOnTightened + (verdict === 'reject' ? 1 : 0);
      if (rejectedOnTightened >= 5)
        return { ...fresh('tightened'), recent, rejectedOnTightened, discontinued: true };
      if (recent.length === 5 && rejected === 0) return fresh('normal');
      return { ...fresh('tightened'), recent, rejectedOnTightened };
    }
    case 'reduced': {
      if (verdict === 'reject' || !lot.steadyProduction || lot.otherReasonForNormal === true)
        return fresh('normal');
      return { ...fresh('reduced'), recent };
    }
    default:
      throw new RangeError(`unknown severity ${String(state.severity)}`);
  }
}

/** After a discontinuation and the supplier's corrective action: tightened inspection (9.4). */
export function resumeInspection(state: SwitchingState): SwitchingState {
  if (!state.discontinued) throw new RangeError('inspection is not discontinued');
  return fresh('tightened');
}

/** One lot of a plan's history: its first inspection decision, as corrected. */
export type LotDecision = {
  /** Lot size in items (a whole number ≥ 1). */
  lotSize: number;
  /** The decision on original inspection (after corrections of that same record). */
  verdict: 'pass' | 'fail';
  /** Nonconforming items counted in the sample, when recorded. */
  defectives: number | null;
};

/** An inspection record as the switching history reads it. */
export type HistoryRecord = {
  id: string;
  lotId: string;
  /** The record this one corrects, or null for an original inspection. */
  supersedesId: string | null;
  inspectedAt: Date;
  verdict: 'pass' | 'fail';
  defectives: number | null;
  lotSize: number;
};

/**
 * A plan's history as lots, in the order they were first inspected: each lot once, with its
 * FIRST original inspection (a re-inspection of the same lot, e.g. after rework, is a
 * resubmitted lot and does not count, ISO 2859-1 9.2) as corrected — the last record of that
 * inspection's chain of corrections replaces it. `records` are oldest first; with `since`,
 * lots first inspected before it are left out (the history restarts there).
 */
export function lotDecisions(
  records: readonly HistoryRecord[],
  since?: Date | null,
): LotDecision[] {
  const successor = new Map<string, HistoryRecord>();
  for (const r of records) if (r.supersedesId !== null) successor.set(r.supersedesId, r);
  const seen = new Set<string>();
  const out: LotDecision[] = [];
  for (const r of records) {
    if (r.supersedesId !== null || seen.has(r.lotId)) continue;
    seen.add(r.lotId);
    if (since && r.inspectedAt < since) continue;
    let effective = r;
    for (let next = successor.get(r.id); next; next = successor.get(next.id)) effective = next;
    out.push({ lotSize: r.lotSize, verdict: effective.verdict, defectives: effective.defectives });
  }
  return out;
}

/**
 * The switching state after a sequence of lots, oldest first, starting from `start` (normal
 * inspection by default; tightened after a restart). Each lot is judged with the plan of the
 * severity in force when it came (`samplingPlan`); the recorded verdict is the lot's decision
 * (a failed characteristic rejects a lot whatever the count), the count of defectives only
 * refines the switching score — a passing lot without a count counts as 0 defectives, a
 * failing one as Re. Reduced inspection needs the responsible authority's approval
 * (`authorityApproves`, default no, 9.3.3 c). Discontinuation is terminal: the lots after it do
 * not change the state (inspection under the plan stops until `resumeInspection`).
 */
export function replaySwitching(
  lots: Iterable<LotDecision>,
  params: { level: InspectionLevel; aql: number; authorityApproves?: boolean },
  start: SwitchingState = initialSwitchingState(),
): SwitchingState {
  let state = start;
  for (const lot of lots) {
    if (state.discontinued) break;
    state = nextLotState(state, lot, params);
  }
  return state;
}

/** `replaySwitching` for one more lot (a discontinued state stays as it is). */
export function nextLotState(
  state: SwitchingState,
  lot: LotDecision,
  params: { level: InspectionLevel; aql: number; authorityApproves?: boolean },
): SwitchingState {
  if (state.discontinued) return state;
  const plan = samplingPlan({
    lotSize: lot.lotSize,
    level: params.level,
    aql: params.aql,
    severity: state.severity,
  });
  const d = lot.defectives ?? 0;
  const defectives = lot.verdict === 'pass' ? Math.min(d, plan.accept) : Math.max(d, plan.reject);
  return nextState(state, {
    plan,
    defectives,
    steadyProduction: true,
    authorityApproves: params.authorityApproves === true,
  });
}

// Requirements in words ----------------------------------------------------------------------

/** A specification item's limits as a certificate states them. */
export type RequirementLimits = {
  lower: number | null;
  upper: number | null;
  target: number | null;
  /** Attributes: what passing means (true: present / conforms, false: absent / none). */
  expectedPass: boolean | null;
};

const REQUIREMENT_WORDS = {
  id: {
    min: 'min.',
    max: 'maks.',
    target: 'target',
    none: 'tidak ada',
    conforms: 'memenuhi',
    fails: 'tidak memenuhi',
  },
  en: {
    min: 'min.',
    max: 'max.',
    target: 'target',
    none: 'none',
    conforms: 'conforms',
    fails: 'does not conform',
  },
} as const;

// Numbers are written as the results are (a decimal point in both languages), so a requirement
// and its result read alike on one certificate.
const num = (v: number, _lang: 'id' | 'en') => String(v);

/**
 * The requirement of one item in words of one language: "30 – 35", "min. 30", "maks. 5" /
 * "max. 5" (with the target when there is one), and for attributes "memenuhi" / "conforms" or,
 * when passing means absence, "tidak ada" / "none".
 */
export function requirementText(l: RequirementLimits, lang: 'id' | 'en'): string {
  const w = REQUIREMENT_WORDS[lang];
  const range =
    l.lower !== null && l.upper !== null
      ? `${num(l.lower, lang)} – ${num(l.upper, lang)}`
      : l.lower !== null
        ? `${w.min} ${num(l.lower, lang)}`
        : l.upper !== null
          ? `${w.max} ${num(l.upper, lang)}`
          : null;
  if (range === null) return l.expectedPass === false ? w.none : w.conforms;
  return l.target !== null ? `${range} (${w.target} ${num(l.target, lang)})` : range;
}

/** An attribute's observed result in words: conforms or not. */
export function attributeResultText(passed: boolean, lang: 'id' | 'en'): string {
  const w = REQUIREMENT_WORDS[lang];
  return passed ? w.conforms : w.fails;
}

// Verdicts against a specification ---------------------------------------------------------

export type Characteristic =
  | {
      kind: 'numeric';
      unit: string;
      /** Inclusive limits; null = no limit on that side. */
      lower: number | null;
      upper: number | null;
      target?: number | null;
      /** What a measurement can physically be (e.g. 0–100 %); outside is a typing mistake. */
      physicalMin?: number | null;
      physicalMax?: number | null;
    }
  | {
      kind: 'attribute';
      /** What passing means for the observed boolean (default true: present / conforms). */
      expected?: boolean;
    };

export type MeasurementProblem = 'out_of_physical_range' | 'wrong_type';
export type ValueVerdict = 'pass' | 'fail';
export type OverallVerdict = 'pass' | 'fail' | 'incomplete';

/**
 * Why a value cannot be a measurement of the characteristic: a numeric characteristic takes a
 * finite number within its physical range, an attribute a boolean. Null when it can.
 */
export function measurementProblem(
  char: Characteristic,
  value: unknown,
): MeasurementProblem | null {
  if (char.kind === 'attribute') return typeof value === 'boolean' ? null : 'wrong_type';
  if (typeof value !== 'number' || !Number.isFinite(value)) return 'wrong_type';
  if (char.physicalMin != null && value < char.physicalMin) return 'out_of_physical_range';
  if (char.physicalMax != null && value > char.physicalMax) return 'out_of_physical_range';
  return null;
}

/**
 * Pass or fail of one measured value. Limits are inclusive (moisture ≤ 7.5 % passes at 7.5).
 * The value must be a measurement (`measurementProblem` null), else this throws.
 */
export function valueVerdict(char: Characteristic, value: unknown): ValueVerdict {
  const problem = measurementProblem(char, value);
  if (problem)
    throw new RangeError(`not a measurement of this characteristic (${problem}): ${String(value)}`);
  if (char.kind === 'attribute') return value === (char.expected ?? true) ? 'pass' : 'fail';
  const v = value as number;
  if (char.lower !== null && char.upper !== null && char.lower > char.upper) {
    throw new RangeError(`lower limit ${char.lower} is above upper limit ${char.upper}`);
  }
  const ok = (char.lower === null || v >= char.lower) && (char.upper === null || v <= char.upper);
  return ok ? 'pass' : 'fail';
}

/**
 * The verdict of an inspection from its characteristics' verdicts (null = not measured):
 * any fail → 'fail' (a failure is final even while other results are missing); else a required
 * characteristic not measured → 'incomplete'; else 'pass' — which needs at least one measured
 * result, so an empty inspection never releases a lot.
 */
export function overallVerdict(
  results: readonly { required: boolean; verdict: ValueVerdict | null }[],
): OverallVerdict {
  if (results.some((r) => r.verdict === 'fail')) return 'fail';
  if (results.some((r) => r.required && r.verdict === null)) return 'incomplete';
  return results.some((r) => r.verdict === 'pass') ? 'pass' : 'incomplete';
}

// Yield, mass balance and pooled batches ------------------------------------------------------

/** Default tolerance of the mass balance: 0.5 % of what went in (two scales never agree). */
export const DEFAULT_MASS_TOLERANCE_BP = 50;

/** Kilograms to whole grams (half up), for a finite value ≥ 0. */
export function kgToGrams(kg: number, name = 'mass'): number {
  if (typeof kg !== 'number' || !Number.isFinite(kg) || kg < 0) {
    throw new RangeError(`${name} must be a finite number of kg ≥ 0, got ${kg}`);
  }
  const grams = Math.round(kg * 1000);
  if (!Number.isSafeInteger(grams)) throw new RangeError(`${name} is too large: ${kg} kg`);
  return grams;
}

const sumGrams = (kgs: readonly number[], name: string): number =>
  kgs.reduce((total, kg, i) => total + kgToGrams(kg, `${name}[${i}]`), 0);

export type MassBalanceInput = {
  inputsKg: readonly number[];
  outputsKg: readonly number[];
  wasteKg: number;
  /** Mass the process adds and the operator states (e.g. water taken up); default 0. */
  statedGainKg?: number;
  /** Allowed excess; default `DEFAULT_MASS_TOLERANCE_BP` of inputs + stated gain. */
  toleranceKg?: number;
};
export type MassBalanceProblem = {
  code: 'outputs_exceed_inputs';
  excessKg: number;
  toleranceKg: number;
};

/**
 * Outputs + waste may not exceed inputs + stated gain by more than the tolerance: mass does not
 * appear from nowhere, so an excess means a missing input lot or a mistyped weight. Losses are
 * allowed (distillation loses water, drying loses moisture). Computed in whole grams.
 */
export function massBalanceProblem(input: MassBalanceInput): MassBalanceProblem | null {
  const inG =
    sumGrams(input.inputsKg, 'inputsKg') + kgToGrams(input.statedGainKg ?? 0, 'statedGainKg');
  const outG = sumGrams(input.outputsKg, 'outputsKg') + kgToGrams(input.wasteKg, 'wasteKg');
  const tolG =
    input.toleranceKg === undefined
      ? Math.round((inG * DEFAULT_MASS_TOLERANCE_BP) / 10_000)
      : kgToGrams(input.toleranceKg, 'toleranceKg');
  const excessG = outG - inG;
  return excessG > tolG
    ? { code: 'outputs_exceed_inputs', excessKg: excessG / 1000, toleranceKg: tolG / 1000 }
    : null;
}

/** Yield (rendemen) in percent: output / input × 100, not rounded. */
export function yieldPercent(outputKg: number, inputKg: number): number {
  kgToGrams(outputKg, 'outputKg');
  if (kgToGrams(inputKg, 'inputKg') === 0) throw new RangeError('input must be more than 0 kg');
  return (outputKg / inputKg) * 100;
}

/**
 * Splits `total` whole units in proportion to whole-number `weights` (sum > 0) by largest
 * remainder: everyone gets the floor of their exact share, then the units left over go one each
 * to the largest remainders, ties to the earlier entry. The parts sum to `total` exactly.
 */
function largestRemainder(total: number, weights: readonly number[]): number[] {
  const t = BigInt(total);
  const sum = weights.reduce((a, w) => a + BigInt(w), 0n);
  const exact = weights.map((w) => BigInt(w) * t);
  const parts = exact.map((e) => e / sum);
  let left = Number(t - parts.reduce((a, p) => a + p, 0n));
  const order = exact
    .map((e, i) => ({ i, r: e % sum }))
    .sort((a, b) => (a.r === b.r ? a.i - b.i : a.r > b.r ? -1 : 1));
  for (const { i } of order) {
    if (left-- <= 0) break;
    parts[i] = (parts[i] as bigint) + 1n;
  }
  return parts.map(Number);
}

export type OwnerShare = { ownerId: string; kg: number; shareBp: number };

/**
 * Each owner's share of a pooled batch from the kilograms they brought (one owner may appear in
 * several inputs; order of first appearance is kept). Shares are basis points summing to exactly
 * 10 000, rounded by largest remainder on the owners' grams (ties to the earlier owner).
 */
export function ownerShares(inputs: readonly { ownerId: string; kg: number }[]): OwnerShare[] {
  const grams = new Map<string, number>();
  inputs.forEach(({ ownerId, kg }, i) => {
    if (typeof ownerId !== 'string' || ownerId === '')
      throw new RangeError(`inputs[${i}] has no owner`);
    grams.set(ownerId, (grams.get(ownerId) ?? 0) + kgToGrams(kg, `inputs[${i}].kg`));
  });
  const owners = [...grams];
  if (owners.reduce((a, [, g]) => a + g, 0) === 0)
    throw new RangeError('a pooled batch needs more than 0 kg of input');
  const bp = largestRemainder(
    10_000,
    owners.map(([, g]) => g),
  );
  return owners.map(([ownerId, g], i) => ({ ownerId, kg: g / 1000, shareBp: bp[i] as number }));
}

export type OwnerOutput = { ownerId: string; grams: number; kg: number };

/**
 * An output lot split by shares: whole grams per owner (`kg` = grams / 1000, 3 decimals) that sum
 * to the output exactly, by largest remainder (ties to the earlier owner). Shares must be whole
 * basis points of distinct owners summing to 10 000.
 */
export function splitOutput(
  outputKg: number,
  shares: readonly { ownerId: string; shareBp: number }[],
): OwnerOutput[] {
  const total = kgToGrams(outputKg, 'outputKg');
  const seen = new Set<string>();
  for (const { ownerId, shareBp } of shares) {
    if (!Number.isInteger(shareBp) || shareBp < 0 || shareBp > 10_000) {
      throw new RangeError(
        `share of ${ownerId} must be whole basis points in 0…10000, got ${shareBp}`,
      );
    }
    if (seen.has(ownerId)) throw new RangeError(`owner ${ownerId} appears twice`);
    seen.add(ownerId);
  }
  const sum = shares.reduce((a, s) => a + s.shareBp, 0);
  if (sum !== 10_000) throw new RangeError(`shares must sum to 10000 basis points, got ${sum}`);
  const grams = largestRemainder(
    total,
    shares.map((s) => s.shareBp),
  );
  return shares.map(({ ownerId }, i) => ({
    ownerId,
    grams: grams[i] as number,
    kg: (grams[i] as number) / 1000,
  }));
}

// Lot codes -------------------------------------------------------------------------------------

export type LotKind = 'intake' | 'output' | 'byproduct' | 'pooled';
export const LOT_KIND_CODES: Record<LotKind, string> = {
  intake: 'IN',
  output: 'OUT',
  byproduct: 'BP',
  pooled: 'PL',
};

const SITE_CODE = /^[A-Z0-9]+(?:-[A-Z0-9]+)*$/;
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/**
 * A lot's code: `{SITE}-{KIND}-{YYMMDD}-{seq}`, e.g. `ATM-01-IN-260721-0003`. The site code is
 * upper-cased (letters, digits, single hyphens, ≤ 20 characters), the date is the site-local
 * calendar date (2000–2099), `seq` the lot's number of that kind on that day at that site
 * (1…9999, four digits).
 */
export function lotCode(input: {
  siteCode: string;
  date: string;
  kind: LotKind;
  seq: number;
}): string {
  const site = typeof input.siteCode === 'string' ? input.siteCode.trim().toUpperCase() : '';
  if (site.length > 20 || !SITE_CODE.test(site)) {
    throw new RangeError(
      `site code must be letters and digits in hyphen-separated groups, got ${input.siteCode}`,
    );
  }
  const kind = Object.hasOwn(LOT_KIND_CODES, input.kind) ? LOT_KIND_CODES[input.kind] : undefined;
  if (!kind) throw new RangeError(`unknown lot kind ${String(input.kind)}`);
  const m = ISO_DATE.exec(input.date);
  const [y, mo, d] = m ? [Number(m[1]), Number(m[2]), Number(m[3])] : [0, 0, 0];
  const leap = y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0);
  const daysInMonth = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][mo - 1] ?? 0;
  if (y < 2000 || y > 2099 || d < 1 || d > daysInMonth) {
    throw new RangeError(`date must be a calendar date YYYY-MM-DD in 2000–2099, got ${input.date}`);
  }
  if (!Number.isInteger(input.seq) || input.seq < 1 || input.seq > 9999) {
    throw new RangeError(`sequence must be a whole number in 1…9999, got ${input.seq}`);
  }
  return `${site}-${kind}-${input.date.slice(2, 4)}${input.date.slice(5, 7)}${input.date.slice(8, 10)}-${String(input.seq).padStart(4, '0')}`;
}

// Specifications --------------------------------------------------------------------------------

/** A characteristic of the library as a specification item sees it. */
export type LibraryCharacteristic = {
  id: string;
  kind: 'numeric' | 'attribute';
  unit: string | null;
  physicalMin: number | null;
  physicalMax: number | null;
};

/** One item of a specification as entered: limits, target, or what passing means. */
export type SpecItemInput = {
  characteristicId: string;
  unit?: string | null | undefined;
  lower: number | null;
  upper: number | null;
  target: number | null;
  expectedPass: boolean | null;
};

export type SpecItemProblemCode =
  | 'characteristic_not_found'
  | 'spec_duplicate_characteristic'
  | 'spec_unit_mismatch'
  | 'spec_attribute_limits'
  | 'spec_numeric_needs_limit'
  | 'spec_limits_order'
  | 'spec_limit_out_of_range';

export type SpecItemProblem = {
  /** The field: `items.<i>.<lower|upper|target|unit|characteristicId|expectedPass>`. */
  path: string;
  code: SpecItemProblemCode;
  index: number;
  params: Record<string, string | number>;
};

/**
 * Everything wrong with the items of a specification, field by field: each characteristic once
 * and from the library; the unit (when given) the characteristic's own; attributes take no
 * numbers, numeric characteristics at least one limit; lower ≤ target ≤ upper; every number
 * within the characteristic's physical range (a value outside it is usually the wrong unit).
 */
export function specItemProblems(
  items: readonly SpecItemInput[],
  library: readonly LibraryCharacteristic[],
): SpecItemProblem[] {
  const out: SpecItemProblem[] = [];
  const seen = new Set<string>();
  items.forEach((it, index) => {
    const at = (field: string) => `items.${index}.${field}`;
    const push = (field: string, code: SpecItemProblemCode, params = {}) =>
      out.push({ path: at(field), code, index, params });
    const c = library.find((x) => x.id === it.characteristicId);
    if (!c) return push('characteristicId', 'characteristic_not_found');
    if (seen.has(c.id)) return push('characteristicId', 'spec_duplicate_characteristic');
    seen.add(c.id);
    if (c.kind === 'attribute') {
      if (it.lower !== null || it.upper !== null || it.target !== null)
        push('lower', 'spec_attribute_limits');
      return;
    }
    if (it.unit != null && it.unit !== c.unit)
      push('unit', 'spec_unit_mismatch', { unit: it.unit, expected: c.unit ?? '' });
    if (it.lower === null && it.upper === null) return push('lower', 'spec_numeric_needs_limit');
    for (const field of ['lower', 'target', 'upper'] as const) {
      const v = it[field];
      if (v === null) continue;
      if (
        (c.physicalMin !== null && v < c.physicalMin) ||
        (c.physicalMax !== null && v > c.physicalMax)
      )
        push(field, 'spec_limit_out_of_range', {
          value: v,
          min: c.physicalMin ?? '-∞',
          max: c.physicalMax ?? '∞',
          unit: c.unit ?? '',
        });
    }
    const { lower, upper, target } = it;
    if (lower !== null && upper !== null && lower > upper)
      push('upper', 'spec_limits_order', { lower, target: target ?? '-', upper });
    else if (
      target !== null &&
      ((lower !== null && target < lower) || (upper !== null && target > upper))
    )
      push('target', 'spec_limits_order', { lower: lower ?? '-∞', target, upper: upper ?? '∞' });
  });
  return out;
}

/** The AQL as one of the ISO 2859-1 preferred values, or null when it is not one of them. */
export function preferredAql(aql: number): number | null {
  const i = aqlIndex(aql);
  return i < 0 ? null : AQLS[i]!;
}
