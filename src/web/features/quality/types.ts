/** Types of the quality and SPC API shapes (see lib/contracts.ts) and the paths of their pages. */
import type { z } from 'zod';
import type {
  CertificateVerification,
  Characteristic,
  DISPOSITIONS,
  Inspection,
  InspectionPlan,
  LotCertificate,
  NonConformance,
  STAGES,
  Sampling,
  SpcChart,
  SpecItem,
  Specification,
  SpecificationItems,
} from '../../lib/contracts.js';

export type InspectionT = z.infer<typeof Inspection>;
export type InspectionResultT = InspectionT['results'][number];
export type SamplingT = z.infer<typeof Sampling>;
export type SpecificationT = z.infer<typeof Specification>;
export type SpecificationItemsT = z.infer<typeof SpecificationItems>;
export type SpecItemT = z.infer<typeof SpecItem>;
export type CharacteristicT = z.infer<typeof Characteristic>;
export type InspectionPlanT = z.infer<typeof InspectionPlan>;
export type NonConformanceT = z.infer<typeof NonConformance>;
export type NcActionT = NonConformanceT['actions'][number];
export type DispositionT = (typeof DISPOSITIONS)[number];
export type StageT = (typeof STAGES)[number];
export type CertificateT = z.infer<typeof LotCertificate>;
export type VerificationT = z.infer<typeof CertificateVerification>;
export type SpcChartT = z.infer<typeof SpcChart>;
export type SpcPointT = SpcChartT['points'][number];
export type ChartKindT = SpcChartT['chart'];

/** The stage whose inspection releases a lot: incoming for an intake, final for an output. */
export const gateStage = (kind: string): StageT => (kind === 'intake' ? 'incoming' : 'final');

export const ncApi = (id: string) => `/api/non-conformances/${encodeURIComponent(id)}`;
export const certificatePdf = (id: string, lang: 'id' | 'en') =>
  `/api/certificates/${encodeURIComponent(id)}/pdf?lang=${lang}`;
