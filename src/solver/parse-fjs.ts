import type { Problem } from './model.js';
import { ParseError, TokenReader, lastLineOf, tokenLines } from './parse.js';

/**
 * Parses the Brandimarte/Hurink flexible job-shop format (`.fjs`): a header
 * `jobs machines [avgFlexibility]`, then per job the number of operations and, per operation,
 * the number of eligible machines `k` followed by `k` pairs `machine duration`, machines
 * numbered from 1 (converted to 0-based here).
 */
export function parseFjs(text: string): Problem {
  const lines = tokenLines(text);
  const header = lines[0];
  if (!header)
    throw new ParseError(1, 'empty file, expected a header "jobs machines [flexibility]"');
  const head = new TokenReader(header, header[0]!.line);
  const n = head.int('the number of jobs', 1);
  const m = head.int('the number of machines', 1);
  if (!head.done) head.num('the average flexibility');
  if (!head.done)
    throw new ParseError(head.line, `unexpected "${head.peek()!.text}" in the header`);
  const reader = new TokenReader(lines.slice(1).flat(), lastLineOf(text));
  const jobs: Problem['jobs'] = [];
  for (let j = 0; j < n; j++) {
    const count = reader.int(`the number of operations of job ${j + 1}`, 1);
    const operations: Problem['jobs'][number]['operations'] = [];
    for (let k = 0; k < count; k++) {
      const what = `job ${j + 1} operation ${k + 1}`;
      const alts = reader.int(`${what}: the number of eligible machines`, 1);
      const alternatives: Array<{ machine: number; duration: number }> = [];
      for (let a = 0; a < alts; a++) {
        const line = reader.line;
        const machine = reader.int(`${what}: machine`, 1);
        if (machine > m)
          throw new ParseError(line, `${what}: machine ${machine} is out of range 1..${m}`);
        const duration = reader.int(`${what}: duration on machine ${machine}`);
        alternatives.push({ machine: machine - 1, duration });
      }
      operations.push({ alternatives });
    }
    jobs.push({ operations });
  }
  if (!reader.done)
    throw new ParseError(reader.line, `unexpected data after the ${n} jobs declared in the header`);
  return { machineCount: m, jobs };
}
