/**
 * Booking benchmark (factory sharing, on PostgreSQL), in one run:
 *
 *  1. Booking creation through HTTP: the real app (`rpb serve` from source, in its own process,
 *     configured like `npm start` with DATABASE_URL: default pool of 10, job workers on, log
 *     level info) on a free local port; N concurrent clients (default 32) with API tokens —
 *     half of them members booking for their own organisation, half site operators booking on a
 *     member's behalf — POST /api/bookings on non-overlapping slots spread over many machines,
 *     plus deliberate overlaps (each client re-requests a slot it has just booked) that must
 *     answer 409 booking_conflict. Throughput (201s per second), p50/p99 latency.
 *  2. Raw SQL inserts into the same table and exclusion constraint with a pg.Pool of the same
 *     size as the clients, same slot pattern and overlaps (23P01); the HTTP/raw ratio.
 *     1 and 2 run in alternating rounds (default 3) after a warm-up; rates and the ratio are
 *     the median round's, latencies all rounds' together.
 *  3. Availability of one machine over 4 weeks with 10,000 bookings on it
 *     (GET /api/machines/{id}/availability, sequential, after warm-up; and the service function
 *     `availability()` called in-process), in two shapes:
 *       dense: all 10,000 bookings inside the 4 weeks (3 min booked, 1 min free, 24 h × 7);
 *       spread: 10,000 bookings of 20 min every 30 min around the window (1,344 inside it) on a
 *       10-minute grid, so the 10-minute gaps come back as free slots.
 *
 *   npx tsx bench/booking/run.ts [--quick] [--server postgres://postgres@127.0.0.1:5432/postgres]
 *        [--clients 32] [--per-client 100] [--machines 64] [--overlap-every 20]
 *        [--existing 10000] [--requests 200] [--warmup 20] [--warm-per-client 150]
 *        [--rounds 3] [--log-level info] [--keep]
 *        [--profile DIR]   (the app writes a V8 CPU profile into DIR when it stops)
 *
 * Under the table: CPU time per request of the app, of PostgreSQL's backends for the scratch
 * database (from /proc, so only when the server runs on this machine), of this process and of
 * everything else, and the load average: on a shared machine that says what the times are worth.
 *
 * Creates a scratch database on the server, migrates it, measures, and drops it (unless --keep).
 * Writes a Markdown table to bench/results/ and prints it. Exit code 1 when a request answered
 * something unexpected (neither 201 nor the expected 409), not when a target is missed.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { sql } from 'kysely';
import pg from 'pg';
import { Pool } from 'undici';
import { startApp, stopApp } from '../app-process.js';
import {
  createToken,
  createUser,
  findActorByEmail,
} from '../../src/features/accounts/accounts.service.js';
import { busyOfMachine } from '../../src/features/availability/availability.repository.js';
import { availability } from '../../src/features/bookings/bookings.service.js';
import { openDatabase } from '../../src/server/db/connect.js';
import { migrate } from '../../src/server/db/migrate.js';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const quick = process.argv.includes('--quick');
const keep = process.argv.includes('--keep');
const arg = (name: string, full: string, small: string = full) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1]! : quick ? small : full;
};
const server = arg('server', 'postgres://postgres@127.0.0.1:5432/postgres');
const CLIENTS = Number(arg('clients', '32'));
const PER_CLIENT = Number(arg('per-client', '100', '4'));
const MACHINES = Number(arg('machines', '64', '8'));
const OVERLAP_EVERY = Number(arg('overlap-every', '20', '2'));
const EXISTING = Number(arg('existing', '10000', '1000'));
const REQUESTS = Number(arg('requests', '200', '10'));
const WARMUP = Number(arg('warmup', '20', '2'));
/** Bookings per client before each creation phase is measured: V8 optimises the hot paths first. */
const WARM_PER_CLIENT = Number(arg('warm-per-client', '150', '1'));
/** Creation is measured in rounds, each HTTP then raw SQL; rates and ratio are the median round. */
const ROUNDS = Number(arg('rounds', '3', '1'));
const LOG_LEVEL = arg('log-level', 'info');
/** --profile DIR: the app writes a V8 CPU profile (.cpuprofile) into DIR when it stops. */
const PROFILE_DIR = process.argv.includes('--profile') ? arg('profile', '') : null;

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const WITA = 8 * HOUR; // the bench site is in Bali (Asia/Makassar, UTC+8)

