import { FOREVER, type Model } from './model.js';
import type { Random } from './random.js';
import type { Schedule } from './schedule.js';

/** Move kinds. Every move relocates one operation u: machine k, right after op `after`. */
export const FORWARD = 0; // same machine, u moves later, right after `ref`
export const BACKWARD = 1; // same machine, u moves earlier, right before `ref`
export const CROSS = 2; // to another eligible machine, best position by estimate

/**
 * Whether putting u between a and b (its new machine neighbours, -1 for none) can create a
 * cycle. Sufficient conditions from heads/tails (Balas & Vazacopoulos; Mastrolilli &
 * Gambardella): a must not be reachable from u's job successor, b must not reach u's job
 * predecessor. A reachable pair would force r_a ≥ r_js + p_js and p_a + q_a ≤ q_js, so either
 * inequality failing proves there is no path.
 */
export function insertionIsSafe(s: Schedule, u: number, a: number, b: number): boolean {
  const model = s.model;
  const js = model.jobNext[u]!;
  const jp = model.jobPrev[u]!;
  const { start, tail, dur } = s;
  if (a >= 0 && js >= 0) {
    if (a === js) return false;
    if (!(start[a]! < start[js]! + dur[js]! || dur[a]! + tail[a]! > tail[js]!)) return false;
  }
  if (b >= 0 && jp >= 0) {
    if (b === jp) return false;
    if (!(tail[b]! < dur[jp]! + tail[jp]! || start[b]! + dur[b]! > start[jp]!)) return false;
  }
  return true;
}

/** End of u's job predecessor (or the job's release): u's head from its job alone. */
function jobReady(s: Schedule, u: number): number {
  const jp = s.model.jobPrev[u]!;
  return jp >= 0 ? s.start[jp]! + s.dur[jp]! : s.model.release[s.model.opJob[u]!]!;
}

/** Longest path after u through its job successor only. */
function jobTail(s: Schedule, u: number): number {
  const js = s.model.jobNext[u]!;
  return js >= 0 ? s.dur[js]! + s.tail[js]! : 0;
}

/**
 * Estimated makespan after re-sequencing a run of one machine (Dell'Amico–Trubian /
 * Balas–Vazacopoulos style): new heads left to right, new tails right to left, over the ops in
 * seg[0..len) (already in their new order), between fixed neighbours left and right.
 */
export function estimateSegment(
  s: Schedule,
  seg: Int32Array,
  len: number,
  left: number,
  right: number,
  heads: Float64Array,
): number {
  const { start, dur, tail } = s;
  let prevEnd = left >= 0 ? start[left]! + dur[left]! : 0;
  for (let i = 0; i < len; i++) {
    const x = seg[i]!;
    const jr = jobReady(s, x);
    const h = jr > prevEnd ? jr : prevEnd;
    heads[i] = h;
    prevEnd = h + dur[x]!;
  }
  let nextTail = right >= 0 ? dur[right]! + tail[right]! : 0;
  let est = 0;
  for (let i = len - 1; i >= 0; i--) {
    const x = seg[i]!;
    const jt = jobTail(s, x);
    const q = jt > nextTail ? jt : nextTail;
    const total = heads[i]! + dur[x]! + q;
    if (total > est) est = total;
    nextTail = q + dur[x]!;
  }
  return est;
}

/**
 * Candidate generation on the critical path(s) of the current schedule:
 * - N7-style moves inside each critical block (Zhang, Li, Guan & Rao 2007): an operation to the
 *   front or the back of its block, the first or last operation into the block's interior;
 * - machine reassignment (Mastrolilli & Gambardella 2000): a critical operation to the best
 *   estimated feasible position on another eligible machine.
 * Candidates live in flat arrays (`op`, `mach`, `after`, `est`) reused across iterations.
 */
export class Moves {
  capacity: number;
  count = 0;
  op: Int32Array;
  mach: Int32Array;
  after: Int32Array;
  kind: Int32Array;
  ref: Int32Array;
  est: Float64Array;
  est2: Float64Array;
  private readonly path: Int32Array;
  private readonly seg: Int32Array;
  private readonly heads: Float64Array;
  private readonly tabuPair: Int32Array;
  private readonly tabuMach: Int32Array;
  private readonly pairDirect: boolean;
  private readonly pairMask: number;
  private readonly tardyJobs: Int32Array;
  private readonly seen: Int32Array;
  private stamp = 0;

