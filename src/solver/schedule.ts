import { FOREVER, type Model } from './model.js';

/**
 * A solution in disjunctive-graph form: each operation's machine and the order of operations on
 * every machine (doubly linked lists in flat arrays). `decode()` turns it into the semi-active
 * schedule: every operation starts as early as its job predecessor, its machine predecessor,
 * its job's release and its machine's calendar allow. `computeTails()` gives each operation the
 * longest path from its end to the end of the schedule (ignoring calendars, so with calendars
 * it is a lower bound).
 */
export class Schedule {
  readonly model: Model;
  readonly opCount: number;
  readonly machineCount: number;
  /** Machine of each operation (-1 while unassigned). */
  readonly mach: Int32Array;
  /** Processing time of each operation on its machine. */
  readonly dur: Int32Array;
  readonly mPrev: Int32Array;
  readonly mNext: Int32Array;
  readonly mHead: Int32Array;
  readonly mTail: Int32Array;
  /** Head: start time of each operation after decode(). */
  readonly start: Float64Array;
  /** Tail: longest path from the end of the operation to the sink, after computeTails(). */
  readonly tail: Float64Array;
  /** A topological order after a successful decode(). */
  readonly order: Int32Array;
  private readonly indeg: Int32Array;
  private readonly cursor: Int32Array;
  makespan = 0;
  tardiness = 0;

  constructor(model: Model) {
    this.model = model;
    const n = model.opCount;
    const m = model.machineCount;
    this.opCount = n;
    this.machineCount = m;
    this.mach = new Int32Array(n).fill(-1);
    this.dur = new Int32Array(n);
    this.mPrev = new Int32Array(n).fill(-1);
    this.mNext = new Int32Array(n).fill(-1);
    this.mHead = new Int32Array(m).fill(-1);
    this.mTail = new Int32Array(m).fill(-1);
    this.start = new Float64Array(n);
    this.tail = new Float64Array(n);
    this.order = new Int32Array(n);
    this.indeg = new Int32Array(n);
    this.cursor = new Int32Array(m);
  }

  /** Appends operation u at the end of machine k's sequence. */
  append(u: number, k: number): void {
    this.insertAfter(u, k, this.mTail[k]!);
  }

  /** Removes u from its machine sequence (u keeps its machine until re-inserted). */
  private unlink(u: number): void {
    const p = this.mPrev[u]!;
    const x = this.mNext[u]!;
    const k = this.mach[u]!;
    if (p >= 0) this.mNext[p] = x;
    else this.mHead[k] = x;
    if (x >= 0) this.mPrev[x] = p;
    else this.mTail[k] = p;
  }

  /** Inserts u on machine k right after operation `after` (-1: at the front). */
  private insertAfter(u: number, k: number, after: number): void {
    const b = after >= 0 ? this.mNext[after]! : this.mHead[k]!;
    this.mPrev[u] = after;
    this.mNext[u] = b;
    if (after >= 0) this.mNext[after] = u;
    else this.mHead[k] = u;
    if (b >= 0) this.mPrev[b] = u;
    else this.mTail[k] = u;
    this.mach[u] = k;
    this.dur[u] = this.model.durationOn[u * this.machineCount + k]!;
  }

  /**
   * The one move primitive: take u out of its machine sequence and put it on machine k right
   * after `after` (-1: first). Undo with relocate(u, oldMachine, oldPrev).
   */
  relocate(u: number, k: number, after: number): void {
    this.unlink(u);
    this.insertAfter(u, k, after);
  }

