/** Types of the registration API shapes, from the contract schemas (see lib/contracts.ts). */
import type { z } from 'zod';
import type {
  MyRegistration,
  PublicSite,
  Registration,
  RegistrationStatus,
  RegistrationSubmitted,
} from '../../lib/contracts.js';

export type PublicSiteT = z.infer<typeof PublicSite>;
export type RegistrationT = z.infer<typeof Registration>;
export type MyRegistrationT = z.infer<typeof MyRegistration>;
export type RegistrationSubmittedT = z.infer<typeof RegistrationSubmitted>;
export type RegistrationStatusT = z.infer<typeof RegistrationStatus>;
