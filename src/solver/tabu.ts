import { FOREVER, type Model, type Objective } from './model.js';
import { CROSS, Moves } from './moves.js';
import { Random } from './random.js';
import { Schedule } from './schedule.js';

export interface SearchOptions {
  objective: Objective;
  seed: number;
  /** Stop after this many iterations (Infinity: no limit). */
  iterationLimit: number;
  /** Polled every few dozen iterations; true stops the search (time limit, cancellation). */
  shouldStop: () => boolean;
  /** Called whenever the best solution improves. */
  onImprove: (best: Schedule, iteration: number) => void;
  /** A makespan lower bound: reaching it proves optimality and stops the search. */
  lowerBound: number;
  /** Iterations without improvement before restarting from an elite solution (default by size). */
  stallLimit?: number;
  /** Advanced knobs for experiments; defaults depend on the instance family. */
  tuning?: SearchTuning;
}

export interface SearchTuning {
  /** Tabu tenure = tenureBase + jobs/machines, randomised up to +40%. */
  tenureBase?: number;
  /** Stall limit = stallPerOp × operations (at least 2000). */
  stallPerOp?: number;
  /** How many best-estimated moves are decoded exactly per iteration (default 0: off). */
  exactTop?: number;
  /** Extra random moves per restart: kickGrowth per fruitless restart, up to maxExtraKick (default 0: off). */
  kickGrowth?: number;
  maxExtraKick?: number;
  /** Among exactly decoded moves of equal makespan prefer fewer critical operations. */
  criticalTieBreak?: boolean;
}

export interface SearchResult {
  best: Schedule;
  iterations: number;
  iterationsToBest: number;
  restarts: number;
}

const ELITE_SIZE = 8;
/** In exact mode (calendars, tardiness) at most this many candidates are decoded per iteration. */
const EXACT_SAMPLE = 40;

/**
 * Tabu search over the critical-path neighbourhood (moves.ts). Each iteration generates the
 * candidate moves on the current critical path(s), estimates them (heads/tails, or an exact
 * decode when calendars or tardiness make estimates unreliable), applies the best admissible
 * one, decodes the new schedule exactly, and marks the reverse move tabu. When the best has
 * not improved for a while, the search restarts from a perturbed elite solution.
 * Deterministic for a given seed: nothing depends on wall-clock time except stopping.
 */
