/** Checks a chosen file against what an upload route accepts, before sending it. */
import type { MessageKey, Params } from '../i18n/translate.js';

export interface FileRule {
  types: readonly string[];
  maxBytes: number;
}

/** Images the API accepts as photos, and PDF plus those images as documents. */
export const IMAGE_TYPES = ['image/jpeg', 'image/png', 'image/webp'] as const;
export const DOCUMENT_TYPES = ['application/pdf', ...IMAGE_TYPES] as const;

/** The message for a missing, wrong-type or too-large file; null when it may be sent. */
export function fileProblem(
  file: File | undefined,
  rule: FileRule,
  t: (key: MessageKey, params?: Params) => string,
  size: string,
): string | null {
  if (!file) return t('file.required');
  if (!rule.types.includes(file.type)) return t('file.type');
  if (file.size > rule.maxBytes) return t('file.tooLarge', { size });
  return null;
}
