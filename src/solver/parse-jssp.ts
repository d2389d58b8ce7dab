import type { Problem } from './model.js';
import { ParseError, TokenReader, lastLineOf, tokenLines } from './parse.js';

/**
 * Parses the standard job-shop format: a header `n m`, then per job `m` pairs
 * `machine duration` in processing order, machines numbered from 0.
 */
export function parseJssp(text: string): Problem {
  const lines = tokenLines(text);
  const header = lines[0];
  if (!header) throw new ParseError(1, 'empty file, expected a header "jobs machines"');
  const head = new TokenReader(header, header[0]!.line);
  const n = head.int('the number of jobs', 1);
  const m = head.int('the number of machines', 1);
  if (!head.done)
    throw new ParseError(
      head.line,
      `unexpected "${head.peek()!.text}" after the header "jobs machines"`,
    );
  const reader = new TokenReader(lines.slice(1).flat(), lastLineOf(text));
  const jobs: Problem['jobs'] = [];
  for (let j = 0; j < n; j++) {
    const operations: Problem['jobs'][number]['operations'] = [];
    for (let k = 0; k < m; k++) {
      const line = reader.line;
      const machine = reader.int(`job ${j + 1} operation ${k + 1}: machine`);
      if (machine >= m)
        throw new ParseError(
          line,
          `job ${j + 1} operation ${k + 1}: machine ${machine} is out of range 0..${m - 1}`,
        );
      const duration = reader.int(`job ${j + 1} operation ${k + 1}: duration`);
      operations.push({ alternatives: [{ machine, duration }] });
    }
    jobs.push({ operations });
  }
  if (!reader.done)
    throw new ParseError(reader.line, `unexpected data after the ${n} jobs declared in the header`);
  return { machineCount: m, jobs };
}