function percentile(sorted: readonly number[], p: number) {
  if (sorted.length === 0) return NaN;
  return sorted[
    Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))
  ]!;
}
const sortNum = (xs: readonly number[]) => [...xs].sort((a, b) => a - b);
const f1 = (x: number) => (Number.isFinite(x) ? x.toFixed(1) : '—');
const f2 = (x: number) => (Number.isFinite(x) ? x.toFixed(2) : '—');
const int = (x: number) => Math.round(x).toLocaleString('en');
const mark = (ok: boolean) => (ok ? 'PASS' : 'FAIL');

// HTTP client ------------------------------------------------------------------------------------

/**
 * The load generator: undici's connection pool (keep-alive, one request per connection at a
 * time), the lightest HTTP client Node has — it shares the two cores with the app and the
 * database, so every microsecond it spends is taken from them (node:http took ~0.2 ms of CPU per
 * request here, undici ~0.1).
 */
const pools = new Map<number, Pool>();
const poolOf = (port: number) => {
  let p = pools.get(port);
  if (!p) pools.set(port, (p = new Pool(`http://127.0.0.1:${port}`, { connections: CLIENTS + 4 })));
  return p;
};

interface Answer {
  status: number;
  body: string;
  ms: number;
}

async function request(
  port: number,
  method: 'GET' | 'POST' | 'PUT',
  path: string,
  token: string | null,
  body?: unknown,
): Promise<Answer> {
  const payload = body === undefined ? undefined : JSON.stringify(body);
  const headers: Record<string, string> = { accept: 'application/json' };
  if (token) headers.authorization = `Bearer ${token}`;
  if (payload !== undefined) headers['content-type'] = 'application/json';
  const t0 = performance.now();
  const res = await poolOf(port).request({ method, path, headers, body: payload });
  const text = await res.body.text();
  return { status: res.statusCode, body: text, ms: performance.now() - t0 };
}

// CPU accounting (Linux /proc; figures are omitted elsewhere) ------------------------------------

const TICK_MS = 10; // USER_HZ is 100 on Linux
const readProc = (file: string) => {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return null;
  }
};
/** CPU time of a process (user + system), ms. */
function processCpuMs(pid: number | undefined): number | null {
  const stat = pid === undefined ? null : readProc(`/proc/${pid}/stat`);
  if (!stat) return null;
  const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(f[11]) + Number(f[12])) * TICK_MS;
}
/** Busy CPU time of the whole machine (all cores, all processes), ms. */
function machineBusyMs(): number | null {
  const stat = readProc('/proc/stat');
  if (!stat) return null;
  const f = stat.split('\n')[0]!.trim().split(/\s+/).slice(1).map(Number);
  const idle = (f[3] ?? 0) + (f[4] ?? 0);
  return (f.slice(0, 8).reduce((a, b) => a + b, 0) - idle) * TICK_MS;
}
interface CpuMark {
  app: number | null;
  bench: number;
  /** Per backend pid of the scratch database: CPU ms so far. */
  pg: Map<number, number>;
  machine: number | null;
  load: number;
}
async function cpuMark(appPid: number | undefined, admin: pg.Client, dbName: string) {
  const pids = await admin.query<{ pid: number }>(
    'select pid from pg_stat_activity where datname = $1',
    [dbName],
  );
  const pgCpu = new Map<number, number>();
  for (const { pid } of pids.rows) {
    const ms = processCpuMs(pid);
    if (ms !== null) pgCpu.set(pid, ms);
  }
  const u = process.cpuUsage();
  const mark: CpuMark = {
    app: processCpuMs(appPid),
    bench: (u.user + u.system) / 1000,
    pg: pgCpu,
    machine: machineBusyMs(),
    load: os.loadavg()[0]!,
  };
  return mark;
}
/**
 * CPU ms per booking: the app process, the load generator (this process), PostgreSQL's backends
 * serving the scratch database (read from /proc by pid: the server runs on this machine), and
 * whatever else ran on the machine meanwhile.
 */
