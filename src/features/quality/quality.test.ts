import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  AQLS,
  CODE_LETTERS,
  DEFAULT_MASS_TOLERANCE_BP,
  INSPECTION_LEVELS,
  SEVERITIES,
  attributeResultText,
  codeLetterFor,
  initialSwitchingState,
  lotCode,
  lotDecisions,
  lotVerdict,
  massBalanceProblem,
  measurementProblem,
  nextLotState,
  nextState,
  nextSwitchingScore,
  overallVerdict,
  ownerShares,
  preferredAql,
  specItemProblems,
  replaySwitching,
  requirementText,
  resumeInspection,
  samplingPlan,
  splitOutput,
  tighterAcceptanceNumber,
  valueVerdict,
  yieldPercent,
  type Characteristic,
  type InspectionLevel,
  type HistoryRecord,
  type LotDecision,
  type LotResult,
  type LotVerdict,
  type SamplingPlan,
  type Severity,
  type SwitchingState,
} from './quality.js';

// ISO 2859-1 Table 1 ----------------------------------------------------------------------------

describe('codeLetterFor (Table 1)', () => {
  it('gives the letter of each lot-size range at level II, at both ends of every range', () => {
    const ranges: [number, number, string][] = [
      [2, 8, 'A'],
      [9, 15, 'B'],
      [16, 25, 'C'],
      [26, 50, 'D'],
      [51, 90, 'E'],
      [91, 150, 'F'],
      [151, 280, 'G'],
      [281, 500, 'H'],
      [501, 1200, 'J'],
      [1201, 3200, 'K'],
      [3201, 10000, 'L'],
      [10001, 35000, 'M'],
      [35001, 150000, 'N'],
      [150001, 500000, 'P'],
      [500001, 50_000_000, 'Q'],
    ];
    for (const [lo, hi, letter] of ranges) {
      expect(codeLetterFor(lo, 'II'), `lot ${lo}`).toBe(letter);
      expect(codeLetterFor(hi, 'II'), `lot ${hi}`).toBe(letter);
    }
  });

  it('gives the letters of all seven levels (S-1 … III) for sample rows', () => {
    const row = (lot: number) => INSPECTION_LEVELS.map((l) => codeLetterFor(lot, l)).join('');
    expect(row(5)).toBe('AAAAAAB');
    expect(row(20)).toBe('AABBBCD');
    expect(row(60)).toBe('BBCCCEF');
    expect(row(400)).toBe('BCDEFHJ');
    expect(row(1000)).toBe('CCEFGJK');
    expect(row(5000)).toBe('CDFGJLM');
    expect(row(20000)).toBe('CDFHKMN');
    expect(row(200000)).toBe('DEGJMPQ');
    expect(row(600000)).toBe('DEHKNQR');
  });

  it('treats a lot of one item like the smallest range and refuses impossible lots', () => {
    expect(codeLetterFor(1, 'III')).toBe('B');
    for (const bad of [0, -5, 2.5, Number.NaN, Number.POSITIVE_INFINITY]) {
      expect(() => codeLetterFor(bad, 'II')).toThrow(RangeError);
    }
    expect(() => codeLetterFor(100, 'IV' as InspectionLevel)).toThrow(/inspection level/);
  });
});

// ISO 2859-1 Tables II-A, II-B, II-C -------------------------------------------------------------

type Pinned = [
  severity: Severity,
  lotSize: number,
  level: InspectionLevel,
  aql: number,
  initial: string,
  letter: string,
  tableN: number,
  ac: number,
];

/**
 * Cells of the master tables, with the arrows followed. Each row: severity, lot, level, AQL →
 * Table 1 letter, letter of the plan used, the table's sample size, Ac (Re = Ac + 1).
 */
