/**
 * Pure rules of programmes: who reads which programme, and the budget arithmetic of
 * realisation (the sum of a programme's investments, integer Rupiah).
 */
import type { Actor } from '../../server/context.js';

export type ProgrammeVisibility = { all: true } | { all: false; ids: string[] };

/**
 * Administrators and system-wide programme officers read every programme; a programme officer
 * reads the programmes granted. Other roles read none through this feature.
 */
export function programmeVisibility(actor: Actor): ProgrammeVisibility {
  const ids: string[] = [];
  for (const g of actor.grants) {
    if (g.role === 'administrator') return { all: true };
    if (g.role === 'programme_officer') {
      if (g.scopeId === null) return { all: true };
      ids.push(g.scopeId);
    }
  }
  return { all: false, ids };
}

export function realisationSummary(budget: number, realisation: number) {
  return {
    realisation,
    remaining: budget - realisation,
    /** Percentage of the budget realised, one decimal; null for a zero budget. */
    realisationPercent: budget > 0 ? Math.round((realisation / budget) * 1000) / 10 : null,
  };
}

/** An investment may not take realisation above the budget (the programme's ceiling, pagu). */
export const exceedsBudget = (budget: number, realisation: number, amount: number) =>
  realisation + amount > budget;
