/**
 * The mass balance of a job as the operator fills in its outputs — the API's rule
 * (quality.ts massBalanceProblem), counted in grams: outputs + by-products + waste may not
 * exceed the inputs plus a stated gain (e.g. water taken up) by more than the scales'
 * tolerance, 0.5 % of what went in. Less than went in is allowed; the difference is an
 * unrecorded loss (susut) the form points out.
 */
export const MASS_TOLERANCE_BP = 50;

const grams = (kg: number) => Math.round(kg * 1000);
const sum = (values: readonly number[]) => values.reduce((a, v) => a + grams(v), 0);

export interface MassBalance {
  /** Inputs plus the stated gain, kg. */
  inKg: number;
  /** Outputs, by-products and waste, kg. */
  outKg: number;
  toleranceKg: number;
  /** How much the outputs exceed what went in (0 when they do not). */
  excessKg: number;
  /** What went in and is not accounted for (0 when nothing is missing). */
  unrecordedKg: number;
  /** True when the API will accept the quantities. */
  ok: boolean;
}

export function massBalance(input: {
  inputsKg: readonly number[];
  outputsKg: readonly number[];
  wasteKg: number;
  statedGainKg: number;
}): MassBalance {
  const inG = sum(input.inputsKg) + grams(input.statedGainKg);
  const outG = sum(input.outputsKg) + grams(input.wasteKg);
  const tolG = Math.round((inG * MASS_TOLERANCE_BP) / 10_000);
  return {
    inKg: inG / 1000,
    outKg: outG / 1000,
    toleranceKg: tolG / 1000,
    excessKg: Math.max(0, outG - inG) / 1000,
    unrecordedKg: Math.max(0, inG - outG) / 1000,
    ok: outG - inG <= tolG,
  };
}
