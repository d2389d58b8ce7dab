/**
 * Taillard's (1993) instance generator for the job shop: a Lehmer LCG (16807, 2^31 − 1),
 * processing times U[1, 99] drawn job by job, machine orders from a random permutation.
 *
 *   npx tsx bench/solver/taillard.ts JOBS MACHINES TIME_SEED MACHINE_SEED > instance.txt
 *
 * Writes the standard JSSP format (machines from 0). Used to make 100×20 instances like ta71
 * (not shipped in shared/bench) for the size/memory check in bench/README.md.
 */
function lcg(seed: number): (low: number, high: number) => number {
  let s = seed;
  return (low, high) => {
    // Schrage's method for (16807 * s) mod (2^31 - 1) without overflow.
    const m = 2147483647;
    const a = 16807;
    const b = 127773;
    const c = 2836;
    const k = Math.floor(s / b);
    s = a * (s % b) - k * c;
    if (s < 0) s += m;
    return low + Math.floor((s / m) * (high - low + 1));
  };
}

export function taillard(
  jobs: number,
  machines: number,
  timeSeed: number,
  machineSeed: number,
): string {
  const time = lcg(timeSeed);
  const mach = lcg(machineSeed);
  const d: number[][] = [];
  for (let i = 0; i < jobs; i++) d.push(Array.from({ length: machines }, () => time(1, 99)));
  const order: number[][] = [];
  for (let i = 0; i < jobs; i++) {
    const row = Array.from({ length: machines }, (_, j) => j);
    for (let j = 0; j < machines; j++) {
      const r = mach(j, machines - 1);
      [row[j], row[r]] = [row[r]!, row[j]!];
    }
    order.push(row);
  }
  const lines = [`${jobs} ${machines}`];
  for (let i = 0; i < jobs; i++) lines.push(order[i]!.map((k, j) => `${k} ${d[i]![j]}`).join(' '));
  return `${lines.join('\n')}\n`;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const [n, m, ts, ms] = process.argv.slice(2).map(Number);
  if (!n || !m || !ts || !ms) {
    process.stderr.write('usage: taillard.ts JOBS MACHINES TIME_SEED MACHINE_SEED\n');
    process.exitCode = 2;
  } else process.stdout.write(taillard(n, m, ts, ms));
}
