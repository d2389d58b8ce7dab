import { describe, expect, it } from 'vitest';
import { ParseError } from './parse.js';
import { parseFjs } from './parse-fjs.js';
import { parseJssp } from './parse-jssp.js';

function parseErrorOf(fn: () => unknown): ParseError {
  try {
    fn();
  } catch (error) {
    if (error instanceof ParseError) return error;
    throw error;
  }
  throw new Error('expected a ParseError');
}

describe('parseJssp', () => {
  it('reads one single-machine operation per machine/duration pair, machines from 0', () => {
    const p = parseJssp('2 2\n0 3 1 4\n1 2 0 5\n');
    expect(p.machineCount).toBe(2);
    expect(p.jobs).toHaveLength(2);
    expect(p.jobs[1]!.operations[0]!.alternatives).toEqual([{ machine: 1, duration: 2 }]);
  });

  it('skips blank lines and # comments', () => {
    const p = parseJssp('# a comment\n\n1 1\n\n0 7\n');
    expect(p.jobs[0]!.operations[0]!.alternatives[0]!.duration).toBe(7);
  });

  it('reports the line of a machine out of range', () => {
    const e = parseErrorOf(() => parseJssp('2 2\n0 3 1 4\n1 2 2 5\n'));
    expect(e.line).toBe(3);
    expect(e.reason).toMatch(/machine 2 is out of range 0..1/);
  });

  it('reports a negative duration with its line', () => {
    const e = parseErrorOf(() => parseJssp('1 2\n0 3 1 -4\n'));
    expect(e.line).toBe(2);
    expect(e.reason).toMatch(/non-negative/);
  });

  it('reports a truncated file and trailing data', () => {
    const truncated = parseErrorOf(() => parseJssp('2 2\n0 3 1 4\n1 2 0\n\n'));
    expect(truncated.reason).toMatch(/unexpected end of file/);
    expect(truncated.line).toBe(3);
    expect(parseErrorOf(() => parseJssp('1 1\n0 3\n9 9\n')).line).toBe(3);
    expect(parseErrorOf(() => parseJssp('1 1\n0 x\n')).reason).toMatch(/found "x"/);
    expect(parseErrorOf(() => parseJssp('')).line).toBe(1);
  });
});

describe('parseFjs', () => {
  it('reads alternatives and converts machines from 1-based to 0-based', () => {
    const p = parseFjs('2 3 1.5\n2 1 1 4 2 2 3 3 5\n1 1 3 6\n');
    expect(p.machineCount).toBe(3);
    expect(p.jobs[0]!.operations).toHaveLength(2);
    expect(p.jobs[0]!.operations[1]!.alternatives).toEqual([
      { machine: 1, duration: 3 },
      { machine: 2, duration: 5 },
    ]);
    expect(p.jobs[1]!.operations[0]!.alternatives).toEqual([{ machine: 2, duration: 6 }]);
  });

  it('reports an operation with no eligible machine on its line', () => {
    const e = parseErrorOf(() => parseFjs('1 2\n2 1 1 4 0\n'));
    expect(e.line).toBe(2);
    expect(e.reason).toMatch(/number of eligible machines must be at least 1/);
  });

  it('reports machine 0 and machines above the header count', () => {
    expect(parseErrorOf(() => parseFjs('1 2\n1 1 0 4\n')).reason).toMatch(/at least 1/);
    expect(parseErrorOf(() => parseFjs('1 2\n1 1 3 4\n')).reason).toMatch(
      /machine 3 is out of range 1..2/,
    );
  });

  it('reports the line where data runs out', () => {
    const e = parseErrorOf(() => parseFjs('2 2\n1 1 1 4\n'));
    expect(e.reason).toMatch(/unexpected end of file/);
  });
});