  /** Heads (start times) in topological order. Returns false on a cycle or an unplaceable op. */
  decode(): boolean {
    const model = this.model;
    const n = this.opCount;
    const jobPrev = model.jobPrev;
    const jobNext = model.jobNext;
    const release = model.release;
    const opJob = model.opJob;
    const { mPrev, mNext, start, dur, indeg, order, mach } = this;
    const calendars = model.hasCalendars;
    let qt = 0;
    for (let v = 0; v < n; v++) {
      const d = (jobPrev[v]! >= 0 ? 1 : 0) + (mPrev[v]! >= 0 ? 1 : 0);
      indeg[v] = d;
      if (d === 0) order[qt++] = v;
    }
    if (calendars) this.cursor.set(model.calFirst.subarray(0, this.machineCount));
    let qh = 0;
    let makespan = 0;
    while (qh < qt) {
      const v = order[qh++]!;
      const jp = jobPrev[v]!;
      let t = jp >= 0 ? start[jp]! + dur[jp]! : release[opJob[v]!]!;
      const pm = mPrev[v]!;
      if (pm >= 0) {
        const e = start[pm]! + dur[pm]!;
        if (e > t) t = e;
      }
      if (calendars) {
        t = this.fit(mach[v]!, t, dur[v]!);
        if (t === FOREVER) return false;
      }
      start[v] = t;
      const e = t + dur[v]!;
      if (e > makespan) makespan = e;
      const jn = jobNext[v]!;
      if (jn >= 0 && (indeg[jn] = indeg[jn]! - 1) === 0) order[qt++] = jn;
      const mn = mNext[v]!;
      if (mn >= 0 && (indeg[mn] = indeg[mn]! - 1) === 0) order[qt++] = mn;
    }
    this.makespan = makespan;
    if (qt !== n) return false;
    if (model.hasDueDates) this.tardiness = this.weightedTardiness();
    return true;
  }

  /** Earliest start ≥ t on machine k avoiding its unavailable intervals (monotone cursor). */
  private fit(k: number, t: number, d: number): number {
    const model = this.model;
    const end = model.calFirst[k + 1]!;
    let c = this.cursor[k]!;
    const cs = model.calStart;
    const ce = model.calEnd;
    while (c < end && ce[c]! <= t) c++;
    // Operations on one machine are decoded in sequence order, so t only grows per machine.
    this.cursor[k] = c;
    while (c < end) {
      const s = cs[c]!;
      if (s < t + d || s <= t) {
        t = ce[c]!;
        if (t === FOREVER) return FOREVER;
        c++;
      } else break;
    }
    return t;
  }

  /** Tails in reverse topological order (valid after a successful decode()). */
  computeTails(): void {
    const { order, tail, dur, mNext } = this;
    const jobNext = this.model.jobNext;
    for (let i = this.opCount - 1; i >= 0; i--) {
      const v = order[i]!;
      let q = 0;
      const jn = jobNext[v]!;
      if (jn >= 0) q = dur[jn]! + tail[jn]!;
      const mn = mNext[v]!;
      if (mn >= 0) {
        const x = dur[mn]! + tail[mn]!;
        if (x > q) q = x;
      }
      tail[v] = q;
    }
  }

  /** Number of operations on a longest path (after computeTails()); a plateau tie-breaker. */
  criticalCount(): number {
    const { start, dur, tail } = this;
    const makespan = this.makespan;
    let count = 0;
    for (let v = 0; v < this.opCount; v++) if (start[v]! + dur[v]! + tail[v]! === makespan) count++;
    return count;
  }

  /** Sum over jobs of weight × lateness of the job's last operation. */
  weightedTardiness(): number {
    const model = this.model;
    let total = 0;
    for (let j = 0; j < model.jobCount; j++) {
      const last = model.jobFirst[j + 1]! - 1;
      const late = this.start[last]! + this.dur[last]! - model.due[j]!;
      if (late > 0) total += late * model.weight[j]!;
    }
    return total;
  }

  copyFrom(other: Schedule): void {
    this.mach.set(other.mach);
    this.dur.set(other.dur);
    this.mPrev.set(other.mPrev);
    this.mNext.set(other.mNext);
    this.mHead.set(other.mHead);
    this.mTail.set(other.mTail);
    this.start.set(other.start);
    this.tail.set(other.tail);
    this.order.set(other.order);
    this.makespan = other.makespan;
    this.tardiness = other.tardiness;
  }

  /** True when both have the same machine assignment and sequences. */
  sameAs(other: Schedule): boolean {
    for (let v = 0; v < this.opCount; v++) {
      if (this.mach[v] !== other.mach[v] || this.mPrev[v] !== other.mPrev[v]) return false;
    }
    return true;
  }
}
