import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { solveCommand } from './solve.js';

class Capture extends Writable {
  text = '';
  isTTY = false;
  override _write(chunk: Buffer | string, _enc: BufferEncoding, done: () => void): void {
    this.text += chunk.toString();
    done();
  }
}

const dir = mkdtempSync(join(tmpdir(), 'rpb-solve-'));
function file(name: string, text: string): string {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
}

async function run(...args: string[]): Promise<{ code: number; out: string; err: string }> {
  const stdout = new Capture();
  const stderr = new Capture();
  const code = await solveCommand.run(args, { stdout, stderr });
  return { code, out: stdout.text, err: stderr.text };
}

const JSSP = file('small.txt', '3 3\n0 3 1 2 2 2\n0 2 2 1 1 4\n1 4 2 3 0 1\n');
const FJS = file('small.fjs', '2 2 1.5\n2 2 1 3 2 4 1 2 2\n1 1 1 5\n');

describe('rpb solve', () => {
  it('prints one JSON object with a valid schedule, elapsedMs, iterations and lowerBound', async () => {
    const { code, out } = await run(JSSP, '--iterations', '500', '--seed', '3', '--json');
    expect(code).toBe(0);
    const lines = out.trim().split('\n');
    expect(lines).toHaveLength(1);
    const json = JSON.parse(lines[0]!);
    expect(json).toMatchObject({ makespan: expect.any(Number), elapsedMs: expect.any(Number), iterations: expect.any(Number) });
    expect(json.lowerBound).toBeLessThanOrEqual(json.makespan);
    expect(json.operations).toHaveLength(9);
    const ends = json.operations.map((o: { end: number }) => o.end);
    expect(Math.max(...ends)).toBe(json.makespan);
    // Machines are reported 0-based, as written in the JSSP file.
    expect(json.operations.find((o: { job: number; op: number }) => o.job === 2 && o.op === 0).machine).toBe(1);
  });

  it('reads .fjs files with 1-based machines and reports them 0-based', async () => {
    const { code, out } = await run(FJS, '--iterations', '100', '--json');
    expect(code).toBe(0);
    const json = JSON.parse(out);
    expect(json.operations.find((o: { job: number }) => o.job === 1).machine).toBe(0);
  });

  it('prints a summary and an ASCII Gantt chart without --json, progress on stderr', async () => {
    const { code, out, err } = await run(JSSP, '--iterations', '200');
    expect(code).toBe(0);
    expect(out).toMatch(/makespan \d+/);
    expect(out).toMatch(/M0 \|/);
    expect(err).toMatch(/best makespan/);
  });

  it('exits 2 with the file and line of a malformed instance', async () => {
    const bad = file('bad.txt', '2 2\n0 3 1 4\n1 2 0 x\n');
    const { code, err } = await run(bad);
    expect(code).toBe(2);
    expect(err).toBe(`error: ${bad} line 3: expected job 2 operation 2: duration (an integer), found "x"\n`);
  });

  it('exits 2 on a negative duration or an operation without machines', async () => {
    expect((await run(file('neg.txt', '1 1\n0 -5\n'))).code).toBe(2);
    const none = await run(file('none.fjs', '1 1\n1 0\n'));
    expect(none.code).toBe(2);
    expect(none.err).toMatch(/line 2: .*eligible machines must be at least 1/);
  });

  it('exits 2 on bad usage and unknown files', async () => {
    expect((await run()).code).toBe(2);
    expect((await run(JSSP, '--objective', 'cost')).code).toBe(2);
    expect((await run(JSSP, '--bogus')).code).toBe(2);
    expect((await run(join(dir, 'missing.txt'))).err).toMatch(/cannot read/);
    expect((await run(file('x.dat', '1 1\n0 1\n'))).err).toMatch(/--format/);
    expect((await run(file('y.dat', '1 1\n0 1\n'), '--format', 'jssp', '--iterations', '5')).code).toBe(0);
  });

  it('prints help with --help and exits 0', async () => {
    const { code, out } = await run('--help');
    expect(code).toBe(0);
    expect(out).toMatch(/Usage: rpb solve FILE/);
  });
});
