/**
 * Message lookup without React, so it can be unit-tested and used outside components.
 * Messages are flat keys ("nav.home") with `{name}` placeholders.
 */
import type { Locale } from '../lib/contracts.js';
import { en } from './en.js';
import { id, type MessageKey } from './id.js';

export type { MessageKey };
export type Params = Record<string, string | number>;

/** Every language has exactly the keys of Indonesian (the default); en.ts is typed to ensure it. */
export const MESSAGES: Record<Locale, Record<MessageKey, string>> = { id, en };

export function translate(locale: Locale, key: MessageKey, params?: Params): string {
  const template = MESSAGES[locale][key];
  if (!params) return template;
  return template.replace(/\{(\w+)\}/g, (whole, name: string) =>
    name in params ? String(params[name]) : whole,
  );
}

/** `{name}` placeholders of a message, for the parity test. */
export function placeholders(template: string): string[] {
  return [...template.matchAll(/\{(\w+)\}/g)].map((match) => match[1] ?? '').sort();
}