  constructor(
    private readonly model: Model,
    private readonly s: Schedule,
    private readonly rng: Random,
    private readonly tardinessMode: boolean,
  ) {
    const n = model.opCount;
    let maxAlt = 1;
    for (let v = 0; v < n; v++)
      maxAlt = Math.max(maxAlt, model.altFirst[v + 1]! - model.altFirst[v]!);
    this.capacity = n * (4 + maxAlt) + 16;
    this.op = new Int32Array(this.capacity);
    this.mach = new Int32Array(this.capacity);
    this.after = new Int32Array(this.capacity);
    this.kind = new Int32Array(this.capacity);
    this.ref = new Int32Array(this.capacity);
    this.est = new Float64Array(this.capacity);
    this.est2 = new Float64Array(this.capacity);
    this.path = new Int32Array(n);
    this.seg = new Int32Array(n + 1);
    this.heads = new Float64Array(n + 1);
    this.pairDirect = n * n <= 1 << 22;
    const size = this.pairDirect ? Math.max(1, n * n) : 1 << 22;
    this.pairMask = size - 1;
    this.tabuPair = new Int32Array(size);
    this.tabuMach = new Int32Array(n * model.machineCount);
    this.tardyJobs = new Int32Array(model.jobCount);
    this.seen = new Int32Array(n);
  }

  private pairKey(a: number, b: number): number {
    if (this.pairDirect) return a * this.model.opCount + b;
    return (Math.imul(a, 73856093) ^ Math.imul(b, 19349663)) & this.pairMask;
  }

  /** Fills the candidate arrays from the current schedule (heads and tails must be fresh). */
  generate(): number {
    this.count = 0;
    this.stamp++;
    const s = this.s;
    const model = this.model;
    if (this.tardinessMode && s.tardiness > 0) {
      let tardy = 0;
      for (let j = 0; j < model.jobCount; j++) {
        const last = model.jobFirst[j + 1]! - 1;
        if (s.start[last]! + s.dur[last]! > model.due[j]!) this.tardyJobs[tardy++] = j;
      }
      // Follow the critical paths of up to three tardy jobs, chosen at random.
      for (let t = 0; t < 3 && tardy > 0; t++) {
        const i = this.rng.int(tardy);
        const j = this.tardyJobs[i]!;
        this.tardyJobs[i] = this.tardyJobs[--tardy]!;
        this.fromPath(model.jobFirst[j + 1]! - 1);
      }
      return this.count;
    }
    // The critical path ends at an operation finishing last (ties broken at random). The last
    // operation of some job always ends last (durations are ≥ 0), so scan jobs, not operations.
    let last = 0;
    let lastEnd = -1;
    let ties = 0;
    for (let j = 0; j < model.jobCount; j++) {
      const v = model.jobFirst[j + 1]! - 1;
      const e = s.start[v]! + s.dur[v]!;
      if (e > lastEnd) {
        lastEnd = e;
        last = v;
        ties = 1;
      } else if (e === lastEnd && this.rng.int(++ties) === 0) last = v;
    }
    this.fromPath(last);
    return this.count;
  }

  /** Traces the critical path ending at `end` and adds the moves of its blocks. */
  private fromPath(end: number): void {
    const s = this.s;
    const model = this.model;
    const { start, dur, mPrev } = s;
    let len = 0;
    let v = end;
    while (v >= 0) {
      this.path[len++] = v;
      const pm = mPrev[v]!;
      const jp = model.jobPrev[v]!;
      const pmEnd = pm >= 0 ? start[pm]! + dur[pm]! : -1;
      const jpEnd = jp >= 0 ? start[jp]! + dur[jp]! : model.release[model.opJob[v]!]!;
      if (pm >= 0 && pmEnd >= jpEnd) v = pm;
      else v = jp;
    }
    // path[len-1] is the earliest operation. Walk blocks forwards.
    let i = len - 1;
    while (i >= 0) {
      let j = i;
      while (j > 0 && s.mNext[this.path[j]!] === this.path[j - 1]) j--;
      // Block: path[i] (first) .. path[j] (last).
      if (i > j) this.blockMoves(i, j);
      i = j - 1;
    }
    if (model.altMachine.length > model.opCount) {
      for (let p = 0; p < len; p++) {
        const u = this.path[p]!;
        if (this.seen[u] === this.stamp) continue;
        this.seen[u] = this.stamp;
        if (model.altFirst[u + 1]! - model.altFirst[u]! > 1) this.crossMoves(u);
      }
    }
  }

  private push(u: number, k: number, after: number, kind: number, ref: number, est: number): void {
    if (this.count >= this.capacity) return;
    const c = this.count++;
    this.op[c] = u;
    this.mach[c] = k;
    this.after[c] = after;
    this.kind[c] = kind;
    this.ref[c] = ref;
    this.est[c] = est;
    this.est2[c] = 0;
  }