function cpuPer(a: CpuMark, b: CpuMark, n: number, wallMs: number) {
  const app = a.app === null || b.app === null ? null : b.app - a.app;
  const bench = b.bench - a.bench;
  let pgMs: number | null = b.pg.size ? 0 : null;
  for (const [pid, ms] of b.pg) pgMs! += ms - (a.pg.get(pid) ?? 0);
  const machine = a.machine === null || b.machine === null ? null : b.machine - a.machine;
  const rest = machine === null ? null : machine - (app ?? 0) - bench - (pgMs ?? 0);
  const per = (x: number | null) => (x === null ? '—' : (x / n).toFixed(2));
  const cores = machine === null ? '—' : (machine / wallMs).toFixed(2);
  return `CPU per request: app ${per(app)} ms, PostgreSQL backends ${per(pgMs)} ms, load generator ${per(bench)} ms, other processes ${per(rest)} ms; ${cores} of ${os.cpus().length} cores busy; load average ${a.load.toFixed(1)} before`;
}

// Slot pattern -----------------------------------------------------------------------------------

interface Slot {
  machine: string;
  member: string;
  start: number;
  end: number;
  /** A deliberate overlap with a slot this client booked just before: must be refused. */
  overlap: boolean;
}

/**
 * Client c's work list: its j-th booking is global booking g = c + CLIENTS·j on machine g mod M,
 * hour ⌊g / M⌋ after t0, 30 minutes long (so the slots of a machine are 30 min booked, 30 min
 * free), for the client's own member organisation. After every OVERLAP_EVERY-th booking comes
 * a request for the same start, one hour long: it overlaps the booking just made.
 */
function workOf(
  c: number,
  machines: readonly string[],
  member: string,
  t0: number,
  count = PER_CLIENT,
): Slot[] {
  const out: Slot[] = [];
  for (let j = 0; j < count; j++) {
    const g = c + CLIENTS * j;
    const start = t0 + Math.floor(g / machines.length) * HOUR;
    const slot = {
      machine: machines[g % machines.length]!,
      member,
      start,
      end: start + 30 * MINUTE,
    };
    out.push({ ...slot, overlap: false });
    if (OVERLAP_EVERY > 0 && (j + 1) % OVERLAP_EVERY === 0)
      out.push({ ...slot, end: start + HOUR, overlap: true });
  }
  return out;
}

interface RunStats {
  wallMs: number;
  created: number[];
  refused: number[];
  unexpected: string[];
}
const rate = (s: RunStats) => (s.created.length / s.wallMs) * 1000;
/** Several runs as one: their latencies and problems together, their times added. */
const pooled = (runs: readonly RunStats[]): RunStats => ({
  wallMs: runs.reduce((a, x) => a + x.wallMs, 0),
  created: runs.flatMap((x) => x.created),
  refused: runs.flatMap((x) => x.refused),
  unexpected: runs.flatMap((x) => x.unexpected),
});
const median = (xs: readonly number[]) => {
  const s = sortNum(xs);
  return s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
};

async function runClients(
  count: number,
  work: (c: number) => Slot[],
  send: (c: number, s: Slot) => Promise<'created' | 'refused' | string>,
): Promise<RunStats> {
  const stats: RunStats = { wallMs: 0, created: [], refused: [], unexpected: [] };
  const t0 = performance.now();
  await Promise.all(
    Array.from({ length: count }, async (_, c) => {
      for (const slot of work(c)) {
        const s0 = performance.now();
        const outcome = await send(c, slot);
        const ms = performance.now() - s0;
        if (outcome === 'created' && !slot.overlap) stats.created.push(ms);
        else if (outcome === 'refused' && slot.overlap) stats.refused.push(ms);
        else
          stats.unexpected.push(
            `${slot.overlap ? 'overlap' : 'booking'} ${new Date(slot.start).toISOString()}: ${outcome}`,
          );
      }
    }),
  );
  stats.wallMs = performance.now() - t0;
  return stats;
}

// Main -------------------------------------------------------------------------------------------

