import type { z } from 'zod';
import type { Investment, Programme } from '../../lib/contracts.js';

export type ProgrammeT = z.infer<typeof Programme>;
export type InvestmentT = z.infer<typeof Investment>;