const PINNED: Pinned[] = [
  // Normal (II-A), lot 1000 level II → J, n 80: the brief's examples and the J row around them.
  ['normal', 1000, 'II', 0.15, 'J', 'J', 80, 0],
  ['normal', 1000, 'II', 0.25, 'J', 'H', 50, 0], // ↑
  ['normal', 1000, 'II', 0.4, 'J', 'K', 125, 1], // ↓
  ['normal', 1000, 'II', 0.65, 'J', 'J', 80, 1],
  ['normal', 1000, 'II', 1.0, 'J', 'J', 80, 2],
  ['normal', 1000, 'II', 1.5, 'J', 'J', 80, 3],
  ['normal', 1000, 'II', 2.5, 'J', 'J', 80, 5],
  ['normal', 1000, 'II', 4.0, 'J', 'J', 80, 7],
  ['normal', 1000, 'II', 6.5, 'J', 'J', 80, 10],
  ['normal', 1000, 'II', 10, 'J', 'J', 80, 14],
  ['normal', 1000, 'II', 15, 'J', 'J', 80, 21],
  ['normal', 1000, 'II', 25, 'J', 'H', 50, 21], // ↑: 30/31 only for letters A–E
  ['normal', 500, 'II', 1.0, 'H', 'H', 50, 1],
  ['normal', 500, 'II', 0.65, 'H', 'J', 80, 1], // ↓
  ['normal', 40, 'II', 0.65, 'D', 'F', 20, 0], // D ↓ E ↓ F
  ['normal', 20, 'I', 1.5, 'B', 'D', 8, 0], // B ↓ C ↓ D
  ['normal', 120, 'II', 4.0, 'F', 'F', 20, 2],
  ['normal', 5, 'II', 6.5, 'A', 'A', 2, 0],
  ['normal', 5, 'II', 10, 'A', 'C', 5, 1], // ↑ off the top row turns ↓
  ['normal', 5, 'II', 15, 'A', 'B', 3, 1],
  ['normal', 5, 'II', 1000, 'A', 'A', 2, 30],
  ['normal', 12, 'II', 1000, 'B', 'B', 3, 44],
  ['normal', 20, 'II', 1000, 'C', 'B', 3, 44], // ↑
  ['normal', 70, 'II', 150, 'E', 'E', 13, 30],
  ['normal', 120, 'II', 150, 'F', 'E', 13, 30], // ↑
  ['normal', 120, 'II', 100, 'F', 'E', 13, 21], // ↑
  ['normal', 3000, 'II', 0.04, 'K', 'M', 315, 0],
  ['normal', 1_000_000, 'III', 0.01, 'R', 'Q', 1250, 0], // ↑
  ['normal', 1_000_000, 'III', 0.015, 'R', 'P', 800, 0], // ↓ off the table turns ↑
  ['normal', 1_000_000, 'III', 0.025, 'R', 'R', 2000, 1],
  ['normal', 300_000, 'II', 0.025, 'P', 'N', 500, 0], // ↑
  ['normal', 1_000_000, 'III', 1.0, 'R', 'Q', 1250, 21], // ↑
  ['normal', 800, 'S-2', 2.5, 'C', 'C', 5, 0],
  ['normal', 100_000, 'S-4', 1.0, 'J', 'J', 80, 2],
  // Tightened (II-B).
  ['tightened', 1000, 'II', 1.0, 'J', 'J', 80, 1],
  ['tightened', 1000, 'II', 0.65, 'J', 'K', 125, 1], // ↓
  ['tightened', 1000, 'II', 0.4, 'J', 'L', 200, 1], // ↓ ↓
  ['tightened', 1000, 'II', 0.25, 'J', 'J', 80, 0],
  ['tightened', 1000, 'II', 1.5, 'J', 'J', 80, 2],
  ['tightened', 1000, 'II', 2.5, 'J', 'J', 80, 3],
  ['tightened', 1000, 'II', 4.0, 'J', 'J', 80, 5],
  ['tightened', 1000, 'II', 6.5, 'J', 'J', 80, 8],
  ['tightened', 1000, 'II', 10, 'J', 'J', 80, 12],
  ['tightened', 1000, 'II', 15, 'J', 'J', 80, 18],
  ['tightened', 1000, 'II', 25, 'J', 'H', 50, 18], // ↑
  ['tightened', 500, 'II', 1.0, 'H', 'J', 80, 1], // ↓
  ['tightened', 5, 'II', 6.5, 'A', 'B', 3, 0], // ↓
  ['tightened', 5, 'II', 10, 'A', 'A', 2, 0],
  ['tightened', 5, 'II', 1000, 'A', 'A', 2, 27],
  ['tightened', 12, 'II', 1000, 'B', 'B', 3, 41],
  ['tightened', 120, 'II', 150, 'F', 'E', 13, 27], // ↑
  ['tightened', 300_000, 'II', 0.025, 'P', 'P', 800, 0],
  ['tightened', 1_000_000, 'II', 0.025, 'Q', 'S', 3150, 1], // ↓ ↓ to the extra letter S
  ['tightened', 1_000_000, 'III', 0.025, 'R', 'S', 3150, 1], // ↓
  ['tightened', 1_000_000, 'III', 0.01, 'R', 'R', 2000, 0],
  ['tightened', 1_000_000, 'III', 0.015, 'R', 'Q', 1250, 0], // ↓ off the table turns ↑
  ['tightened', 1_000_000, 'III', 0.04, 'R', 'R', 2000, 1],
  // Reduced (II-C, 1999 edition: Re = Ac + 1 everywhere).
  ['reduced', 1000, 'II', 1.0, 'J', 'J', 32, 1],
  ['reduced', 1000, 'II', 0.65, 'J', 'K', 50, 1], // ↓
  ['reduced', 1000, 'II', 0.4, 'J', 'L', 80, 1], // ↓ ↓
  ['reduced', 1000, 'II', 0.25, 'J', 'H', 20, 0], // ↑
  ['reduced', 1000, 'II', 1.5, 'J', 'J', 32, 2],
  ['reduced', 1000, 'II', 2.5, 'J', 'J', 32, 3],
  ['reduced', 1000, 'II', 4.0, 'J', 'J', 32, 5],
  ['reduced', 1000, 'II', 6.5, 'J', 'J', 32, 6],
  ['reduced', 1000, 'II', 10, 'J', 'J', 32, 8],
  ['reduced', 1000, 'II', 15, 'J', 'J', 32, 10],
  ['reduced', 1000, 'II', 25, 'J', 'H', 20, 10], // ↑
  ['reduced', 125, 'III', 1.0, 'G', 'J', 32, 1], // G ↓ H ↓ J (the 1989 table gave H 0/2)
  ['reduced', 2000, 'II', 2.5, 'K', 'K', 50, 5],
  ['reduced', 5, 'II', 10, 'A', 'D', 3, 1], // ↑ off the top row turns ↓
  ['reduced', 12, 'II', 150, 'B', 'B', 2, 7], // A and B share normal A's plans from AQL 25
  ['reduced', 20, 'II', 150, 'C', 'C', 2, 8],
  ['reduced', 70, 'II', 1000, 'E', 'B', 2, 30], // ↑ ↑ ↑
  ['reduced', 300_000, 'II', 0.025, 'P', 'N', 200, 0], // ↑
  ['reduced', 1_000_000, 'II', 0.025, 'Q', 'N', 200, 0], // ↓ off the table turns ↑
  ['reduced', 1_000_000, 'III', 0.025, 'R', 'N', 200, 0],
  ['reduced', 1_000_000, 'III', 0.015, 'R', 'P', 315, 0],
  ['reduced', 1_000_000, 'III', 0.04, 'R', 'R', 800, 1],
];

describe('samplingPlan (Tables II-A, II-B, II-C)', () => {
  it.each(PINNED)(
    '%s, lot %i, level %s, AQL %s → %s, plan %s n=%i Ac=%i',
    (severity, lotSize, level, aql, initial, letter, tableN, ac) => {
      const plan = samplingPlan({ lotSize, level, aql, severity });
      expect(plan).toMatchObject({
        initialCodeLetter: initial,
        codeLetter: letter,
        tableSampleSize: tableN,
        accept: ac,
        reject: ac + 1,
      });
      expect(plan.hundredPercent).toBe(tableN >= lotSize);
    },
  );

  it('inspects the whole lot when the sample would reach it', () => {
    // B at 0.65 follows the arrow down to F, n = 20 > 10 items.
    expect(samplingPlan({ lotSize: 10, level: 'II', aql: 0.65, severity: 'normal' })).toEqual({
      initialCodeLetter: 'B',
      codeLetter: 'F',
      sampleSize: 10,
      tableSampleSize: 20,
      accept: 0,
      reject: 1,
      hundredPercent: true,
    });
    // Equal is enough: A at 6.5 samples 2 of 2.
    const two = samplingPlan({ lotSize: 2, level: 'II', aql: 6.5, severity: 'normal' });
    expect([two.sampleSize, two.hundredPercent]).toEqual([2, true]);
    const three = samplingPlan({ lotSize: 3, level: 'II', aql: 6.5, severity: 'normal' });
    expect([three.sampleSize, three.hundredPercent]).toEqual([2, false]);
    const one = samplingPlan({ lotSize: 1, level: 'S-1', aql: 2.5, severity: 'reduced' });
    expect([one.sampleSize, one.hundredPercent]).toEqual([1, true]);
    const big = samplingPlan({ lotSize: 2500, level: 'II', aql: 1.0, severity: 'tightened' });
    expect([big.sampleSize, big.hundredPercent]).toEqual([125, false]);
  });

  it('accepts AQLs as read from a decimal column', () => {
    const a = samplingPlan({
      lotSize: 1000,
      level: 'II',
      aql: Number('0.650'),
      severity: 'normal',
    });
    const b = samplingPlan({ lotSize: 1000, level: 'II', aql: 0.65, severity: 'normal' });
    expect(a).toEqual(b);
    expect(
      samplingPlan({ lotSize: 1000, level: 'II', aql: 0.1 + 0.2 + 0.1, severity: 'normal' }),
    ).toEqual(samplingPlan({ lotSize: 1000, level: 'II', aql: 0.4, severity: 'normal' }));
  });

  it('refuses unknown AQLs, lot sizes, levels and severities with clear errors', () => {
    const ok = { lotSize: 100, level: 'II' as const, aql: 1.0, severity: 'normal' as const };
    expect(() => samplingPlan({ ...ok, aql: 2 })).toThrow(/AQL 2 is not in the ISO 2859-1 series/);
    expect(() => samplingPlan({ ...ok, aql: 0 })).toThrow(RangeError);
    expect(() => samplingPlan({ ...ok, aql: Number.NaN })).toThrow(RangeError);
    expect(() => samplingPlan({ ...ok, lotSize: 0 })).toThrow(/lot size/);
    expect(() => samplingPlan({ ...ok, lotSize: 12.5 })).toThrow(/lot size/);
    expect(() => samplingPlan({ ...ok, level: 'S-5' as InspectionLevel })).toThrow(/level/);
    expect(() => samplingPlan({ ...ok, severity: 'strict' as Severity })).toThrow(/severity/);
  });

  it('gives a plan for every lot, level, AQL and severity, with Re = Ac + 1 and a table n', () => {
    const acSeries: Record<Severity, number[]> = {
      normal: [0, 1, 2, 3, 5, 7, 10, 14, 21, 30, 44],
      tightened: [0, 1, 2, 3, 5, 8, 12, 18, 27, 41],
      reduced: [0, 1, 2, 3, 5, 6, 7, 8, 10, 14, 21, 30], // 7 and 30: letters A and B only
    };
    const lots = [2, 9, 16, 26, 51, 91, 151, 281, 501, 1201, 3201, 10001, 35001, 150001, 500001];
    let plans = 0;
    for (const severity of SEVERITIES)
      for (const lotSize of lots)
        for (const level of INSPECTION_LEVELS)
          for (const aql of AQLS) {
            const p = samplingPlan({ lotSize, level, aql, severity });
            expect(p.reject).toBe(p.accept + 1);
            expect(acSeries[severity]).toContain(p.accept);
            expect(CODE_LETTERS).toContain(p.codeLetter);
            expect(p.sampleSize).toBe(Math.min(p.tableSampleSize, lotSize));
            if (p.codeLetter === 'S') expect([severity, aql]).toEqual(['tightened', 0.025]);
            plans++;
          }
    expect(plans).toBe(3 * 15 * 7 * 26);
  });

  it('tightens: at the same lot and AQL the tightened plan never accepts more of the same sample', () => {
    for (const lotSize of [20, 200, 1000, 5000, 100000])
      for (const aql of AQLS) {
        const normal = samplingPlan({ lotSize, level: 'II', aql, severity: 'normal' });
        const tight = samplingPlan({ lotSize, level: 'II', aql, severity: 'tightened' });
        if (normal.tableSampleSize === tight.tableSampleSize) {
          expect(tight.accept).toBeLessThanOrEqual(normal.accept);
        } else {
          expect(tight.tableSampleSize).toBeGreaterThan(normal.tableSampleSize);
        }
      }
  });
});

