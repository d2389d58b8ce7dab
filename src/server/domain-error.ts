/**
 * Transport-neutral errors. Each feature declares its own catalogue of codes with a message in
 * every language (`<feature>.errors.ts`); services throw `DomainError`s with those codes and
 * know nothing about HTTP. The edge (http/error-map.ts) gives each code its status once.
 */
import type { Locale } from '../contracts/api.contract.js';

/** Messages may name details as `{key}`; they are filled from the error's `details`. */
export type Messages = Record<Locale, string>;
export type ErrorCatalogue = Record<string, Messages>;

export class DomainError<Code extends string = string> extends Error {
  constructor(
    readonly code: Code,
    readonly details?: Record<string, unknown>,
  ) {
    super(code);
    this.name = 'DomainError';
  }
}

/** A thrower bound to one feature's catalogue, so a feature can only raise its own codes. */
export function errorsOf<C extends ErrorCatalogue>(_catalogue: C) {
  return (code: keyof C & string, details?: Record<string, unknown>) =>
    new DomainError(code, details);
}

export function formatMessage(
  template: string,
  details: Record<string, unknown> | undefined,
): string {
  return template.replace(/\{(\w+)\}/g, (whole, key: string) =>
    details && details[key] !== undefined ? String(details[key]) : whole,
  );
}