async function main() {
  const name = `rpb_bench_booking_${Date.now().toString(36)}`;
  const admin = new pg.Client({ connectionString: server });
  await admin.connect();
  const pgVersion = (await admin.query<{ server_version: string }>('show server_version')).rows[0]!
    .server_version;
  await admin.query(`create database ${name}`);
  const url = new URL(server);
  url.pathname = `/${name}`;
  const databaseUrl = url.toString();
  const dataDir = mkdtempSync(join(os.tmpdir(), 'rpb-bench-booking-'));
  // The bench's own connections (set-up, seeding, the direct service calls): a small pool.
  const database = await openDatabase({ kind: 'postgres', url: databaseUrl }, { max: 4 });
  const db = database.db;
  let app: Awaited<ReturnType<typeof startApp>> | null = null;
  const rows: string[][] = [];
  const notes: string[] = [];
  let failures = 0;
  try {
    await migrate(database.pool);
    const now = new Date();

    // Network: one site in Bali, open 24 h every day; machines; member organisations. ------
    const programme = await db
      .insertInto('programmes')
      .values({ code: 'BB', name: 'Bench', funding_source: 'apbn_tp', year: 2025, budget: 0 })
      .returning('id')
      .executeTakeFirstOrThrow();
    const cluster = await db
      .insertInto('clusters')
      .values({
        programme_id: programme.id,
        name: 'Bench cluster',
        commodity: 'Kakao',
        province: 'Bali',
        regency: 'Kabupaten Jembrana',
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const site = await db
      .insertInto('sites')
      .values({
        cluster_id: cluster.id,
        code: 'BB-1',
        name: 'Bench site',
        province: 'Bali',
        regency: 'Kabupaten Jembrana',
        time_zone: 'Asia/Makassar',
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await db
      .insertInto('site_opening_hours')
      .values(
        [1, 2, 3, 4, 5, 6, 7].map((weekday) => ({
          site_id: site.id,
          weekday,
          opens: '00:00',
          closes: '24:00',
        })),
      )
      .execute();
    const makeMachines = async (prefix: string, n: number) =>
      (
        await db
          .insertInto('machines')
          .values(
            Array.from({ length: n }, (_, i) => ({
              site_id: site.id,
              code: `${prefix}-${String(i + 1).padStart(3, '0')}`,
              name: `Pengering ${prefix} ${i + 1}`,
              process: 'drying',
              capabilities: ['drying'],
            })),
          )
          .returning('id')
          .execute()
      ).map((r) => r.id);
    const httpMachines = await makeMachines('H', MACHINES);
    const rawMachines = await makeMachines('R', MACHINES);
    const [denseMachine, spreadMachine] = await makeMachines('A', 2);
    const members = (
      await db
        .insertInto('organisations')
        .values(
          Array.from({ length: CLIENTS }, (_, i) => ({
            kind: 'umkm' as const,
            name: `UMKM Bench ${i + 1}`,
          })),
        )
        .returning('id')
        .execute()
    ).map((r) => r.id);
    await db
      .insertInto('site_members')
      .values(members.map((id) => ({ site_id: site.id, organisation_id: id })))
      .execute();

    // Users and API tokens (as `rpb token create` makes them). ---------------------------------
    const tokenFor = async (
      email: string,
      grant: Parameters<typeof createUser>[1]['grants'][0],
    ) => {
      await createUser(
        db,
        { email, name: email, password: 'bench-bench-bench', locale: 'en', grants: [grant] },
        { actor: null, now },
      );
      const actor = (await findActorByEmail(db, email, 'cli'))!;
      const { secret } = await createToken(
        db,
        { name: 'bench', expiresInDays: 1 },
        { actor, now },
        { pepper: null }, // the app runs without RPB_SESSION_SECRET, as `npm start` does by default
      );
      return secret;
    };
    const adminToken = await tokenFor('admin@bench.test', {
      role: 'administrator',
      scopeType: 'system',
      scopeId: null,
    });
    const managerEmail = 'manager@bench.test';
    const managerToken = await tokenFor(managerEmail, {
      role: 'site_manager',
      scopeType: 'site',
      scopeId: site.id,
    });
    // Even clients: a member booking for its own organisation; odd: a site operator booking on
    // the member's behalf.
    const clientTokens: string[] = [];
    for (let c = 0; c < CLIENTS; c++) {
      clientTokens.push(
        await tokenFor(
          `client${c}@bench.test`,
          c % 2 === 0
            ? { role: 'umkm_member', scopeType: 'organisation', scopeId: members[c]! }
            : { role: 'site_operator', scopeType: 'site', scopeId: site.id },
        ),
      );
    }
    const booker = (
      await db
        .selectFrom('users')
        .select('id')
        .where('email', '=', managerEmail)
        .executeTakeFirstOrThrow()
    ).id;
    await sql`analyze`.execute(db);

    // The app, as `npm start` runs it on a PostgreSQL server. ----------------------------------
    app = await startApp({
      databaseUrl,
      dataDir,
      logLevel: LOG_LEVEL,
      nodeArgs: PROFILE_DIR ? ['--cpu-prof', '--cpu-prof-dir', resolve(PROFILE_DIR)] : [],
    });
    const port = app.port;
    const appPid = app.child.pid;

    // Booking rules through the API: no qualification, no quota, no lead time, a year ahead.
    const rulesBody = (slotMinutes: number) => ({
      slotMinutes,
      minMinutes: slotMinutes,
      maxMinutes: 480,
      leadMinutes: 0,
      horizonDays: 366,
      approvalRequired: false,
      qualificationRequired: false,
      serviceModeAllowed: true,
      noShowGraceMinutes: 30,
      offerHoldMinutes: 120,
      weeklyHours: { micro: null, small: null, medium: null, large: null },
    });
    for (const [id, slot] of [
      ...httpMachines.map((id) => [id, 30] as const),
      ...rawMachines.map((id) => [id, 30] as const),
      [denseMachine!, 5] as const,
      [spreadMachine!, 10] as const,
    ]) {
      const r = await request(
        port,
        'PUT',
        `/api/machines/${id}/booking-rules`,
        adminToken,
        rulesBody(slot),
      );
      if (r.status !== 200) throw new Error(`booking rules: ${r.status} ${r.body}`);
    }

    // Slots start at a whole hour (UTC, so also WITA) at least two days ahead, out of reach of the
    // app's reminder job (bookings starting within 24 hours).
    const t0 = Math.ceil((now.getTime() + 2 * DAY) / HOUR) * HOUR;
    const warmT0 = t0 + 200 * DAY; // warm-up slots, far from the measured ones
    const total = CLIENTS * PER_CLIENT;
    const overlaps = OVERLAP_EVERY > 0 ? CLIENTS * Math.floor(PER_CLIENT / OVERLAP_EVERY) : 0;

    // 1. HTTP and 2. raw SQL, in alternating rounds ----------------------------------------------
    const viaHttp = async (c: number, s: Slot) => {
      const r = await request(port, 'POST', '/api/bookings', clientTokens[c]!, {
        machineId: s.machine,
        memberOrgId: s.member,
        startsAt: new Date(s.start).toISOString(),
        endsAt: new Date(s.end).toISOString(),
      });
      if (r.status === 201) return 'created';
      if (r.status === 409 && r.body.includes('"booking_conflict"')) return 'refused';
      return `${r.status} ${r.body.slice(0, 300)}`;
    };
    const warmWork = (machines: string[]) => (c: number) =>
      workOf(c, machines, members[c]!, warmT0, WARM_PER_CLIENT);
    // Round k books the hours after round k − 1's (same pattern, fresh slots).
    const roundSpan = (Math.ceil((CLIENTS * PER_CLIENT) / MACHINES) + 1) * HOUR;
    const roundWork = (machines: string[], k: number) => (c: number) =>
      workOf(c, machines, members[c]!, t0 + k * roundSpan);
    // Each raw client holds one pooled connection for the whole run: pool.query() would drop the
    // connection after every error (each refused overlap) and open a new one.
    const rawPool = new pg.Pool({ connectionString: databaseUrl, max: CLIENTS });
    const conns = await Promise.all(Array.from({ length: CLIENTS }, () => rawPool.connect()));
    const viaSql = async (c: number, s: Slot) => {
      try {
        await conns[c]!.query(
          `insert into bookings (machine_id, kind, status, starts_at, ends_at, member_org_id, mode,
             booked_by, booked_by_label)
           values ($1, 'booking', 'confirmed', $2, $3, $4, 'self', $5, 'bench') returning id`,
          [s.machine, new Date(s.start), new Date(s.end), s.member, booker],
        );
        return 'created';
      } catch (err) {
        if ((err as { code?: string }).code === '23P01') return 'refused';
        return String((err as Error).message);
      }
    };
    /** One round of one kind, with the CPU it took per request. */
    const measured = async (
      work: (c: number) => Slot[],
      via: (c: number, s: Slot) => Promise<string>,
    ) => {
      const before = await cpuMark(appPid, admin, name);
      const run = await runClients(CLIENTS, work, via);
      const after = await cpuMark(appPid, admin, name);
      return { run, cpu: cpuPer(before, after, total + overlaps, run.wallMs) };
    };
    const hRounds: RunStats[] = [];
    const rRounds: RunStats[] = [];
    try {
      await runClients(CLIENTS, warmWork(httpMachines), viaHttp);
      await runClients(CLIENTS, warmWork(rawMachines), viaSql);
      for (let k = 0; k < ROUNDS; k++) {
        const { run: h, cpu: hCpu } = await measured(roundWork(httpMachines, k), viaHttp);
        const { run: r, cpu: rCpu } = await measured(roundWork(rawMachines, k), viaSql);
        hRounds.push(h);
        rRounds.push(r);
        notes.push(
          `Round ${k + 1}: HTTP ${f1(rate(h))} bookings/s, raw SQL ${f1(rate(r))} bookings/s, ratio ${f2(rate(h) / rate(r))}. HTTP: ${hCpu}. Raw SQL: ${rCpu}.`,
        );
      }
    } finally {
      for (const conn of conns) conn.release();
      await rawPool.end();
    }

    const counted = async (machines: string[]) =>
      Number(
        (
          await db
            .selectFrom('bookings')
            .select((eb) => eb.fn.countAll().as('n'))
            .where('machine_id', 'in', machines)
            .where('starts_at', '<', new Date(warmT0))
            .executeTakeFirstOrThrow()
        ).n,
      );
    const httpRows = await counted(httpMachines);
    const rawRows = await counted(rawMachines);
    // The rounds' latencies together; rates and ratio: the median round.
    const h = pooled(hRounds);
    const r = pooled(rRounds);
    for (const [label, s, n] of [
      ['HTTP', h, httpRows],
      ['raw SQL', r, rawRows],
    ] as const) {
      if (
        s.unexpected.length ||
        s.created.length !== total * ROUNDS ||
        s.refused.length !== overlaps * ROUNDS ||
        n !== total * ROUNDS
      ) {
        failures++;
        notes.push(
          'PROBLEM: ' +
            `${label}: expected ${total * ROUNDS} created and ${overlaps * ROUNDS} refused (rows ${total * ROUNDS}); got ${s.created.length} / ${s.refused.length} (rows ${n}); unexpected: ${s.unexpected.length}` +
            s.unexpected
              .slice(0, 5)
              .map((u) => `\n    ${u}`)
              .join(''),
        );
      }
    }
    const hs = sortNum(h.created);
    const rs = sortNum(r.created);
    const hRate = median(hRounds.map(rate));
    const rRate = median(rRounds.map(rate));
    const ratio = median(hRounds.map((x, k) => rate(x) / rate(rRounds[k]!)));
    const hP99 = percentile(hs, 99);
    const inRounds = ROUNDS > 1 ? ` (median of ${ROUNDS} rounds)` : '';
    rows.push(
      [
        `create bookings through HTTP: ${CLIENTS} clients, ${int(total)} bookings on ${MACHINES} machines a round (app pool 10)`,
        `${f1(hRate)} bookings/s${inRounds}; p50 ${f1(percentile(hs, 50))} ms, p99 ${f1(hP99)} ms (all rounds)`,
        'p99 < 50 ms',
        mark(hP99 < 50),
      ],
      [
        `… of which deliberate overlaps refused with 409 booking_conflict`,
        `${h.refused.length} of ${overlaps * ROUNDS}; p50 ${f1(percentile(sortNum(h.refused), 50))} ms`,
        `all ${overlaps * ROUNDS}`,
        mark(h.refused.length === overlaps * ROUNDS && h.unexpected.length === 0),
      ],
      [
        `insert bookings with raw SQL: pg.Pool of ${CLIENTS}, same slots`,
        `${f1(rRate)} bookings/s${inRounds}; p50 ${f2(percentile(rs, 50))} ms, p99 ${f2(percentile(rs, 99))} ms`,
        '—',
        '',
      ],
      [
        `… of which overlaps refused by bookings_no_overlap (23P01)`,
        `${r.refused.length} of ${overlaps * ROUNDS}`,
        `all ${overlaps * ROUNDS}`,
        mark(r.refused.length === overlaps * ROUNDS && r.unexpected.length === 0),
      ],
      [
        `throughput ratio HTTP / raw SQL${ROUNDS > 1 ? ' (median of the rounds’ ratios; each round runs HTTP, then raw SQL)' : ''}`,
        f2(ratio),
        '≥ 0.5',
        mark(ratio >= 0.5),
      ],
    );

    // 3. Availability ----------------------------------------------------------------------------
    // The window: 4 weeks from a local midnight (WITA) 100 days ahead. Every seeded booking is
    // in the future, so the app's minute job (no-shows, reminders) leaves them alone.
    const from = Math.ceil((t0 + 100 * DAY + WITA) / DAY) * DAY - WITA;
    const to = from + 28 * DAY;
    const seed = async (machine: string, starts: number[], minutes: number) => {
      for (let i = 0; i < starts.length; i += 5000) {
        const part = starts.slice(i, i + 5000);
        await db
          .insertInto('bookings')
          .values(
            part.map((s, k) => ({
              machine_id: machine,
              kind: 'booking' as const,
              status: 'confirmed' as const,
              starts_at: new Date(s),
              ends_at: new Date(s + minutes * MINUTE),
              member_org_id: members[(i + k) % members.length]!,
              mode: 'self' as const,
              booked_by: booker,
              booked_by_label: 'bench',
            })),
          )
          .execute();
      }
    };
    // dense: EXISTING bookings of 3 min every 4 min from the window's start (10,000 → 27.8 days).
    const denseStep = Math.min(4 * MINUTE, Math.floor((28 * DAY) / EXISTING / MINUTE) * MINUTE);
    await seed(
      denseMachine!,
      Array.from({ length: EXISTING }, (_, i) => from + i * denseStep),
      Math.max(1, denseStep / MINUTE - 1),
    );
    // spread: EXISTING bookings of 20 min every 30 min, the window in the middle of them.
    const spreadStart = from - Math.max(0, Math.floor(EXISTING / 2 - 28 * 24)) * 30 * MINUTE;
    await seed(
      spreadMachine!,
      Array.from({ length: EXISTING }, (_, i) => spreadStart + i * 30 * MINUTE),
      20,
    );
    await sql`analyze bookings`.execute(db);
    notes.push(`Availability phase: load average ${os.loadavg()[0]!.toFixed(1)} before.`);
    const inWindow = async (machine: string) =>
      Number(
        (
          await db
            .selectFrom('bookings')
            .select((eb) => eb.fn.countAll().as('n'))
            .where('machine_id', '=', machine)
            .where('starts_at', '<', new Date(to))
            .where('ends_at', '>', new Date(from))
            .executeTakeFirstOrThrow()
        ).n,
      );
    const manager = (await findActorByEmail(db, managerEmail, 'token'))!;
    const q = { from: new Date(from).toISOString(), to: new Date(to).toISOString() };
    const path = (m: string) =>
      `/api/machines/${m}/availability?from=${encodeURIComponent(q.from)}&to=${encodeURIComponent(q.to)}`;
    for (const [label, machine] of [
      ['dense', denseMachine!],
      ['spread', spreadMachine!],
    ] as const) {
      const n = await inWindow(machine);
      let bytes = 0;
      let busy = 0;
      let free = 0;
      const httpTimes: number[] = [];
      for (let i = 0; i < WARMUP + REQUESTS; i++) {
        const a = await request(port, 'GET', path(machine), managerToken);
        if (a.status !== 200) throw new Error(`availability: ${a.status} ${a.body.slice(0, 300)}`);
        if (i === 0) {
          const body = JSON.parse(a.body) as { busy: unknown[]; free: unknown[] };
          bytes = a.body.length;
          busy = body.busy.length;
          free = body.free.length;
        }
        if (i >= WARMUP) httpTimes.push(a.ms);
      }
      const direct: number[] = [];
      for (let i = 0; i < WARMUP + REQUESTS; i++) {
        const s0 = performance.now();
        await availability(db, machine, q, manager, new Date());
        if (i >= WARMUP) direct.push(performance.now() - s0);
      }
      // The one SQL query of busy time alone, as the service sends it (the repository function).
      const sqlOnly: number[] = [];
      for (let i = 0; i < WARMUP + REQUESTS; i++) {
        const s0 = performance.now();
        await busyOfMachine(db, machine, new Date(from), new Date(to), []);
        if (i >= WARMUP) sqlOnly.push(performance.now() - s0);
      }
      const hs3 = sortNum(httpTimes);
      const ds = sortNum(direct);
      const ss = sortNum(sqlOnly);
      const shape =
        label === 'dense'
          ? `${int(n)} of ${int(EXISTING)} bookings in the window (${denseStep / MINUTE - 1} min every ${denseStep / MINUTE} min, 24 h × 7)`
          : `${int(n)} of ${int(EXISTING)} bookings in the window (20 min every 30 min, 10-min grid)`;
      rows.push(
        [
          `availability over 4 weeks, ${label}: ${shape}; HTTP GET, ${REQUESTS} sequential after ${WARMUP} warm-up — p50 / p95 / p99 (answer: ${int(busy)} busy, ${int(free)} free, ${f1(bytes / 1024)} KiB)`,
          `${f1(percentile(hs3, 50))} / ${f1(percentile(hs3, 95))} / ${f1(percentile(hs3, 99))} ms`,
          'p95 < 20 ms',
          mark(percentile(hs3, 95) < 20),
        ],
        [
          `… the service function availability() in-process — p50 / p95 / p99`,
          `${f1(percentile(ds, 50))} / ${f1(percentile(ds, 95))} / ${f1(percentile(ds, 99))} ms`,
          'p95 < 20 ms',
          mark(percentile(ds, 95) < 20),
        ],
        [
          `… its busy-time query alone (availability.repository busyOfMachine) — p50 / p95 / p99`,
          `${f1(percentile(ss, 50))} / ${f1(percentile(ss, 95))} / ${f1(percentile(ss, 99))} ms`,
          '—',
          '',
        ],
      );
    }
  } finally {
    if (app) await stopApp(app.child);
    await Promise.all([...pools.values()].map((p) => p.close()));
    await database.close();
    if (!keep) await admin.query(`drop database if exists ${name} with (force)`);
    else console.log(`kept database ${name}`);
    await admin.end();
    rmSync(dataDir, { recursive: true, force: true });
  }

  const cpu = os.cpus();
  const table = [
    `Booking benchmark${quick ? ' (--quick smoke run)' : ''} — ${new Date().toISOString()}`,
    `Machine: ${cpu.length} cores (${cpu[0]?.model.trim() ?? 'unknown CPU'}), ${Math.round(os.totalmem() / 2 ** 30)} GiB, Node ${process.version}, PostgreSQL ${pgVersion}; app: rpb serve (from source), pool 10, log level ${LOG_LEVEL}`,
    '',
    '| what | measured | target | result |',
    '|---|---|---|---|',
    ...rows.map((r) => `| ${r.join(' | ')} |`),
    '',
    ...notes.map((n) => `- ${n}`),
    '',
  ].join('\n');
  mkdirSync(join(root, 'bench/results'), { recursive: true });
  const file = join(
    root,
    'bench/results',
    `booking-${quick ? 'quick-' : ''}${new Date().toISOString().replace(/[:.]/g, '-')}.md`,
  );
  writeFileSync(file, table);
  console.log(table);
  console.log(`written to ${file}`);
  if (failures) process.exitCode = 1;
}

await main();