describe('lotVerdict', () => {
  const plan = samplingPlan({ lotSize: 1000, level: 'II', aql: 1.0, severity: 'normal' }); // 2/3
  it('accepts up to Ac and rejects from Re', () => {
    expect(lotVerdict(plan, 0)).toBe('accept');
    expect(lotVerdict(plan, 2)).toBe('accept');
    expect(lotVerdict(plan, 3)).toBe('reject');
    expect(lotVerdict(plan, 80)).toBe('reject');
    expect(lotVerdict({ accept: 0, reject: 1 }, 1)).toBe('reject');
  });
  it('refuses impossible counts and plans', () => {
    expect(() => lotVerdict(plan, -1)).toThrow(RangeError);
    expect(() => lotVerdict(plan, 1.5)).toThrow(RangeError);
    expect(() => lotVerdict({ accept: 1, reject: 3 }, 2)).toThrow(/not a single sampling plan/);
  });
});

// Switching rules ------------------------------------------------------------------------------

/** A plan of the table; `defectives` found; steady production unless told otherwise. */
const lotOf = (
  plan: Pick<SamplingPlan, 'accept' | 'reject'>,
  defectives: number,
  extra: Partial<LotResult> = {},
): LotResult => ({ plan, defectives, steadyProduction: true, ...extra });

const J_NORMAL_1_0 = samplingPlan({ lotSize: 1000, level: 'II', aql: 1.0, severity: 'normal' }); // 80, 2/3
const J_NORMAL_0_65 = samplingPlan({ lotSize: 1000, level: 'II', aql: 0.65, severity: 'normal' }); // 80, 1/2
const J_TIGHT_1_0 = samplingPlan({ lotSize: 1000, level: 'II', aql: 1.0, severity: 'tightened' }); // 80, 1/2
const J_REDUCED_1_0 = samplingPlan({ lotSize: 1000, level: 'II', aql: 1.0, severity: 'reduced' }); // 32, 1/2

/** Runs lots through the state machine, each inspected with the plan of the current severity. */
function run(
  start: SwitchingState,
  defectives: readonly number[],
  extra: Partial<LotResult> = {},
  aql = 1.0,
): SwitchingState[] {
  const states: SwitchingState[] = [];
  let state = start;
  for (const d of defectives) {
    const plan = samplingPlan({ lotSize: 1000, level: 'II', aql, severity: state.severity });
    state = nextState(state, lotOf(plan, d, extra));
    states.push(state);
  }
  return states;
}
const last = <T>(xs: readonly T[]): T => xs[xs.length - 1] as T;

describe('switching score (ISO 2859-1:1999 9.3.3.2)', () => {
  it('adds 3 with Ac ≥ 2 when the lot passes one AQL step tighter, else resets', () => {
    expect(tighterAcceptanceNumber(2)).toBe(1);
    expect(tighterAcceptanceNumber(5)).toBe(3);
    expect(tighterAcceptanceNumber(44)).toBe(30);
    expect(nextSwitchingScore(9, J_NORMAL_1_0, 0)).toBe(12);
    expect(nextSwitchingScore(9, J_NORMAL_1_0, 1)).toBe(12);
    expect(nextSwitchingScore(9, J_NORMAL_1_0, 2)).toBe(0); // accepted, but not at Ac 1
    expect(nextSwitchingScore(9, J_NORMAL_1_0, 3)).toBe(0); // rejected
  });
  it('adds 2 with Ac 0 or 1 when the lot is accepted, else resets', () => {
    expect(nextSwitchingScore(4, J_NORMAL_0_65, 1)).toBe(6);
    expect(nextSwitchingScore(4, J_NORMAL_0_65, 2)).toBe(0);
    expect(nextSwitchingScore(4, { accept: 0, reject: 1 }, 0)).toBe(6);
  });
  it('refuses a plan that is not from the normal table', () => {
    expect(() => tighterAcceptanceNumber(8)).toThrow(RangeError); // a tightened Ac
    expect(() => tighterAcceptanceNumber(1)).toThrow(RangeError);
  });
});