  /** N7-style moves of the block path[first] .. path[last] (path indices decrease forwards). */
  private blockMoves(first: number, last: number): void {
    const path = this.path;
    const b0 = path[first]!;
    const bk = path[last]!;
    for (let i = first - 1; i >= last; i--) this.tryBackward(path[i]!, b0);
    for (let i = first; i > last; i--) this.tryForward(path[i]!, bk);
    for (let i = first - 2; i > last; i--) this.tryForward(b0, path[i]!);
    for (let i = first - 1; i > last + 1; i--) this.tryBackward(bk, path[i]!);
  }

  /** u moves right after v (v later on the same machine). */
  tryForward(u: number, v: number): void {
    const s = this.s;
    const b = s.mNext[v]!;
    if (!insertionIsSafe(s, u, v, b)) return;
    let len = 0;
    for (let x = s.mNext[u]!; x !== b; x = s.mNext[x]!) this.seg[len++] = x;
    this.seg[len++] = u;
    const est = estimateSegment(s, this.seg, len, s.mPrev[u]!, b, this.heads);
    this.push(u, s.mach[u]!, v, FORWARD, v, est);
  }

  /** u moves right before v (v earlier on the same machine). */
  tryBackward(u: number, v: number): void {
    const s = this.s;
    const a = s.mPrev[v]!;
    if (!insertionIsSafe(s, u, a, v)) return;
    let len = 0;
    this.seg[len++] = u;
    for (let x = v; x !== u; x = s.mNext[x]!) this.seg[len++] = x;
    const est = estimateSegment(s, this.seg, len, a, s.mNext[u]!, this.heads);
    this.push(u, s.mach[u]!, a, BACKWARD, v, est);
  }

  /** For each other eligible machine of u, the best safe insertion position by estimate. */
  crossMoves(u: number): void {
    const s = this.s;
    const model = this.model;
    const { start, dur, tail } = s;
    const jr = jobReady(s, u);
    const jt = jobTail(s, u);
    const current = s.mach[u]!;
    for (let x = model.altFirst[u]!; x < model.altFirst[u + 1]!; x++) {
      const k = model.altMachine[x]!;
      if (k === current) continue;
      const p = model.altDuration[x]!;
      let bestEst = FOREVER;
      let bestAfter = -2;
      let ties = 0;
      let a = -1;
      let b = s.mHead[k]!;
      for (;;) {
        if (insertionIsSafe(s, u, a, b)) {
          const aEnd = a >= 0 ? start[a]! + dur[a]! : 0;
          const bTail = b >= 0 ? dur[b]! + tail[b]! : 0;
          const est = (aEnd > jr ? aEnd : jr) + p + (bTail > jt ? bTail : jt);
          if (est < bestEst) {
            bestEst = est;
            bestAfter = a;
            ties = 1;
          } else if (est === bestEst && this.rng.int(++ties) === 0) bestAfter = a;
        }
        if (b < 0) break;
        a = b;
        b = s.mNext[b]!;
      }
      if (bestAfter !== -2) this.push(u, k, bestAfter, CROSS, -1, bestEst);
    }
  }

  /** A move is tabu when it would recreate an order or a machine it recently undid. */
  isTabu(c: number, iteration: number): boolean {
    const s = this.s;
    const u = this.op[c]!;
    const kind = this.kind[c]!;
    if (kind === CROSS)
      return this.tabuMach[u * this.model.machineCount + this.mach[c]!]! > iteration;
    const v = this.ref[c]!;
    if (kind === FORWARD) {
      const stop = s.mNext[v]!;
      for (let x = s.mNext[u]!; x !== stop; x = s.mNext[x]!)
        if (this.tabuPair[this.pairKey(x, u)]! > iteration) return true;
    } else {
      for (let x = v; x !== u; x = s.mNext[x]!)
        if (this.tabuPair[this.pairKey(u, x)]! > iteration) return true;
    }
    return false;
  }

  /** Marks the reverse of candidate c tabu; call before applying it. */
  recordTabu(c: number, iteration: number, tenure: number): void {
    const s = this.s;
    const u = this.op[c]!;
    const kind = this.kind[c]!;
    const until = iteration + tenure;
    if (kind === CROSS) {
      this.tabuMach[u * this.model.machineCount + s.mach[u]!] = until;
      return;
    }
    const v = this.ref[c]!;
    if (kind === FORWARD) {
      const stop = s.mNext[v]!;
      for (let x = s.mNext[u]!; x !== stop; x = s.mNext[x]!)
        this.tabuPair[this.pairKey(u, x)] = until;
    } else {
      for (let x = v; x !== u; x = s.mNext[x]!) this.tabuPair[this.pairKey(x, u)] = until;
    }
  }
}
