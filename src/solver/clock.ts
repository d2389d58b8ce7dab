/** The only place the solver reads a clock: milliseconds, used solely to stop on time. */
export type Clock = () => number;

export const systemClock: Clock = () => globalThis.performance.now();