describe('nextState (switching rules)', () => {
  it('starts normal with nothing counted', () => {
    expect(initialSwitchingState()).toEqual({
      severity: 'normal',
      switchingScore: 0,
      recent: [],
      rejectedOnTightened: 0,
      discontinued: false,
    });
  });

  it('goes to reduced after 10 good lots at Ac 2 (score 30), production steady, authority agreeing', () => {
    const states = run(initialSwitchingState(), [0, 1, 0, 0, 1, 0, 0, 0, 1, 0], {
      authorityApproves: true,
    });
    expect(states.map((s) => s.switchingScore).slice(0, 9)).toEqual([
      3, 6, 9, 12, 15, 18, 21, 24, 27,
    ]);
    expect(last(states)).toEqual({ ...initialSwitchingState(), severity: 'reduced' });
  });

  it('resets the score on a lot that only passes at the current AQL', () => {
    const states = run(initialSwitchingState(), [1, 1, 1, 2, 0]);
    expect(states.map((s) => s.switchingScore)).toEqual([3, 6, 9, 0, 3]);
    expect(last(states).severity).toBe('normal');
  });

  it('needs 15 accepted lots at Ac 1 (2 points each)', () => {
    const states = run(
      initialSwitchingState(),
      Array(15).fill(1),
      { authorityApproves: true },
      0.65,
    );
    expect(states[13]).toMatchObject({ severity: 'normal', switchingScore: 28 });
    expect(last(states).severity).toBe('reduced');
  });

  it('stays normal past 30 until production is steady and the authority agrees', () => {
    const noApproval = run(initialSwitchingState(), Array(12).fill(0));
    expect(last(noApproval)).toMatchObject({ severity: 'normal', switchingScore: 36 });
    const unsteady = nextState(
      last(noApproval),
      lotOf(J_NORMAL_1_0, 0, { authorityApproves: true, steadyProduction: false }),
    );
    expect(unsteady).toMatchObject({ severity: 'normal', switchingScore: 39 });
    const approved = nextState(unsteady, lotOf(J_NORMAL_1_0, 1, { authorityApproves: true }));
    expect(approved.severity).toBe('reduced');
  });

  it('tightens when 2 of 5 or fewer consecutive lots are rejected', () => {
    expect(last(run(initialSwitchingState(), [3, 3])).severity).toBe('tightened');
    expect(run(initialSwitchingState(), [3, 0, 0, 0, 3]).map((s) => s.severity)).toEqual([
      'normal',
      'normal',
      'normal',
      'normal',
      'tightened',
    ]);
    // The first rejection has left the window of five when the second comes.
    const spread = run(initialSwitchingState(), [3, 0, 0, 0, 0, 3]);
    expect(last(spread)).toMatchObject({
      severity: 'normal',
      recent: ['accept', 'accept', 'accept', 'accept', 'reject'],
    });
    expect(last(run(last(spread), [0, 0, 0, 3])).severity).toBe('tightened');
  });

  it('returns from tightened to normal after 5 consecutive accepted lots', () => {
    const tightened = last(run(initialSwitchingState(), [3, 4]));
    expect(tightened).toEqual({ ...initialSwitchingState(), severity: 'tightened' });
    // Tightened J at 1.0 is Ac 1: 2 defectives reject.
    const states = run(tightened, [0, 1, 2, 0, 0, 1, 0, 0]);
    expect(states.map((s) => s.severity)).toEqual([
      'tightened', 'tightened', 'tightened', 'tightened', 'tightened', 'tightened', 'tightened', 'normal',
    ]); // prettier-ignore
    expect(states[6]).toMatchObject({
      rejectedOnTightened: 1,
      recent: ['reject', 'accept', 'accept', 'accept', 'accept'],
    });
    expect(last(states)).toEqual(initialSwitchingState());
  });

  it('discontinues when 5 lots in all are rejected on tightened inspection, and resumes tightened', () => {
    const tightened = last(run(initialSwitchingState(), [5, 5]));
    const states = run(tightened, [2, 0, 3, 0, 0, 2, 1, 4, 0, 2]);
    expect(states.map((s) => s.rejectedOnTightened)).toEqual([1, 1, 2, 2, 2, 3, 3, 4, 4, 5]);
    expect(states.slice(0, 9).every((s) => !s.discontinued && s.severity === 'tightened')).toBe(
      true,
    );
    const stopped = last(states);
    expect(stopped).toMatchObject({ severity: 'tightened', discontinued: true });
    expect(() => nextState(stopped, lotOf(J_TIGHT_1_0, 0))).toThrow(/discontinued/);
    expect(resumeInspection(stopped)).toEqual({
      ...initialSwitchingState(),
      severity: 'tightened',
    });
    expect(() => resumeInspection(tightened)).toThrow(RangeError);
  });

  it('returns from reduced to normal on a rejected lot, irregular production or another reason', () => {
    const reduced: SwitchingState = { ...initialSwitchingState(), severity: 'reduced' };
    const ok = run(reduced, [0, 1, 0, 1]);
    expect(last(ok)).toMatchObject({
      severity: 'reduced',
      recent: ['accept', 'accept', 'accept', 'accept'],
    });
    expect(nextState(last(ok), lotOf(J_REDUCED_1_0, 2))).toEqual(initialSwitchingState());
    expect(nextState(reduced, lotOf(J_REDUCED_1_0, 0, { steadyProduction: false }))).toEqual(
      initialSwitchingState(),
    );
    expect(nextState(reduced, lotOf(J_REDUCED_1_0, 0, { otherReasonForNormal: true }))).toEqual(
      initialSwitchingState(),
    );
  });

  it('runs a realistic season: normal → reduced → normal → tightened → normal', () => {
    const verdicts: [Severity, LotVerdict][] = [];
    let state = initialSwitchingState();
    const defects = [
      0, 1, 0, 0, 1, 0, 0, 0, 0, 1, /* reduced */ 0, 1, 2, /* normal */ 3, 0, 4, /* tightened */ 0,
      0, 1, 0, 0,
    ];
    for (const d of defects) {
      const plan = samplingPlan({ lotSize: 1000, level: 'II', aql: 1.0, severity: state.severity });
      verdicts.push([state.severity, lotVerdict(plan, d)]);
      state = nextState(state, lotOf(plan, d, { authorityApproves: true }));
    }
    expect(verdicts.map(([s]) => s[0]).join('')).toBe('nnnnnnnnnnrrrnnnttttt');
    expect(state).toEqual(initialSwitchingState());
  });

  it('never changes the state or the lot it is given', () => {
    const deepFreeze = <T>(o: T): T => {
      if (o && typeof o === 'object') {
        Object.values(o).forEach(deepFreeze);
        Object.freeze(o);
      }
      return o;
    };
    const state = deepFreeze<SwitchingState>({
      ...initialSwitchingState(),
      switchingScore: 27,
      recent: ['accept', 'reject'],
    });
    const lot = deepFreeze(lotOf(J_NORMAL_1_0, 0, { authorityApproves: true }));
    const before = JSON.stringify([state, lot]);
    const next = nextState(state, lot);
    expect(next.severity).toBe('reduced');
    expect(JSON.stringify([state, lot])).toBe(before);
    expect(next.recent).not.toBe(state.recent);
  });

  it('holds its invariants over any sequence of lots (property)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.record({ d: fc.nat(6), steady: fc.boolean(), ok: fc.boolean() }), {
          maxLength: 80,
        }),
        (lots) => {
          let state = initialSwitchingState();
          for (const { d, steady, ok } of lots) {
            if (state.discontinued) state = resumeInspection(state);
            const plan = samplingPlan({
              lotSize: 1000,
              level: 'II',
              aql: 1.0,
              severity: state.severity,
            });
            const next = nextState(
              state,
              lotOf(plan, d, { steadyProduction: steady, authorityApproves: ok }),
            );
            expect(next.recent.length).toBeLessThanOrEqual(5);
            if (next.severity !== 'normal') expect(next.switchingScore).toBe(0);
            if (next.severity !== 'tightened') expect(next.rejectedOnTightened).toBe(0);
            if (next.severity === 'reduced' && state.severity === 'normal') {
              expect(state.switchingScore + 3).toBeGreaterThanOrEqual(30);
              expect(steady && ok).toBe(true);
            }
            if (next.severity === 'normal' && state.severity === 'normal')
              expect(next.recent.filter((v) => v === 'reject').length).toBeLessThanOrEqual(1);
            state = next;
          }
        },
      ),
    );
  });
});

