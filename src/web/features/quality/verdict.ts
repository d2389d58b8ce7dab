/**
 * The live verdict beside each value of the inspection form, by the same rule the API applies
 * when it signs the record (quality.ts valueVerdict): a number passes within its limits (both
 * inclusive, a missing limit is open); an attribute passes when the observation is the
 * expected one. The API's verdict, returned after saving, is the one that counts.
 */
import type { SpecItemT } from './types.js';

export type LiveVerdict = 'pass' | 'fail' | null;

export function numericVerdict(
  item: Pick<SpecItemT, 'lower' | 'upper'>,
  value: number | null,
): LiveVerdict {
  if (value === null || !Number.isFinite(value)) return null;
  const ok =
    (item.lower === null || value >= item.lower) && (item.upper === null || value <= item.upper);
  return ok ? 'pass' : 'fail';
}

/** Outside what the unit can physically be (a slip of the unit: 310 % instead of 31 %). */
export function outsidePhysicalRange(item: SpecItemT, value: number | null): boolean {
  if (value === null) return false;
  const { physicalMin, physicalMax } = item.characteristic;
  return (
    (physicalMin !== null && value < physicalMin) || (physicalMax !== null && value > physicalMax)
  );
}

/**
 * What the API's `passed` field carries for an attribute: the observation. Most attributes
 * expect "yes" (conforms); one that expects "no" (expectedPass false) is conforming when absent.
 */
export const observationFor = (item: Pick<SpecItemT, 'expectedPass'>, conforms: boolean) =>
  item.expectedPass === false ? !conforms : conforms;

/** The requirement as printed on the certificate: "30 – 35", "min. 30", "maks. 8". */
export function requirementOf(
  item: Pick<SpecItemT, 'lower' | 'upper'>,
  words: { min: string; max: string; conforms: string },
  format: (n: number) => string,
): string {
  if (item.lower !== null && item.upper !== null)
    return `${format(item.lower)} – ${format(item.upper)}`;
  if (item.lower !== null) return `${words.min} ${format(item.lower)}`;
  if (item.upper !== null) return `${words.max} ${format(item.upper)}`;
  return words.conforms;
}
