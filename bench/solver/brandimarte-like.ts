/** Generator of Brandimarte-like flexible job shops for bench/solver/larger.ts. */
/** Brandimarte-like FJSP in .fjs format: ops per job U[⌈m/2⌉, m], 2–5 eligible machines, p U[1, 20]. */
export function brandimarteLike(jobs: number, machines: number, seed: number): string {
  let s = seed >>> 0 || 1;
  const rand = (lo: number, hi: number): number => {
    s ^= s << 13;
    s >>>= 0;
    s ^= s >>> 17;
    s ^= s << 5;
    s >>>= 0;
    return lo + (s % (hi - lo + 1));
  };
  const lines = [`${jobs} ${machines} 3`];
  for (let j = 0; j < jobs; j++) {
    const ops = rand(Math.ceil(machines / 2), machines);
    const row: number[] = [ops];
    for (let o = 0; o < ops; o++) {
      const k = rand(2, Math.min(5, machines));
      const ms = Array.from({ length: machines }, (_, i) => i);
      for (let i = 0; i < k; i++) {
        const r = rand(i, machines - 1);
        [ms[i], ms[r]] = [ms[r]!, ms[i]!];
      }
      row.push(k);
      for (let i = 0; i < k; i++) row.push(ms[i]! + 1, rand(1, 20));
    }
    lines.push(row.join(' '));
  }
  return `${lines.join('\n')}\n`;
}