// Verdicts against a specification -----------------------------------------------------------------

const moisture: Characteristic = {
  kind: 'numeric',
  unit: '%',
  lower: null,
  upper: 7.5,
  physicalMin: 0,
  physicalMax: 100,
};
const specificGravity: Characteristic = { kind: 'numeric', unit: '-', lower: 0.95, upper: 0.975 };
const patchouliAlcohol: Characteristic = { kind: 'numeric', unit: '%', lower: 30, upper: null };
const liveInsectsAbsent: Characteristic = { kind: 'attribute' };
const smokyOdour: Characteristic = { kind: 'attribute', expected: false };

describe('measurementProblem', () => {
  it('accepts finite numbers within the physical range and booleans for attributes', () => {
    expect(measurementProblem(moisture, 0)).toBeNull();
    expect(measurementProblem(moisture, 100)).toBeNull();
    expect(measurementProblem(specificGravity, 12)).toBeNull(); // no physical range given
    expect(measurementProblem(liveInsectsAbsent, false)).toBeNull();
  });
  it('names what is wrong', () => {
    expect(measurementProblem(moisture, -0.1)).toBe('out_of_physical_range');
    expect(measurementProblem(moisture, 100.01)).toBe('out_of_physical_range');
    for (const v of ['7.5', null, undefined, Number.NaN, Number.POSITIVE_INFINITY, true]) {
      expect(measurementProblem(moisture, v)).toBe('wrong_type');
    }
    for (const v of [1, 'yes', null])
      expect(measurementProblem(liveInsectsAbsent, v)).toBe('wrong_type');
  });
  it('treats null physical limits (from the database) as none', () => {
    const c: Characteristic = {
      kind: 'numeric',
      unit: 'mg/kg',
      lower: null,
      upper: 25,
      physicalMin: null,
      physicalMax: null,
    };
    expect(measurementProblem(c, -3)).toBeNull();
  });
});

describe('valueVerdict', () => {
  it('includes both limits', () => {
    expect(valueVerdict(moisture, 7.5)).toBe('pass');
    expect(valueVerdict(moisture, 7.51)).toBe('fail');
    expect(valueVerdict(moisture, 0)).toBe('pass');
    expect(valueVerdict(specificGravity, 0.95)).toBe('pass');
    expect(valueVerdict(specificGravity, 0.975)).toBe('pass');
    expect(valueVerdict(specificGravity, 0.9499)).toBe('fail');
    expect(valueVerdict(specificGravity, 0.9751)).toBe('fail');
    expect(valueVerdict(patchouliAlcohol, 30)).toBe('pass');
    expect(valueVerdict(patchouliAlcohol, 29.99)).toBe('fail');
    expect(valueVerdict({ kind: 'numeric', unit: 'x', lower: null, upper: null }, -1e9)).toBe(
      'pass',
    );
  });
  it('compares attributes with what passing means', () => {
    expect(valueVerdict(liveInsectsAbsent, true)).toBe('pass');
    expect(valueVerdict(liveInsectsAbsent, false)).toBe('fail');
    expect(valueVerdict(smokyOdour, false)).toBe('pass');
    expect(valueVerdict(smokyOdour, true)).toBe('fail');
  });
  it('refuses values that are no measurement and inverted limits', () => {
    expect(() => valueVerdict(moisture, 120)).toThrow(/out_of_physical_range/);
    expect(() => valueVerdict(moisture, 'x')).toThrow(/wrong_type/);
    expect(() => valueVerdict({ kind: 'numeric', unit: '%', lower: 5, upper: 4 }, 4.5)).toThrow(
      /above upper/,
    );
  });
});

describe('overallVerdict', () => {
  const r = (required: boolean, verdict: 'pass' | 'fail' | null) => ({ required, verdict });
  it('passes when every result passes', () => {
    expect(overallVerdict([r(true, 'pass'), r(true, 'pass'), r(false, null)])).toBe('pass');
  });
  it('fails on any failure, even with results missing', () => {
    expect(overallVerdict([r(true, 'pass'), r(false, 'fail')])).toBe('fail');
    expect(overallVerdict([r(true, null), r(true, 'fail')])).toBe('fail');
  });
  it('is incomplete while a required result is missing, or when nothing was measured', () => {
    expect(overallVerdict([r(true, 'pass'), r(true, null)])).toBe('incomplete');
    expect(overallVerdict([r(false, null)])).toBe('incomplete');
    expect(overallVerdict([])).toBe('incomplete');
  });
});

// Mass balance, yield, pooled batches ---------------------------------------------------------------

describe('massBalanceProblem', () => {
  it('allows losses: a patchouli distillation loses water', () => {
    expect(massBalanceProblem({ inputsKg: [500], outputsKg: [12.4, 40], wasteKg: 380 })).toBeNull();
  });
  it('reports outputs and waste above inputs and stated gain beyond the tolerance', () => {
    expect(
      massBalanceProblem({ inputsKg: [100, 50], outputsKg: [140], wasteKg: 12, toleranceKg: 0.5 }),
    ).toEqual({
      code: 'outputs_exceed_inputs',
      excessKg: 2,
      toleranceKg: 0.5,
    });
    expect(
      massBalanceProblem({
        inputsKg: [100, 50],
        outputsKg: [140],
        wasteKg: 10.5,
        toleranceKg: 0.5,
      }),
    ).toBeNull();
    expect(
      massBalanceProblem({
        inputsKg: [100, 50],
        outputsKg: [140],
        wasteKg: 10.501,
        toleranceKg: 0.5,
      }),
    ).toMatchObject({ excessKg: 0.501 });
  });
  it('counts a stated gain (water taken up) as input', () => {
    const job = { inputsKg: [200], outputsKg: [260], wasteKg: 0, toleranceKg: 0 };
    expect(massBalanceProblem(job)).toMatchObject({ excessKg: 60 });
    expect(massBalanceProblem({ ...job, statedGainKg: 60 })).toBeNull();
  });
  it('tolerates 0.5 % of what went in by default', () => {
    expect(DEFAULT_MASS_TOLERANCE_BP).toBe(50);
    expect(massBalanceProblem({ inputsKg: [1000], outputsKg: [1005], wasteKg: 0 })).toBeNull();
    expect(massBalanceProblem({ inputsKg: [1000], outputsKg: [1005.001], wasteKg: 0 })).toEqual({
      code: 'outputs_exceed_inputs',
      excessKg: 5.001,
      toleranceKg: 5,
    });
  });
  it('works in grams, so decimal kilograms do not drift', () => {
    const inputsKg = Array(10).fill(0.1);
    expect(massBalanceProblem({ inputsKg, outputsKg: [1], wasteKg: 0, toleranceKg: 0 })).toBeNull();
  });
  it('refuses negative or non-finite masses', () => {
    expect(() => massBalanceProblem({ inputsKg: [-1], outputsKg: [], wasteKg: 0 })).toThrow(
      /inputsKg\[0\]/,
    );
    expect(() =>
      massBalanceProblem({ inputsKg: [1], outputsKg: [Number.NaN], wasteKg: 0 }),
    ).toThrow(RangeError);
    expect(() => massBalanceProblem({ inputsKg: [1], outputsKg: [], wasteKg: -2 })).toThrow(
      /wasteKg/,
    );
  });
  it('reports a problem exactly when the excess is above the tolerance (property)', () => {
    const grams = fc.integer({ min: 0, max: 50_000_000 });
    fc.assert(
      fc.property(
        fc.array(grams, { maxLength: 6 }),
        fc.array(grams, { maxLength: 6 }),
        grams,
        grams,
        fc.integer({ min: 0, max: 100_000 }),
        (ins, outs, waste, gain, tol) => {
          const excessG =
            outs.reduce((a, b) => a + b, 0) + waste - ins.reduce((a, b) => a + b, 0) - gain;
          const problem = massBalanceProblem({
            inputsKg: ins.map((g) => g / 1000),
            outputsKg: outs.map((g) => g / 1000),
            wasteKg: waste / 1000,
            statedGainKg: gain / 1000,
            toleranceKg: tol / 1000,
          });
          expect(problem !== null).toBe(excessG > tol);
          if (problem) expect(problem.excessKg).toBe(excessG / 1000);
        },
      ),
    );
  });
});

