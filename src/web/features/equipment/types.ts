/** Types of the equipment API shapes, from the contract schemas (see lib/contracts.ts). */
import type { z } from 'zod';
import type {
  CAPABILITIES,
  ChangeStatusResult,
  DOCUMENT_KINDS,
  ExpiringDocument,
  Machine,
  MachineDocument,
  MachinePhoto,
  MACHINE_STATUSES,
  StatusChange,
} from '../../lib/contracts.js';

export type MachineT = z.infer<typeof Machine>;
export type ChangeStatusResultT = z.infer<typeof ChangeStatusResult>;
export type MachineDocumentT = z.infer<typeof MachineDocument>;
export type MachinePhotoT = z.infer<typeof MachinePhoto>;
export type StatusChangeT = z.infer<typeof StatusChange>;
export type ExpiringDocumentT = z.infer<typeof ExpiringDocument>;
export type CapabilityT = (typeof CAPABILITIES)[number];
export type MachineStatusT = (typeof MACHINE_STATUSES)[number];
export type DocumentKindT = (typeof DOCUMENT_KINDS)[number];

/** The base path of one machine's API. */
export const machinePath = (id: string) => `/api/equipment/${encodeURIComponent(id)}`;
