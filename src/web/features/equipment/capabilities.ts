/** Capability (machine type) labels, sorted by their label in the UI language. */
import type { MessageKey } from '../../i18n/translate.js';
import { CAPABILITIES } from '../../lib/contracts.js';
import type { CapabilityT } from './types.js';

export function sortedCapabilities(t: (key: MessageKey) => string): CapabilityT[] {
  return [...CAPABILITIES].sort((a, b) => t(`capability.${a}`).localeCompare(t(`capability.${b}`)));
}