describe('yieldPercent', () => {
  it('is output over input in percent', () => {
    expect(yieldPercent(12.5, 500)).toBe(2.5);
    expect(yieldPercent(0, 10)).toBe(0);
    expect(yieldPercent(30, 90)).toBeCloseTo(33.3333, 4);
  });
  it('needs some input', () => {
    expect(() => yieldPercent(1, 0)).toThrow(RangeError);
    expect(() => yieldPercent(-1, 10)).toThrow(RangeError);
  });
});

describe('ownerShares', () => {
  it('gives basis points by largest remainder, summing to 10 000', () => {
    expect(
      ownerShares([
        { ownerId: 'a', kg: 1 },
        { ownerId: 'b', kg: 1 },
        { ownerId: 'c', kg: 1 },
      ]),
    ).toEqual([
      { ownerId: 'a', kg: 1, shareBp: 3334 }, // tie: the earlier owner gets the spare point
      { ownerId: 'b', kg: 1, shareBp: 3333 },
      { ownerId: 'c', kg: 1, shareBp: 3333 },
    ]);
    expect(
      ownerShares([
        { ownerId: 'a', kg: 12.345 },
        { ownerId: 'b', kg: 67.89 },
      ]).map((s) => s.shareBp),
    ).toEqual([1539, 8461]);
  });
  it('adds up an owner appearing in several inputs, keeping first-appearance order', () => {
    const shares = ownerShares([
      { ownerId: 'kop-1', kg: 120.5 },
      { ownerId: 'umkm-7', kg: 80 },
      { ownerId: 'kop-1', kg: 49.5 },
      { ownerId: 'umkm-9', kg: 0 },
    ]);
    expect(shares).toEqual([
      { ownerId: 'kop-1', kg: 170, shareBp: 6800 },
      { ownerId: 'umkm-7', kg: 80, shareBp: 3200 },
      { ownerId: 'umkm-9', kg: 0, shareBp: 0 },
    ]);
  });
  it('refuses empty batches and missing owners', () => {
    expect(() => ownerShares([])).toThrow(RangeError);
    expect(() => ownerShares([{ ownerId: 'a', kg: 0 }])).toThrow(RangeError);
    expect(() => ownerShares([{ ownerId: '', kg: 3 }])).toThrow(/owner/);
  });
  it('sums to 10 000, each within one point of the exact share, more kg never fewer points (property)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 1_000_000_000 }), { minLength: 1, maxLength: 12 }),
        (gs) => {
          fc.pre(gs.some((g) => g > 0));
          const shares = ownerShares(gs.map((g, i) => ({ ownerId: `o${i}`, kg: g / 1000 })));
          const total = gs.reduce((a, b) => a + b, 0);
          expect(shares.reduce((a, s) => a + s.shareBp, 0)).toBe(10_000);
          shares.forEach((s, i) => {
            expect(Math.abs(s.shareBp - ((gs[i] as number) * 10_000) / total)).toBeLessThan(1);
            shares.forEach((t, j) => {
              if ((gs[i] as number) > (gs[j] as number))
                expect(s.shareBp).toBeGreaterThanOrEqual(t.shareBp);
            });
          });
        },
      ),
    );
  });
});

describe('splitOutput', () => {
  it('splits to the gram and sums exactly to the output', () => {
    const parts = splitOutput(10, [
      { ownerId: 'a', shareBp: 3334 },
      { ownerId: 'b', shareBp: 3333 },
      { ownerId: 'c', shareBp: 3333 },
    ]);
    expect(parts).toEqual([
      { ownerId: 'a', grams: 3334, kg: 3.334 },
      { ownerId: 'b', grams: 3333, kg: 3.333 },
      { ownerId: 'c', grams: 3333, kg: 3.333 },
    ]);
    expect(
      splitOutput(0.001, [
        { ownerId: 'a', shareBp: 5000 },
        { ownerId: 'b', shareBp: 5000 },
      ]),
    ).toEqual([
      { ownerId: 'a', grams: 1, kg: 0.001 },
      { ownerId: 'b', grams: 0, kg: 0 },
    ]);
  });
  it('splits a pooled distillation from its owners’ shares', () => {
    const shares = ownerShares([
      { ownerId: 'p1', kg: 300 },
      { ownerId: 'p2', kg: 150 },
      { ownerId: 'p3', kg: 50 },
    ]);
    expect(splitOutput(12.4, shares)).toEqual([
      { ownerId: 'p1', grams: 7440, kg: 7.44 },
      { ownerId: 'p2', grams: 3720, kg: 3.72 },
      { ownerId: 'p3', grams: 1240, kg: 1.24 },
    ]);
  });
  it('refuses shares that are not whole basis points of distinct owners summing to 10 000', () => {
    expect(() => splitOutput(5, [{ ownerId: 'a', shareBp: 9999 }])).toThrow(/10000/);
    expect(() =>
      splitOutput(5, [
        { ownerId: 'a', shareBp: 5000.5 },
        { ownerId: 'b', shareBp: 4999.5 },
      ]),
    ).toThrow(/whole/);
    expect(() =>
      splitOutput(5, [
        { ownerId: 'a', shareBp: 5000 },
        { ownerId: 'a', shareBp: 5000 },
      ]),
    ).toThrow(/twice/);
    expect(() => splitOutput(-5, [{ ownerId: 'a', shareBp: 10000 }])).toThrow(RangeError);
  });
  it('sums exactly to the output, each part within a gram of its exact share (property)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 2_000_000_000 }),
        fc.array(fc.integer({ min: 0, max: 1_000_000 }), { minLength: 1, maxLength: 10 }),
        (outputG, gs) => {
          fc.pre(gs.some((g) => g > 0));
          const shares = ownerShares(gs.map((g, i) => ({ ownerId: `o${i}`, kg: g / 1000 })));
          const parts = splitOutput(outputG / 1000, shares);
          expect(parts.reduce((a, p) => a + p.grams, 0)).toBe(outputG);
          parts.forEach((p, i) => {
            expect(p.kg).toBe(p.grams / 1000);
            expect(
              Math.abs(p.grams - (outputG * (shares[i] as { shareBp: number }).shareBp) / 10_000),
            ).toBeLessThan(1);
          });
        },
      ),
    );
  });
});

