/**
 * Quantities as people type and read them on the shop floor: kilograms with up to 3 decimals
 * (grams), percentages, meter readings. Indonesian writes a decimal comma ("12,5") and groups
 * thousands with dots ("1.250"); the fields accept both styles and echo what they read, so a
 * misplaced separator shows before anything is saved.
 */
import type { Locale } from '../../lib/contracts.js';
import { localeTag } from '../../lib/format.js';

/**
 * A decimal number from a form field: "500", "12,5", "12.5", "1.250,75", "1,250.75".
 * Empty is null; anything else is 'invalid'. With `groupedDots` (quantities in kg), a dot that
 * groups exactly three digits after a whole number is a thousands separator ("1.250" = 1250, as
 * Indonesian writes it); without it (lab values such as a refractive index of 1.509) a lone dot
 * is always the decimal point. The fields echo what they read.
 */
export function parseDecimalInput(
  text: string,
  { groupedDots = true }: { groupedDots?: boolean } = {},
): number | null | 'invalid' {
  const s = text.replace(/\s/g, '');
  if (s === '') return null;
  let normalised: string;
  if (/^-?\d{1,3}(\.\d{3})+,\d+$/.test(s) || /^-?\d+,\d+$/.test(s)) {
    // Indonesian: dots group thousands, the comma is the decimal separator.
    normalised = s.replace(/\./g, '').replace(',', '.');
  } else if (/^-?\d{1,3}(,\d{3})+\.\d+$/.test(s)) {
    // English with grouping: "1,250.75".
    normalised = s.replace(/,/g, '');
  } else if (groupedDots && /^-?[1-9]\d{0,2}(\.\d{3})+$/.test(s)) {
    // "1.250" or "12.500.000": grouped thousands.
    normalised = s.replace(/\./g, '');
  } else if (/^-?\d+(\.\d+)?$/.test(s)) {
    normalised = s;
  } else {
    return 'invalid';
  }
  const value = Number(normalised);
  return Number.isFinite(value) ? value : 'invalid';
}

/** "1.250,5" (id) or "1,250.5" (en): a number with up to `digits` decimals. */
export function formatDecimal(value: number, locale: Locale, digits = 3): string {
  return new Intl.NumberFormat(localeTag(locale), { maximumFractionDigits: digits }).format(value);
}

/** "1.250,5 kg". */
export function formatKg(value: number, locale: Locale): string {
  return `${formatDecimal(value, locale, 3)} kg`;
}

/** Rounds to grams, the precision the API keeps. */
export const roundKg = (value: number) => Math.round(value * 1000) / 1000;