export function tabuSearch(model: Model, initial: Schedule, options: SearchOptions): SearchResult {
  const rng = new Random(options.seed ^ 0x5bd1e995);
  const tardinessMode = options.objective === 'tardiness' && model.hasDueDates;
  const exact = model.hasCalendars || tardinessMode;
  const n = model.opCount;
  const cur = new Schedule(model);
  cur.copyFrom(initial);
  if (!cur.decode()) throw new Error('tabu search: the initial schedule is infeasible');
  cur.computeTails();
  const best = new Schedule(model);
  best.copyFrom(cur);
  const moves = new Moves(model, cur, rng, tardinessMode);
  const elite: Schedule[] = [];
  const eliteP = new Float64Array(ELITE_SIZE);
  const eliteS = new Float64Array(ELITE_SIZE);
  // Flexible instances (some operation has several machines) get a longer tenure and restart
  // sooner; classic job shops profit from long uninterrupted tabu walks.
  const flexible = model.altMachine.length > model.opCount;
  const T = options.tuning ?? {};
  const baseTenure = Math.floor(
    (T.tenureBase ?? (flexible ? 10 : 6)) + model.jobCount / model.machineCount,
  );
  const stallLimit =
    options.stallLimit ?? Math.max(2000, (T.stallPerOp ?? (flexible ? 10 : 100)) * n);
  const order = new Int32Array(EXACT_SAMPLE);
  const all = new Int32Array(moves.capacity);

  const primary = (s: Schedule): number => (tardinessMode ? s.tardiness : s.makespan);
  const secondary = (s: Schedule): number => (tardinessMode ? s.makespan : 0);
  let bestP = primary(best);
  let bestS = secondary(best);
  const isOptimal = (): boolean =>
    (tardinessMode ? bestP === 0 : true) && best.makespan <= options.lowerBound;

  const addElite = (s: Schedule): void => {
    const p = primary(s);
    const q = secondary(s);
    for (const e of elite) if (e.sameAs(s)) return;
    if (elite.length < ELITE_SIZE) {
      const e = new Schedule(model);
      e.copyFrom(s);
      eliteP[elite.length] = p;
      eliteS[elite.length] = q;
      elite.push(e);
      return;
    }
    let worst = 0;
    for (let i = 1; i < ELITE_SIZE; i++) {
      if (
        eliteP[i]! > eliteP[worst]! ||
        (eliteP[i] === eliteP[worst] && eliteS[i]! > eliteS[worst]!)
      )
        worst = i;
    }
    if (p < eliteP[worst]! || (p === eliteP[worst] && q < eliteS[worst]!)) {
      elite[worst]!.copyFrom(s);
      eliteP[worst] = p;
      eliteS[worst] = q;
    }
  };
  addElite(best);

  /** Applies candidate c, decodes; on failure restores the previous solution. */
  const applyCandidate = (c: number): boolean => {
    const u = moves.op[c]!;
    const oldK = cur.mach[u]!;
    const oldPrev = cur.mPrev[u]!;
    cur.relocate(u, moves.mach[c]!, moves.after[c]!);
    if (cur.decode()) {
      cur.computeTails();
      return true;
    }
    cur.relocate(u, oldK, oldPrev);
    cur.decode();
    cur.computeTails();
    return false;
  };

  const perturb = (steps: number): void => {
    for (let s = 0; s < steps; s++) {
      const count = moves.generate();
      if (count === 0) return;
      applyCandidate(rng.int(count));
    }
  };

  // Optional (tuning.exactTop): decode the few best-estimated admissible moves exactly and take
  // the best of them. Off by default: on mk01–mk10 it did not beat estimates alone at equal time.
  const exactTop = T.exactTop ?? 0;
  const pickedAt = new Int32Array(moves.capacity);
  const tabuFlag = new Uint8Array(moves.capacity);
  const useCrit = T.criticalTieBreak ?? true;
  const topExact = (count: number, iteration: number): number => {
    let chosen = -1;
    let chosenExact = FOREVER;
    let chosenEst = FOREVER;
    let ties = 0;
    for (let i = 0; i < count; i++) tabuFlag[i] = moves.isTabu(i, iteration) ? 1 : 0;
    for (let t = 0; t < exactTop; t++) {
      // Alternate machine changes and same-machine moves: their estimates are not comparable
      // (a reassignment estimate only follows the path through the moved operation).
      const wantCross = (t & 1) === 0;
      let c = -1;
      let ce = FOREVER;
      for (let pass = 0; pass < 2 && c < 0; pass++) {
        for (let i = 0; i < count; i++) {
          const e = moves.est[i]!;
          if (e >= ce || pickedAt[i] === iteration) continue;
          if (pass === 0 && (moves.kind[i] === CROSS) !== wantCross) continue;
          if (!(e < bestP) && tabuFlag[i] === 1) continue;
          c = i;
          ce = e;
        }
      }
      if (c < 0) break;
      pickedAt[c] = iteration;
      // A tabu move is only taken if it really beats the best (estimates can be optimistic).
      const tabu = tabuFlag[c] === 1;
      const u = moves.op[c]!;
      const oldK = cur.mach[u]!;
      const oldPrev = cur.mPrev[u]!;
      cur.relocate(u, moves.mach[c]!, moves.after[c]!);
      const ok = cur.decode();
      const value = ok ? cur.makespan : FOREVER;
      let crit = 0;
      if (ok && useCrit) {
        cur.computeTails();
        crit = cur.criticalCount();
      }
      cur.relocate(u, oldK, oldPrev);
      if (value === FOREVER || (tabu && value >= bestP)) continue;
      if (value < chosenExact || (value === chosenExact && crit < chosenEst)) {
        chosen = c;
        chosenExact = value;
        chosenEst = crit;
        ties = 1;
      } else if (value === chosenExact && crit === chosenEst && rng.int(++ties) === 0) chosen = c;
    }
    return chosen;
  };

  let iteration = 0;
  let iterationsToBest = 0;
  let stall = 0;
  let fruitless = 0;
  let restarts = 0;
  const limit = options.iterationLimit;
  while (iteration < limit && !isOptimal()) {
    if ((iteration & 31) === 0 && options.shouldStop()) break;
    iteration++;
    const count = moves.generate();
    if (count === 0) {
      // No critical-path move exists (e.g. one job forms the critical path): restart.
      stall = stallLimit + 1;
    } else {
      if (exact) {
        // Decode a sample of candidates exactly; unsampled ones are never chosen.
        const sample = Math.min(count, EXACT_SAMPLE);
        for (let i = 0; i < count; i++) all[i] = i;
        for (let i = 0; i < sample; i++) {
          const r = i + rng.int(count - i);
          const t = all[i]!;
          all[i] = all[r]!;
          all[r] = t;
          order[i] = all[i]!;
        }
        for (let i = 0; i < count; i++) moves.est[i] = FOREVER;
        for (let i = 0; i < sample; i++) {
          const c = order[i]!;
          const u = moves.op[c]!;
          const oldK = cur.mach[u]!;
          const oldPrev = cur.mPrev[u]!;
          cur.relocate(u, moves.mach[c]!, moves.after[c]!);
          if (cur.decode()) {
            moves.est[c] = primary(cur);
            moves.est2[c] = secondary(cur);
          }
          cur.relocate(u, oldK, oldPrev);
        }
        cur.decode();
      }
      let applied = false;
      for (let attempt = 0; attempt < 4 && !applied; attempt++) {
        // Choose the best admissible candidate (not tabu, or better than the best: aspiration).
        let chosen = -1;
        let chosenE = FOREVER;
        let chosenE2 = FOREVER;
        let ties = 0;
        if (exactTop > 0 && !exact) chosen = topExact(count, iteration);
        else
          for (let c = 0; c < count; c++) {
            const e = moves.est[c]!;
            if (e === FOREVER) continue;
            const e2 = moves.est2[c]!;
            const aspiration = e < bestP || (e === bestP && e2 < bestS && tardinessMode);
            if (!aspiration && moves.isTabu(c, iteration)) continue;
            if (e < chosenE || (e === chosenE && e2 < chosenE2)) {
              chosen = c;
              chosenE = e;
              chosenE2 = e2;
              ties = 1;
            } else if (e === chosenE && e2 === chosenE2 && rng.int(++ties) === 0) chosen = c;
          }
        if (chosen < 0) {
          // Every move is tabu: take a random feasible one.
          let tries = 0;
          do chosen = rng.int(count);
          while (moves.est[chosen] === FOREVER && ++tries < 8);
          if (moves.est[chosen] === FOREVER) break;
        }
        const tenure = baseTenure + rng.int(Math.floor(baseTenure * 0.4) + 1);
        moves.recordTabu(chosen, iteration, tenure);
        if (applyCandidate(chosen)) applied = true;
        else moves.est[chosen] = FOREVER;
      }
      const p = primary(cur);
      const q = secondary(cur);
      if (p < bestP || (p === bestP && q < bestS)) {
        best.copyFrom(cur);
        bestP = p;
        bestS = q;
        iterationsToBest = iteration;
        stall = 0;
        fruitless = 0;
        addElite(cur);
        options.onImprove(best, iteration);
        continue;
      }
      stall++;
    }
    if (stall > stallLimit) {
      restarts++;
      stall = 0;
      const from = rng.int(2) === 0 ? best : elite[rng.int(elite.length)]!;
      cur.copyFrom(from);
      cur.decode();
      cur.computeTails();
      // Optionally, restarts that keep failing perturb harder (tuning.maxExtraKick; off by default).
      fruitless++;
      perturb(
        2 + rng.int(4) + Math.min(T.maxExtraKick ?? 0, Math.floor(fruitless * (T.kickGrowth ?? 1))),
      );
    }
  }
  return { best, iterations: iteration, iterationsToBest, restarts };
}