// Lot codes ----------------------------------------------------------------------------------------

describe('lotCode', () => {
  it('builds site, kind, YYMMDD and a four-digit sequence', () => {
    expect(lotCode({ siteCode: 'ATM-01', date: '2026-07-21', kind: 'intake', seq: 3 })).toBe(
      'ATM-01-IN-260721-0003',
    );
    expect(lotCode({ siteCode: 'ATM-01', date: '2026-07-21', kind: 'output', seq: 1 })).toBe(
      'ATM-01-OUT-260721-0001',
    );
    expect(
      lotCode({ siteCode: 'KTL-050A', date: '2025-12-31', kind: 'byproduct', seq: 9999 }),
    ).toBe('KTL-050A-BP-251231-9999');
    expect(lotCode({ siteCode: ' pgr-01 ', date: '2024-02-29', kind: 'pooled', seq: 42 })).toBe(
      'PGR-01-PL-240229-0042',
    );
  });
  it('refuses bad sites, dates, kinds and sequences', () => {
    const ok = { siteCode: 'ATM-01', date: '2026-07-21', kind: 'intake' as const, seq: 1 };
    for (const siteCode of ['', 'ATM 01', 'ATM--01', '-ATM', 'ATM_01', 'A'.repeat(21)])
      expect(() => lotCode({ ...ok, siteCode }), siteCode).toThrow(/site code/);
    expect(() => lotCode({ ...ok, siteCode: undefined as unknown as string })).toThrow(/site code/);
    for (const date of [
      '2026-02-29',
      '2026-13-01',
      '2026-04-31',
      '2026-7-21',
      '21-07-2026',
      '1999-12-31',
      '2100-01-01',
    ])
      expect(() => lotCode({ ...ok, date }), date).toThrow(/date/);
    for (const seq of [0, -1, 1.5, 10000])
      expect(() => lotCode({ ...ok, seq }), String(seq)).toThrow(/sequence/);
    expect(() => lotCode({ ...ok, kind: 'waste' as 'intake' })).toThrow(/kind/);
  });
  it('sorts by sequence within a day (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 9999 }), fc.integer({ min: 1, max: 9999 }), (a, b) => {
        const ca = lotCode({ siteCode: 'ATM-01', date: '2026-07-21', kind: 'output', seq: a });
        const cb = lotCode({ siteCode: 'ATM-01', date: '2026-07-21', kind: 'output', seq: b });
        expect(ca < cb).toBe(a < b);
      }),
    );
  });
});

// Replaying a plan's history (the service's switching state) -----------------------------------

describe("replaySwitching (a plan's lots, oldest first)", () => {
  // 1,000 units at level II, AQL 1.0: letter J — normal n 80 Ac 2, tightened n 80 Ac 1,
  // reduced n 32 Ac 1.
  const params = { level: 'II' as const, aql: 1 };
  const A: LotDecision = { lotSize: 1000, verdict: 'pass', defectives: 0 };
  const R: LotDecision = { lotSize: 1000, verdict: 'fail', defectives: 5 };
  const run = (...lots: LotDecision[]) => replaySwitching(lots, params);

  it('normal → tightened when 2 of the last 5 lots are rejected, not when 5 lots lie between', () => {
    expect(run(A, R, A, R).severity).toBe('tightened');
    expect(run(R, A, A, A, R).severity).toBe('tightened');
    // The first rejection has left the window of five when the second comes.
    expect(run(R, A, A, A, A, R).severity).toBe('normal');
  });

  it('tightened → normal after 5 consecutive accepted lots, not after 4', () => {
    expect(run(R, R, A, A, A, A).severity).toBe('tightened');
    expect(run(R, R, A, A, A, A, A)).toMatchObject({ severity: 'normal', recent: [] });
    expect(run(R, R, A, A, R, A, A, A, A).severity).toBe('tightened');
  });

  it('tightened → discontinued at 5 lots rejected in all on tightened; later lots change nothing', () => {
    // Two rejections switch to tightened; five more on tightened (not consecutive) stop it.
    const lots = [R, R, R, A, R, A, R, A, R, A, R];
    const state = run(...lots);
    expect(state).toMatchObject({
      severity: 'tightened',
      discontinued: true,
      rejectedOnTightened: 5,
    });
    // ≥ 8 rejected lots in all: the replay never throws, the state stays discontinued.
    expect(run(...lots, R, R, A, A, A, A, A, A)).toEqual(state);
    expect(nextLotState(state, A, params)).toBe(state);
    expect(() =>
      nextState(state, { plan: { accept: 1, reject: 2 }, defectives: 0, steadyProduction: true }),
    ).toThrow(RangeError);
  });

  it('a restart resumes at tightened inspection from the lots after it', () => {
    const stopped = run(R, R, R, R, R, R, R);
    expect(stopped.discontinued).toBe(true);
    const resumed = resumeInspection(stopped);
    expect(replaySwitching([], params, resumed)).toMatchObject({
      severity: 'tightened',
      discontinued: false,
    });
    expect(replaySwitching([A, A, A, A, A], params, resumed).severity).toBe('normal');
  });

  it("reduced only with the authority's approval after a switching score of 30; a rejection returns to normal", () => {
    // Ac 2: each lot with ≤ 1 defective (the tighter Ac) adds 3; ten lots make 30.
    const ten = Array.from({ length: 10 }, () => A);
    expect(run(...ten)).toMatchObject({ severity: 'normal', switchingScore: 30 });
    const approved = { ...params, authorityApproves: true };
    expect(replaySwitching(ten.slice(1), approved).severity).toBe('normal');
    const reduced = replaySwitching(ten, approved);
    expect(reduced.severity).toBe('reduced');
    expect(replaySwitching([A, A, A], approved, reduced).severity).toBe('reduced');
    expect(replaySwitching([A, R], approved, reduced).severity).toBe('normal');
    // 2 defectives: accepted at Ac 2 but not at the tighter Ac 1 — the score starts again.
    const two: LotDecision = { lotSize: 1000, verdict: 'pass', defectives: 2 };
    expect(replaySwitching([...ten.slice(1), two], approved)).toMatchObject({
      severity: 'normal',
      switchingScore: 0,
    });
  });

  it('the recorded verdict decides the lot; a count without a verdict only refines the score', () => {
    // A failed characteristic rejects a lot with 0 defectives in the sample.
    const failed: LotDecision = { lotSize: 1000, verdict: 'fail', defectives: 0 };
    expect(run(failed, failed).severity).toBe('tightened');
    // A passing lot recorded without a count counts as 0 defectives.
    const uncounted: LotDecision = { lotSize: 1000, verdict: 'pass', defectives: null };
    expect(run(uncounted).switchingScore).toBe(3);
    // A passing verdict with a count above Ac (recorded under another plan) stays accepted.
    expect(run(R, { lotSize: 1000, verdict: 'pass', defectives: 9 }).severity).toBe('normal');
  });
});

describe("lotDecisions (a plan's records as lots)", () => {
  let k = 0;
  const rec = (
    lotId: string,
    verdict: 'pass' | 'fail',
    supersedesId: string | null = null,
    defectives: number | null = null,
  ): HistoryRecord => ({
    id: `r${++k}`,
    lotId,
    supersedesId,
    inspectedAt: new Date(Date.UTC(2026, 0, 1, 0, k)),
    verdict,
    defectives,
    lotSize: 100,
  });

  it('takes each lot once, by its first original inspection, as corrected (a chain of corrections)', () => {
    const a1 = rec('A', 'fail');
    const b1 = rec('B', 'fail');
    const a2 = rec('A', 'pass', a1.id, 0); // correction of A's record
    const b2 = rec('B', 'pass'); // B inspected again after rework: a resubmitted lot
    const c1 = rec('C', 'pass');
    const c2 = rec('C', 'fail', c1.id, 3);
    const c3 = rec('C', 'pass', c2.id, 1); // a correction of the correction
    const b3 = rec('B', 'pass', b1.id); // B's first record corrected late
    expect(lotDecisions([a1, b1, a2, b2, c1, c2, c3, b3])).toEqual([
      { lotSize: 100, verdict: 'pass', defectives: 0 },
      { lotSize: 100, verdict: 'pass', defectives: null },
      { lotSize: 100, verdict: 'pass', defectives: 1 },
    ]);
  });

  it('leaves out the lots first inspected before a restart, even when inspected again after it', () => {
    const a1 = rec('A', 'fail');
    const since = new Date(Date.UTC(2026, 0, 1, 0, k, 30));
    const b1 = rec('B', 'fail');
    const a2 = rec('A', 'pass');
    expect(lotDecisions([a1, b1, a2], since)).toEqual([
      { lotSize: 100, verdict: 'fail', defectives: null },
    ]);
    expect(lotDecisions([a1, b1, a2], null)).toHaveLength(2);
  });
});

describe('requirementText and attributeResultText (certificates per language)', () => {
  const L = (
    lower: number | null,
    upper: number | null,
    target: number | null = null,
    expectedPass: boolean | null = null,
  ) => ({ lower, upper, target, expectedPass });
  it('words limits, targets and attributes in Indonesian and in English', () => {
    expect(requirementText(L(0.95, 0.975), 'id')).toBe('0.95 – 0.975');
    expect(requirementText(L(0.95, 0.975, 0.962), 'en')).toBe('0.95 – 0.975 (target 0.962)');
    expect(requirementText(L(30, null), 'id')).toBe('min. 30');
    expect(requirementText(L(null, 5), 'id')).toBe('maks. 5');
    expect(requirementText(L(null, 5), 'en')).toBe('max. 5');
    expect(requirementText(L(null, null, null, true), 'id')).toBe('memenuhi');
    expect(requirementText(L(null, null, null, true), 'en')).toBe('conforms');
    expect(requirementText(L(null, null, null, false), 'id')).toBe('tidak ada');
    expect(requirementText(L(null, null, null, false), 'en')).toBe('none');
    expect(attributeResultText(true, 'en')).toBe('conforms');
    expect(attributeResultText(false, 'id')).toBe('tidak memenuhi');
  });
  it('English never uses the Indonesian words', () => {
    fc.assert(
      fc.property(
        fc.option(fc.double({ min: 0, max: 100, noNaN: true })),
        fc.option(fc.double({ min: 0, max: 100, noNaN: true })),
        fc.option(fc.boolean()),
        fc.boolean(),
        (lower, upper, expectedPass, passed) => {
          const text = `${requirementText(L(lower, upper, null, expectedPass), 'en')} ${attributeResultText(passed, 'en')}`;
          expect(text).not.toMatch(/maks|memenuhi|tidak|ada\b/);
        },
      ),
    );
  });
});

describe('specItemProblems', () => {
  const pa = { id: 'pa', kind: 'numeric' as const, unit: '%', physicalMin: 0, physicalMax: 100 };
  const colour = {
    id: 'c',
    kind: 'attribute' as const,
    unit: null,
    physicalMin: null,
    physicalMax: null,
  };
  const item = (o: Partial<Parameters<typeof specItemProblems>[0][number]> = {}) => ({
    characteristicId: 'pa',
    lower: 30,
    upper: null,
    target: null,
    expectedPass: null,
    ...o,
  });
  const codes = (items: Parameters<typeof specItemProblems>[0]) =>
    specItemProblems(items, [pa, colour]).map((p) => `${p.path}:${p.code}`);

  it('accepts lower ≤ target ≤ upper, one-sided limits and attributes without numbers', () => {
    expect(
      codes([
        item({ lower: 30, target: 32, upper: 35 }),
        item({ characteristicId: 'c', lower: null, expectedPass: true }),
      ]),
    ).toEqual([]);
    expect(codes([item({ lower: null, upper: 8, target: 8 })])).toEqual([]);
    expect(codes([item({ lower: 30, target: 30, upper: 30, unit: '%' })])).toEqual([]);
  });

  it('names each problem at its field', () => {
    expect(codes([item({ lower: 35, upper: 30 })])).toEqual(['items.0.upper:spec_limits_order']);
    expect(codes([item({ lower: 30, target: 29.9 })])).toEqual([
      'items.0.target:spec_limits_order',
    ]);
    expect(codes([item({ upper: 8, lower: null, target: 8.1 })])).toEqual([
      'items.0.target:spec_limits_order',
    ]);
    expect(codes([item({ unit: 'mg/kg' })])).toEqual(['items.0.unit:spec_unit_mismatch']);
    expect(codes([item({ lower: 300 })])).toEqual(['items.0.lower:spec_limit_out_of_range']);
    expect(codes([item({ lower: null })])).toEqual(['items.0.lower:spec_numeric_needs_limit']);
    expect(codes([item({ characteristicId: 'c', lower: 1 })])).toEqual([
      'items.0.lower:spec_attribute_limits',
    ]);
    expect(codes([item(), item()])).toEqual([
      'items.1.characteristicId:spec_duplicate_characteristic',
    ]);
    expect(codes([item({ characteristicId: 'x' })])).toEqual([
      'items.0.characteristicId:characteristic_not_found',
    ]);
  });
});

describe('preferredAql', () => {
  it('gives the series value (also as read from a decimal column) or null', () => {
    expect(preferredAql(0.65)).toBe(0.65);
    expect(preferredAql(Number('0.650'))).toBe(0.65);
    expect(preferredAql(1000)).toBe(1000);
    for (const bad of [0.7, 0, -1, 1.2, 2000, Number.NaN]) expect(preferredAql(bad)).toBeNull();
  });
});
