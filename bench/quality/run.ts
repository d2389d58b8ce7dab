/**
 * Quality benchmark (toll processing and quality, on PostgreSQL), in one run:
 *
 *  1. Control-chart data for one characteristic with 100,000 measurements (target < 200 ms):
 *     100,000 final inspections of patchouli-oil output lots (one lot per completed process job
 *     on a completed booking, 8 distillation kettles of one site, jobs never overlapping on a
 *     kettle), each with the full SNI 06-2385-2006 result set (9 characteristics, so
 *     inspection_results holds 900,000 rows), plus 0.5% corrections that supersede an earlier
 *     record (the series still has exactly 100,000 effective values). Then `spcChart()` from
 *     src/features/spc is timed end to end (query + maths + thinning) as an administrator:
 *     I-MR with maxPoints 2000, the same filtered to one machine, and X̄-R (subgroups of 5); and
 *     the same through HTTP GET /api/spc on the real app. The triggers of migration 0010 fill
 *     the read model `spc_points` while the records are bulk-inserted. A phase breakdown (phase 1
 *     values, the maths, thinning, phase 2 labels) and EXPLAIN ANALYZE of the statements go to
 *     the report.
 *  2. Recall over one year of a busy site (target < 100 ms): 365 days × 20 jobs a day on 6
 *     kettles and 2 refining stills; a distillation consumes 1–3 intake lots of one owner (5%
 *     pooled over two owners, some intake lots split over two jobs) and makes an oil lot and a
 *     residue by-product; a quarter of the oil is refined (1–2 oil lots → refined oil +
 *     hydrosol), a fifth of that refined again (genealogy depth 2–3); most lots not re-processed
 *     are handed back. Then `recall()` from src/features/toll is timed as the site's manager:
 *     by intake lot (random intake lots, and intake lots whose genealogy reaches depth 3), and by
 *     machine for one month and for the whole year (every answer checked against the seeded
 *     genealogy, lot by lot); and through HTTP GET /api/recall.
 *
 *   npx tsx bench/quality/run.ts [--quick] [--server postgres://postgres@127.0.0.1:5432/postgres]
 *        [--measurements 100000] [--spc-machines 8] [--days 365] [--jobs-per-day 20]
 *        [--runs 20] [--warmup 3] [--recall-lots 200] [--no-http] [--keep]
 *
 * Creates a scratch database on the server, migrates it, seeds it with raw SQL bulk inserts,
 * measures the real src code, and drops the database (unless --keep). Writes a Markdown report
 * (table, phase breakdown, query plans) to bench/results/ and prints it. Exit code 1 when a
 * sanity check fails (wrong number of points or lots), not when a target is missed.
 */
import { randomUUID } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { Kysely, PostgresDialect, type LogEvent } from 'kysely';
import pg from 'pg';
import { startApp, stopApp } from '../app-process.js';
import {
  createToken,
  createUser,
  findActorByEmail,
} from '../../src/features/accounts/accounts.service.js';
import { lotCode } from '../../src/features/quality/quality.js';
import * as spcRepo from '../../src/features/spc/spc.repository.js';
import { spcChart } from '../../src/features/spc/spc.service.js';
import {
  capability,
  individualsMR,
  thinForChart,
  westernElectric,
} from '../../src/features/spc/spc.js';
import * as tollRepo from '../../src/features/toll/toll.repository.js';
import { recall, toSummary } from '../../src/features/toll/toll.service.js';
import type { Actor } from '../../src/server/context.js';
import { openDatabase } from '../../src/server/db/connect.js';
import { migrate } from '../../src/server/db/migrate.js';
import type { DB } from '../../src/server/db/schema.js';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const quick = process.argv.includes('--quick');
const keep = process.argv.includes('--keep');
const withHttp = !process.argv.includes('--no-http');
const arg = (name: string, full: string, small: string = full) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1]! : quick ? small : full;
};
const server = arg('server', 'postgres://postgres@127.0.0.1:5432/postgres');
const MEASUREMENTS = Number(arg('measurements', '100000', '5000'));
const SPC_MACHINES = Number(arg('spc-machines', '8', '4'));
const DAYS = Number(arg('days', '365', '31'));
const JOBS_PER_DAY = Number(arg('jobs-per-day', '20'));
const RUNS = Number(arg('runs', '20', '5'));
const WARMUP = Number(arg('warmup', '3', '1'));
const RECALL_LOTS = Number(arg('recall-lots', '200', '20'));

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const WIB = 7 * HOUR; // both bench sites are in Aceh (Asia/Jakarta, UTC+7)
const SPC_TARGET_MS = 200;
const RECALL_TARGET_MS = 100;

// mulberry32: a small deterministic PRNG, so every run seeds the same data.
let seed = 20_261_201;
const rand = () => {
  seed = (seed + 0x6d2b79f5) | 0;
  let x = Math.imul(seed ^ (seed >>> 15), 1 | seed);
  x = (x + Math.imul(x ^ (x >>> 7), 61 | x)) ^ x;
  return ((x ^ (x >>> 14)) >>> 0) / 4294967296;
};
const randInt = (lo: number, hi: number) => lo + Math.floor(rand() * (hi - lo + 1));
const pick = <T>(xs: readonly T[]) => xs[Math.floor(rand() * xs.length)]!;
/** Standard normal (Box–Muller). */
const gauss = () => Math.sqrt(-2 * Math.log(1 - rand())) * Math.cos(2 * Math.PI * rand());

function percentile(sorted: readonly number[], p: number) {
  if (sorted.length === 0) return NaN;
  return sorted[
    Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))
  ]!;
}
const sortNum = (xs: readonly number[]) => [...xs].sort((a, b) => a - b);
const f1 = (x: number) => (Number.isFinite(x) ? x.toFixed(1) : '—');
const int = (x: number) => Math.round(x).toLocaleString('en');
const median = (xs: readonly number[]) => percentile(sortNum(xs), 50);
const iso = (ms: number) => new Date(ms).toISOString();
const localDate = (ms: number) => new Date(ms + WIB).toISOString().slice(0, 10);

interface Stats {
  p50: number;
  p95: number;
  max: number;
  n: number;
}
const statsOf = (xs: readonly number[]): Stats => {
  const s = sortNum(xs);
  return {
    p50: percentile(s, 50),
    p95: percentile(s, 95),
    max: s[s.length - 1] ?? NaN,
    n: s.length,
  };
};
const fmt = (s: Stats) => `${f1(s.p50)} / ${f1(s.p95)} / ${f1(s.max)} ms`;

/** Times `fn` WARMUP times unmeasured, then `runs` times. */
async function timeIt(fn: (i: number) => Promise<unknown>, runs = RUNS, warmup = WARMUP) {
  for (let i = 0; i < warmup; i++) await fn(i);
  const ms: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    await fn(i);
    ms.push(performance.now() - t0);
  }
  return ms;
}

// CPU accounting (Linux /proc; "—" elsewhere) ----------------------------------------------------

const TICK_MS = 10; // USER_HZ is 100 on Linux
/** CPU time (user + system) of a process, ms. */
function processCpuMs(pid: number | undefined): number | null {
  if (pid === undefined) return null;
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(f[11]) + Number(f[12])) * TICK_MS;
  } catch {
    return null;
  }
}
interface CpuMark {
  bench: number;
  app: number | null;
  pg: Map<number, number>;
}
/**
 * CPU so far of this process, of the app (when given) and of the PostgreSQL backends connected
 * to the scratch database (the server runs on this machine). Parallel query workers are
 * short-lived processes and are not counted.
 */
async function cpuMark(admin: pg.Client, dbName: string, appPid?: number): Promise<CpuMark> {
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
  return { bench: (u.user + u.system) / 1000, app: processCpuMs(appPid), pg: pgCpu };
}
/** CPU ms per call between two marks (10 ms ticks for the app and PostgreSQL). */
function cpuPer(a: CpuMark, b: CpuMark, n: number) {
  let pgMs = 0;
  for (const [pid, ms] of b.pg) pgMs += ms - (a.pg.get(pid) ?? 0);
  const app = a.app === null || b.app === null ? null : b.app - a.app;
  const parts = [
    ...(app === null ? [] : [`app ${f1(app / n)}`]),
    `${app === null ? 'node' : 'client'} ${f1((b.bench - a.bench) / n)}`,
    `PostgreSQL ${b.pg.size ? f1(pgMs / n) : '—'}`,
  ];
  return `${parts.join(', ')} ms`;
}

// HTTP (the real app, as bench/booking starts it) -----------------------------------------------

const agent = new http.Agent({ keepAlive: true, maxSockets: 4 });

function get(port: number, path: string, token: string) {
  return new Promise<{ status: number; body: string; ms: number }>((ok, fail) => {
    const t0 = performance.now();
    const req = http.request(
      {
        host: '127.0.0.1',
        port,
        method: 'GET',
        path,
        headers: { accept: 'application/json', authorization: `Bearer ${token}` },
        agent,
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () =>
          ok({
            status: res.statusCode ?? 0,
            body: Buffer.concat(chunks).toString('utf8'),
            ms: performance.now() - t0,
          }),
        );
        res.on('error', fail);
      },
    );
    req.on('error', fail);
    req.end();
  });
}


// Bulk inserts ------------------------------------------------------------------------------------

type Col = (string | number | boolean | null)[];
/**
 * Inserts rows column-wise with `insert … select … from unnest(…)`, 10,000 rows a statement.
 * `types` are the PostgreSQL array types of the columns, in order.
 */
async function bulk(
  pool: pg.Pool,
  table: string,
  columns: Record<string, { type: string; values: Col }>,
  extra: Record<string, string> = {},
) {
  const names = Object.keys(columns);
  const n = columns[names[0]!]!.values.length;
  const chunk = 10_000;
  for (let from = 0; from < n; from += chunk) {
    const params = names.map((c) => columns[c]!.values.slice(from, from + chunk));
    const text = `insert into ${table} (${[...names, ...Object.keys(extra)].join(', ')})
      select ${[...names.map((c) => `t.${c}`), ...Object.values(extra)].join(', ')}
      from unnest(${names.map((c, i) => `$${i + 1}::${columns[c]!.type}[]`).join(', ')}) as t(${names.join(', ')})`;
    await pool.query(text, params);
  }
}

/** Column builder: push one row as an object, get typed columns for `bulk`. */
function table<K extends string>(types: Record<K, string>) {
  const cols = Object.fromEntries(
    Object.entries(types).map(([k, t]) => [k, { type: t as string, values: [] as Col }]),
  ) as Record<K, { type: string; values: Col }>;
  return {
    cols,
    push(row: Record<K, string | number | boolean | null>) {
      for (const k of Object.keys(types) as K[]) cols[k].values.push(row[k]);
    },
    get size() {
      return (Object.values(cols) as { values: Col }[])[0]!.values.length;
    },
  };
}

const bookingTable = () =>
  table({
    id: 'uuid',
    machine_id: 'uuid',
    starts_at: 'timestamptz',
    ends_at: 'timestamptz',
    member_org_id: 'uuid',
  });
const jobTable = () =>
  table({
    id: 'uuid',
    site_id: 'uuid',
    booking_id: 'uuid',
    machine_id: 'uuid',
    process: 'text',
    pooled: 'bool',
    started_at: 'timestamptz',
    ended_at: 'timestamptz',
    waste_kg: 'numeric',
    kwh: 'numeric',
  });
const lotTable = () =>
  table({
    id: 'uuid',
    site_id: 'uuid',
    code: 'text',
    kind: 'text',
    product_type: 'text',
    owner_org_id: 'uuid',
    pooled: 'bool',
    quantity_kg: 'numeric',
    grade: 'text',
    job_id: 'uuid',
    status: 'text',
    received_at: 'timestamptz',
  });

async function insertBookings(pool: pg.Pool, t: ReturnType<typeof bookingTable>, by: string) {
  // Completed bookings (checked in and out at their slot); completed bookings are outside the
  // no-overlap constraint, but the slots never overlap on a machine anyway.
  await bulk(pool, 'bookings', t.cols, {
    kind: `'booking'`,
    status: `'completed'`,
    mode: `'self'`,
    booked_by: `'${by}'::uuid`,
    booked_by_label: `'bench'`,
    checked_in_at: 't.starts_at',
    checked_out_at: 't.ends_at',
    created_at: `t.starts_at - interval '3 days'`,
    updated_at: 't.ends_at',
  });
}
async function insertJobs(pool: pg.Pool, t: ReturnType<typeof jobTable>, by: string) {
  await bulk(pool, 'process_jobs', t.cols, {
    status: `'completed'`,
    operator_user_id: `'${by}'::uuid`,
    created_by: `'${by}'::uuid`,
    created_at: 't.started_at',
    completed_at: `t.ended_at + interval '10 minutes'`,
  });
}
async function insertLots(pool: pg.Pool, t: ReturnType<typeof lotTable>, by: string) {
  await bulk(pool, 'lots', t.cols, {
    received_by: `'${by}'::uuid`,
    received_by_label: `'bench@example.test'`,
    created_at: 't.received_at',
    updated_at: 't.received_at',
  });
}

// Main ------------------------------------------------------------------------------------------

async function main() {
  const name = `rpb_bench_quality_${Date.now().toString(36)}`;
  const admin = new pg.Client({ connectionString: server });
  await admin.connect();
  const pgVersion = (await admin.query<{ server_version: string }>('show server_version')).rows[0]!
    .server_version;
  const pgSettings = (
    await admin.query<{ name: string; setting: string; unit: string | null }>(
      `select name, setting, unit from pg_settings
       where name in ('shared_buffers', 'work_mem', 'jit', 'jit_above_cost', 'random_page_cost', 'effective_cache_size')
       order by name`,
    )
  ).rows
    .map((r) => `${r.name}=${r.setting}${r.unit ? ` ${r.unit}` : ''}`)
    .join(', ');
  await admin.query(`create database ${name}`);
  const url = new URL(server);
  url.pathname = `/${name}`;
  const databaseUrl = url.toString();
  const dataDir = mkdtempSync(join(os.tmpdir(), 'rpb-bench-quality-'));
  const database = await openDatabase({ kind: 'postgres', url: databaseUrl }, { max: 4 });
  const db = database.db;
  const pool = database.pool;
  let app: Awaited<ReturnType<typeof startApp>> | null = null;
  const rows: string[][] = [];
  const notes: string[] = [];
  const breakdown: string[] = [];
  const plans: string[] = [];
  let failures = 0;
  const problem = (s: string) => {
    failures++;
    notes.push(`PROBLEM: ${s}`);
  };
  const seedTimes: string[] = [];
  const timed = async <T>(label: string, fn: () => Promise<T>) => {
    const t0 = performance.now();
    const r = await fn();
    seedTimes.push(`${label} ${((performance.now() - t0) / 1000).toFixed(1)} s`);
    return r;
  };
  try {
    await migrate(pool);
    const now = new Date();

    // Network, users. ------------------------------------------------------------------------
    const programme = await db
      .insertInto('programmes')
      .values({ code: 'BQ', name: 'Bench', funding_source: 'apbn_tp', year: 2025, budget: 0 })
      .returning('id')
      .executeTakeFirstOrThrow();
    const cluster = await db
      .insertInto('clusters')
      .values({
        programme_id: programme.id,
        name: 'Nilam Aceh',
        commodity: 'Nilam',
        province: 'Aceh',
        regency: 'Kabupaten Aceh Tamiang',
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const makeSite = async (code: string, siteName: string) =>
      (
        await db
          .insertInto('sites')
          .values({
            cluster_id: cluster.id,
            code,
            name: siteName,
            province: 'Aceh',
            regency: 'Kabupaten Aceh Tamiang',
            time_zone: 'Asia/Jakarta',
          })
          .returning('id')
          .executeTakeFirstOrThrow()
      ).id;
    const spcSite = await makeSite('BQ-SPC', 'Bench SPC site');
    const rclSite = await makeSite('BQ-RCL', 'Bench recall site');
    const makeMachines = async (site: string, prefix: string, n: number, proc: string) =>
      (
        await db
          .insertInto('machines')
          .values(
            Array.from({ length: n }, (_, i) => ({
              site_id: site,
              code: `${prefix}-${String(i + 1).padStart(2, '0')}`,
              name: `${proc === 'distillation' ? 'Ketel suling' : 'Pemurnian'} ${prefix} ${i + 1}`,
              process: proc,
              capabilities: [proc],
            })),
          )
          .returning('id')
          .execute()
      ).map((r) => r.id);
    const makeOrgs = async (site: string, prefix: string, n: number) => {
      const ids = (
        await db
          .insertInto('organisations')
          .values(
            Array.from({ length: n }, (_, i) => ({
              kind: 'umkm' as const,
              name: `${prefix} Nilam ${i + 1}`,
            })),
          )
          .returning('id')
          .execute()
      ).map((r) => r.id);
      await db
        .insertInto('site_members')
        .values(ids.map((id) => ({ site_id: site, organisation_id: id })))
        .execute();
      return ids;
    };
    const userWith = async (
      email: string,
      grant: Parameters<typeof createUser>[1]['grants'][0],
    ) => {
      await createUser(
        db,
        { email, name: email, password: 'bench-bench-bench', locale: 'en', grants: [grant] },
        { actor: null, now },
      );
      const actor = (await findActorByEmail(db, email, 'cli'))!;
      const { secret } = withHttp
        ? await createToken(
            db,
            { name: 'bench', expiresInDays: 1 },
            { actor, now },
            { pepper: null }, // the app runs without RPB_SESSION_SECRET, as `npm start` does
          )
        : { secret: '' };
      return { actor: (await findActorByEmail(db, email, 'token'))!, token: secret };
    };
    const adm = await userWith('admin@bench.test', {
      role: 'administrator',
      scopeType: 'system',
      scopeId: null,
    });
    const mgr = await userWith('manager@bench.test', {
      role: 'site_manager',
      scopeType: 'site',
      scopeId: rclSite,
    });
    const adminActor: Actor = adm.actor;
    const managerActor: Actor = mgr.actor;
    const by = adminActor.userId!;

    const chars = new Map(
      (await db.selectFrom('characteristics').select(['id', 'code']).execute()).map((c) => [
        c.code,
        c.id,
      ]),
    );
    const paId = chars.get('oil_patchouli_alcohol')!;
    const sniSpec = '5a1e0000-0000-4000-8000-000000002385';
    const oilPlan = (
      await db
        .selectFrom('inspection_plans')
        .select('id')
        .where('product_type', '=', 'patchouli_oil')
        .where('active', '=', true)
        .executeTakeFirstOrThrow()
    ).id;

    // 1. SPC data set ------------------------------------------------------------------------------
    const spcMachines = await makeMachines(spcSite, 'KS', SPC_MACHINES, 'distillation');
    const spcOrgs = await makeOrgs(spcSite, 'KT Sumber', 60);
    // Job k of kettle m: 3 h every 4 h (kettles staggered by 25 min), ending before yesterday.
    const perMachine = Math.ceil(MEASUREMENTS / SPC_MACHINES);
    const spcEnd = Math.floor((now.getTime() - DAY) / HOUR) * HOUR;
    const spcStart = spcEnd - perMachine * 4 * HOUR;
    const corrections = Math.round(MEASUREMENTS * 0.005);
    {
      const b = bookingTable();
      const j = jobTable();
      const l = lotTable();
      const insp = table({
        id: 'uuid',
        lot_id: 'uuid',
        verdict: 'text',
        supersedes_id: 'uuid',
        inspected_at: 'timestamptz',
        notes: 'text',
      });
      const res = table({
        inspection_id: 'uuid',
        characteristic_id: 'uuid',
        value: 'numeric',
        passed: 'bool',
      });
      const seqOfDay = new Map<string, number>();
      // The process: patchouli alcohol around 31.5% with a kettle offset, a slow seasonal wave,
      // noise, a shift on one kettle for a stretch, and rare outliers — so the chart has signals.
      const offsets = spcMachines.map(() => gauss() * 0.4);
      const inspIds: string[] = [];
      const pushResults = (inspection: string, pa: number) => {
        const num = (code: string, v: number, ok: boolean) =>
          res.push({
            inspection_id: inspection,
            characteristic_id: chars.get(code)!,
            value: v.toFixed(4),
            passed: ok,
          });
        const att = (code: string) =>
          res.push({
            inspection_id: inspection,
            characteristic_id: chars.get(code)!,
            value: null,
            passed: true,
          });
        att('oil_colour');
        num('oil_specific_gravity', 0.962 + gauss() * 0.003, true);
        num('oil_refractive_index', 1.511 + gauss() * 0.0008, true);
        att('oil_solubility_ethanol');
        num('oil_acid_value', 4 + rand() * 2, true);
        num('oil_ester_value', 8 + rand() * 6, true);
        num('oil_patchouli_alcohol', pa, pa >= 30);
        num('oil_alpha_copaene', 0.2 + rand() * 0.15, true);
        num('oil_iron', 5 + rand() * 10, true);
      };
      for (let i = 0; i < MEASUREMENTS; i++) {
        const m = i % SPC_MACHINES;
        const k = Math.floor(i / SPC_MACHINES);
        const start = spcStart + k * 4 * HOUR + m * 25 * MINUTE;
        const end = start + 3 * HOUR;
        const owner = pick(spcOrgs);
        const booking = randomUUID();
        const job = randomUUID();
        const lot = randomUUID();
        b.push({
          id: booking,
          machine_id: spcMachines[m]!,
          starts_at: iso(start),
          ends_at: iso(end),
          member_org_id: owner,
        });
        j.push({
          id: job,
          site_id: spcSite,
          booking_id: booking,
          machine_id: spcMachines[m]!,
          process: 'distillation',
          pooled: false,
          started_at: iso(start),
          ended_at: iso(end),
          waste_kg: (randInt(50, 120) + 0.5).toFixed(3),
          kwh: randInt(20, 60),
        });
        const day = localDate(end);
        const seq = (seqOfDay.get(day) ?? 0) + 1;
        seqOfDay.set(day, seq);
        const shifted = m === 1 && k > perMachine * 0.6 && k < perMachine * 0.62 ? 1.2 : 0;
        const outlier = rand() < 0.0005 ? (rand() < 0.5 ? -4 : 4) : 0;
        const pa =
          31.5 +
          offsets[m]! +
          0.3 * Math.sin((2 * Math.PI * (start - spcStart)) / (365 * DAY)) +
          0.45 * gauss() +
          shifted +
          outlier;
        l.push({
          id: lot,
          site_id: spcSite,
          code: lotCode({ siteCode: 'BQ-SPC', date: day, kind: 'output', seq }),
          kind: 'output',
          product_type: 'patchouli_oil',
          owner_org_id: owner,
          pooled: false,
          quantity_kg: (8 + rand() * 12).toFixed(3),
          grade: null,
          job_id: job,
          status: pa >= 30 ? 'released' : 'rejected',
          received_at: iso(end + 10 * MINUTE),
        });
        const inspection = randomUUID();
        inspIds.push(inspection);
        insp.push({
          id: inspection,
          lot_id: lot,
          verdict: pa >= 30 ? 'pass' : 'fail',
          supersedes_id: null,
          inspected_at: iso(end + 2 * HOUR),
          notes: null,
        });
        pushResults(inspection, Math.round(pa * 100) / 100);
      }
      // Corrections: a later record supersedes the first (a transcription error fixed), so the
      // chart shows the correction and leaves the superseded record out.
      for (let c = 0; c < corrections; c++) {
        const i = Math.floor(((c + 0.5) * MEASUREMENTS) / corrections);
        const old = inspIds[i]!;
        const id = randomUUID();
        const lot = insp.cols.lot_id.values[i] as string;
        const at = Date.parse(insp.cols.inspected_at.values[i] as string) + 30 * MINUTE;
        insp.push({
          id,
          lot_id: lot,
          verdict: 'pass',
          supersedes_id: old,
          inspected_at: iso(at),
          notes: 'koreksi salah ketik',
        });
        pushResults(id, Math.round((31.5 + 0.45 * gauss()) * 100) / 100);
      }
      await timed(`SPC bookings ${int(b.size)}`, () => insertBookings(pool, b, by));
      await timed(`SPC jobs ${int(j.size)}`, () => insertJobs(pool, j, by));
      await timed(`SPC lots ${int(l.size)}`, () => insertLots(pool, l, by));
      await timed(`SPC inspections ${int(insp.size)}`, () =>
        bulk(pool, 'inspections', insp.cols, {
          plan_id: `'${oilPlan}'::uuid`,
          specification_id: `'${sniSpec}'::uuid`,
          stage: `'final'`,
          sample_size: '2',
          defectives: `case when t.verdict = 'fail' then 1 else 0 end`,
          inspector_user_id: `'${by}'::uuid`,
          inspector_label: `'Lab BQ'`,
          created_at: 't.inspected_at',
        }),
      );
      await timed(`SPC inspection results ${int(res.size)}`, () =>
        bulk(pool, 'inspection_results', res.cols),
      );
    }

    // 2. Recall data set: a year of a busy site ------------------------------------------------
    const kettles = await makeMachines(rclSite, 'KR', 6, 'distillation');
    const refiners = await makeMachines(rclSite, 'PR', 2, 'refining');
    const rclOrgs = await makeOrgs(rclSite, 'KT Harum', 200);
    // The year: DAYS whole local days ending at the local midnight a week ago.
    const lastMidnight = Math.floor((now.getTime() + WIB) / DAY) * DAY - WIB;
    const yearEnd = lastMidnight - 7 * DAY;
    const yearStart = yearEnd - DAYS * DAY;
    const refinePerDay = Math.max(1, Math.round(JOBS_PER_DAY * 0.15));
    const primaryPerDay = JOBS_PER_DAY - refinePerDay;
    const kSlots = Math.ceil(primaryPerDay / kettles.length);
    const rSlots = Math.ceil(refinePerDay / refiners.length);
    interface Lot {
      id: string;
      kind: 'intake' | 'output' | 'byproduct';
      product: string;
      owner: string | null;
      owners: string[];
      kg: number;
      used: number;
      job: string | null;
      at: number;
      depth: number;
      intakeRoots: Set<string>;
    }
    const lots: Lot[] = [];
    const b = bookingTable();
    const j = jobTable();
    const inputs = table({ job_id: 'uuid', lot_id: 'uuid', kg: 'numeric' });
    const owners = table({ lot_id: 'uuid', owner_org_id: 'uuid', share_bp: 'int4', kg: 'numeric' });
    const leftover = new Map<string, Lot>(); // an owner's partly used intake lot
    const toRefine = new Map<string, Lot[]>(); // oil lots waiting for refining, per owner
    const round3 = (x: number) => Math.round(x * 1000) / 1000;
    const newLot = (x: Omit<Lot, 'id' | 'used'>) => {
      const lot: Lot = { ...x, id: randomUUID(), used: 0 };
      lots.push(lot);
      return lot;
    };
    const jobOn = (
      machine: string,
      start: number,
      end: number,
      owner: string,
      proc: string,
      pooled: boolean,
      wasteKg: number,
    ) => {
      const booking = randomUUID();
      const job = randomUUID();
      b.push({
        id: booking,
        machine_id: machine,
        starts_at: iso(start),
        ends_at: iso(end),
        member_org_id: owner,
      });
      j.push({
        id: job,
        site_id: rclSite,
        booking_id: booking,
        machine_id: machine,
        process: proc,
        pooled,
        started_at: iso(start),
        ended_at: iso(end),
        waste_kg: wasteKg.toFixed(3),
        kwh: randInt(20, 80),
      });
      return job;
    };
    const consume = (job: string, lot: Lot, kgUsed: number) => {
      const k = round3(Math.min(kgUsed, lot.kg - lot.used));
      lot.used = round3(lot.used + k);
      inputs.push({ job_id: job, lot_id: lot.id, kg: k.toFixed(3) });
      return k;
    };
    // Owners differ in how busy they are (a few large farmer groups, many small ones).
    const weightedOwner = () => rclOrgs[Math.floor(rclOrgs.length * rand() ** 2)]!;
    let jobs = 0;
    for (let d = 0; d < DAYS; d++) {
      const dayStart = yearStart + d * DAY;
      for (let p = 0; p < primaryPerDay; p++) {
        const slot = Math.floor(p / kettles.length);
        const start = dayStart + (slot * DAY) / kSlots + 30 * MINUTE;
        const end = start + (0.8 * DAY) / kSlots;
        const pooled = rand() < 0.05;
        const jobOwners = pooled ? [weightedOwner(), weightedOwner()] : [weightedOwner()];
        if (pooled && jobOwners[0] === jobOwners[1]) jobOwners.pop();
        const ins: { lot: Lot; kg: number }[] = [];
        const n = randInt(1, 3);
        for (let i = 0; i < n || ins.length < jobOwners.length; i++) {
          const o = jobOwners[i % jobOwners.length]!;
          const left = leftover.get(o);
          if (left && !ins.some((x) => x.lot === left) && rand() < 0.6) {
            ins.push({ lot: left, kg: left.kg - left.used });
            leftover.delete(o);
            continue;
          }
          const received = start - randInt(6, 96) * HOUR;
          const lot = newLot({
            kind: 'intake',
            product: 'patchouli_leaves',
            owner: o,
            owners: [o],
            kg: randInt(150, 700),
            job: null,
            at: received,
            depth: 0,
            intakeRoots: new Set(),
          });
          lot.intakeRoots.add(lot.id);
          const split = rand() < 0.3;
          ins.push({ lot, kg: split ? round3(lot.kg * (0.4 + rand() * 0.3)) : lot.kg });
          if (split) leftover.set(o, lot);
        }
        const job = jobOn(
          kettles[p % kettles.length]!,
          start,
          end,
          jobOwners[0]!,
          'distillation',
          jobOwners.length > 1,
          0,
        );
        let inKg = 0;
        const byOwner = new Map<string, number>();
        const roots = new Set<string>();
        for (const x of ins) {
          const k = consume(job, x.lot, x.kg);
          inKg += k;
          byOwner.set(x.lot.owner!, (byOwner.get(x.lot.owner!) ?? 0) + k);
          for (const r of x.lot.intakeRoots) roots.add(r);
        }
        const oilKg = round3(inKg * (0.02 + rand() * 0.006));
        const residueKg = round3(inKg * (0.55 + rand() * 0.1));
        j.cols.waste_kg.values[j.size - 1] = round3(inKg - oilKg - residueKg).toFixed(3);
        const sole = byOwner.size === 1 ? [...byOwner.keys()][0]! : null;
        const shares = [...byOwner.entries()];
        const mk = (kind: 'output' | 'byproduct', product: string, kgOut: number) => {
          const lot = newLot({
            kind,
            product,
            owner: sole,
            owners: shares.map((s) => s[0]),
            kg: kgOut,
            job,
            at: end + 15 * MINUTE,
            depth: 1,
            intakeRoots: roots,
          });
          if (!sole) {
            let bpLeft = 10_000;
            shares.forEach(([o, k], i) => {
              const bp = i === shares.length - 1 ? bpLeft : Math.round((k / inKg) * 10_000);
              bpLeft -= bp;
              owners.push({
                lot_id: lot.id,
                owner_org_id: o,
                share_bp: bp,
                kg: round3((kgOut * bp) / 10_000).toFixed(3),
              });
            });
          }
          return lot;
        };
        const oil = mk('output', 'patchouli_oil', oilKg);
        mk('byproduct', 'distillation_residue', residueKg);
        if (sole && rand() < 0.27) toRefine.set(sole, [...(toRefine.get(sole) ?? []), oil]);
        jobs++;
      }
      for (let r = 0; r < refinePerDay; r++) {
        const slot = Math.floor(r / refiners.length);
        const start = dayStart + (slot * DAY) / rSlots + 2 * HOUR;
        const end = start + (0.7 * DAY) / rSlots;
        // The owner with the most oil waiting (ready before this job starts).
        let best: string | null = null;
        let bestN = 0;
        for (const [o, xs] of toRefine) {
          const ready = xs.filter((x) => x.at < start).length;
          if (ready > bestN) {
            best = o;
            bestN = ready;
          }
        }
        if (!best) continue;
        const queue = toRefine.get(best)!;
        const ready = queue.filter((x) => x.at < start).slice(0, randInt(1, 2));
        toRefine.set(
          best,
          queue.filter((x) => !ready.includes(x)),
        );
        const job = jobOn(refiners[r % refiners.length]!, start, end, best, 'refining', false, 0);
        let inKg = 0;
        let depth = 0;
        const roots = new Set<string>();
        for (const x of ready) {
          inKg += consume(job, x, x.kg - x.used);
          depth = Math.max(depth, x.depth);
          for (const id of x.intakeRoots) roots.add(id);
        }
        const refined = round3(inKg * (0.9 + rand() * 0.05));
        const hydrosol = round3(inKg * 0.02);
        j.cols.waste_kg.values[j.size - 1] = round3(inKg - refined - hydrosol).toFixed(3);
        const oil = newLot({
          kind: 'output',
          product: 'patchouli_oil',
          owner: best,
          owners: [best],
          kg: refined,
          job,
          at: end + 15 * MINUTE,
          depth: depth + 1,
          intakeRoots: roots,
        });
        newLot({
          kind: 'byproduct',
          product: 'hydrosol',
          owner: best,
          owners: [best],
          kg: hydrosol,
          job,
          at: end + 15 * MINUTE,
          depth: depth + 1,
          intakeRoots: roots,
        });
        if (depth + 1 < 3 && rand() < 0.2) toRefine.set(best, [...(toRefine.get(best) ?? []), oil]);
        jobs++;
      }
    }
    // Lots as rows: codes per local day and kind; what is not consumed is mostly handed back.
    const l = lotTable();
    const hand = table({
      id: 'uuid',
      lot_id: 'uuid',
      to_org_id: 'uuid',
      kg: 'numeric',
      handed_at: 'timestamptz',
    });
    const finalStatus: { id: string; status: string }[] = [];
    const seqOf = new Map<string, number>();
    lots.sort((x, y) => x.at - y.at);
    for (const lot of lots) {
      const day = localDate(lot.at);
      const key = `${day}:${lot.kind}`;
      const seq = (seqOf.get(key) ?? 0) + 1;
      seqOf.set(key, seq);
      const remaining = round3(lot.kg - lot.used);
      l.push({
        id: lot.id,
        site_id: rclSite,
        code: lotCode({ siteCode: 'BQ-RCL', date: day, kind: lot.kind, seq }),
        kind: lot.kind,
        product_type: lot.product,
        owner_org_id: lot.owner,
        pooled: lot.owner === null,
        quantity_kg: lot.kg.toFixed(3),
        grade: lot.kind === 'output' && lot.depth > 1 ? 'refined' : null,
        job_id: lot.job,
        status: 'released',
        received_at: iso(lot.at),
      });
      if (remaining <= 0) {
        finalStatus.push({ id: lot.id, status: 'consumed' });
        continue;
      }
      if (lot.kind === 'intake') continue; // leaves still in stock
      const handedAt = lot.at + randInt(1, 10) * DAY;
      if (handedAt > now.getTime() - HOUR) continue;
      const share = rand();
      if (share > (lot.kind === 'output' ? 0.85 : 0.7)) continue; // still in custody
      const partial = share < 0.08;
      const kgOut = partial ? round3(remaining / 2) : remaining;
      const parts = lot.owner
        ? [[lot.owner, kgOut] as const]
        : lot.owners.map(
            (o, i) => [o, i === 0 ? round3(kgOut / 2) : round3(kgOut - round3(kgOut / 2))] as const,
          );
      for (const [o, k] of parts)
        if (k > 0)
          hand.push({
            id: randomUUID(),
            lot_id: lot.id,
            to_org_id: o,
            kg: k.toFixed(3),
            handed_at: iso(handedAt),
          });
      if (!partial) finalStatus.push({ id: lot.id, status: 'handed_over' });
    }
    await timed(`recall bookings ${int(b.size)}`, () => insertBookings(pool, b, by));
    await timed(`recall jobs ${int(j.size)}`, () => insertJobs(pool, j, by));
    await timed(`recall lots ${int(l.size)}`, () => insertLots(pool, l, by));
    await timed(`job inputs ${int(inputs.size)}`, () => bulk(pool, 'job_inputs', inputs.cols));
    await timed(`pooled lot owners ${int(owners.size)}`, () =>
      bulk(pool, 'lot_owners', owners.cols),
    );
    await timed(`handovers ${int(hand.size)}`, () =>
      bulk(pool, 'handovers', hand.cols, {
        handed_by: `'${by}'::uuid`,
        handed_by_label: `'bench@example.test'`,
        received_by_name: `'Ketua kelompok'`,
        created_at: 't.handed_at',
      }),
    );
    await timed('lot statuses', () =>
      pool.query(
        `update lots set status = t.s from unnest($1::uuid[], $2::text[]) as t(id, s) where lots.id = t.id`,
        [finalStatus.map((x) => x.id), finalStatus.map((x) => x.status)],
      ),
    );
    await timed('vacuum analyze', () => pool.query('vacuum analyze'));
    const counts = (
      await pool.query<Record<string, string>>(
        `select (select count(*) from lots) as lots, (select count(*) from process_jobs) as jobs,
                (select count(*) from bookings) as bookings, (select count(*) from inspections) as inspections,
                (select count(*) from inspection_results) as results, (select count(*) from job_inputs) as inputs,
                (select count(*) from handovers) as handovers,
                (select count(*) from spc_points) as "spc_points (derived by triggers)"`,
      )
    ).rows[0]!;
    const spcSize = (
      await pool.query<{ t: string; series: string; machine: string; pkey: string }>(
        `select pg_size_pretty(pg_table_size('spc_points')) as t,
                pg_size_pretty(pg_relation_size('spc_points_series')) as series,
                pg_size_pretty(pg_relation_size('spc_points_machine')) as machine,
                pg_size_pretty(pg_relation_size('spc_points_pkey')) as pkey`,
      )
    ).rows[0]!;
    notes.push(
      `spc_points on disk: table ${spcSize.t}, spc_points_series ${spcSize.series}, spc_points_machine ${spcSize.machine}, primary key ${spcSize.pkey}.`,
    );
    notes.push(
      `Seeded (whole database): ${Object.entries(counts)
        .map(([k, v]) => `${int(Number(v))} ${k}`)
        .join(
          ', ',
        )}. Recall site: ${int(jobs)} jobs over ${DAYS} days (${primaryPerDay} distillations a day on ${kettles.length} kettles, up to ${refinePerDay} refinings on ${refiners.length} stills), ${int(lots.filter((x) => x.kind === 'intake').length)} intake lots, ${int(lots.filter((x) => x.depth === 2).length)} lots of depth 2 and ${int(lots.filter((x) => x.depth === 3).length)} of depth 3. Seeding: ${seedTimes.join(', ')}.`,
    );

    // Query capture (for EXPLAIN ANALYZE of exactly what src sends). ---------------------------
    const capturePool = new pg.Pool({ connectionString: databaseUrl, max: 1 });
    const captured: LogEvent[] = [];
    const capDb = new Kysely<DB>({
      dialect: new PostgresDialect({ pool: capturePool }),
      log: (e) => void captured.push(e),
    });
    const explain = async (label: string, fn: () => Promise<unknown>) => {
      captured.length = 0;
      await fn();
      for (const e of [...captured]) {
        const text = e.query.sql;
        if (!/^\s*(select|with)\b/i.test(text)) continue; // begin, commit, set transaction
        const r = await capturePool.query<{ 'QUERY PLAN': string }>(
          `explain (analyze, buffers) ${text}`,
          e.query.parameters as unknown[],
        );
        // Long parameter arrays (the drawn points' positions) are cut to keep the report readable.
        const plan = r.rows
          .map((x) => x['QUERY PLAN'])
          .map((x) => (x.length > 600 ? `${x.slice(0, 600)} …` : x));
        plans.push(
          `#### ${label} — ${e.queryDurationMillis.toFixed(1)} ms from the client`,
          '',
          '```sql',
          text.replace(/\s+/g, ' ').trim(),
          '```',
          '```',
          ...plan,
          '```',
          '',
        );
      }
    };

    notes.push(
      `Load average (1 min) when measuring started: ${os.loadavg()[0]!.toFixed(1)} on ${os.cpus().length} cores.`,
    );

    // 3. SPC measurements -------------------------------------------------------------------------
    const spcQuery = {
      characteristicId: paId,
      productType: 'patchouli_oil',
      chart: 'imr' as const,
      maxPoints: 2000,
      subgroupSize: 5,
    };
    const busyMachine = spcMachines[1]!;
    const spcCases = [
      { label: `I-MR, all ${int(MEASUREMENTS)} measurements`, q: spcQuery, expectN: MEASUREMENTS },
      {
        label: 'I-MR, one machine',
        q: { ...spcQuery, machineId: busyMachine },
        expectN: Math.ceil((MEASUREMENTS - 1) / SPC_MACHINES),
      },
      {
        label: 'X̄-R (subgroups of 5), all measurements',
        q: { ...spcQuery, chart: 'xbar' as const },
        expectN: Math.floor(MEASUREMENTS / 5),
      },
    ];
    for (const c of spcCases) {
      const first = await spcChart(db, c.q, adminActor);
      if (first.n !== c.expectN)
        problem(`spcChart ${c.label}: n = ${first.n}, expected ${c.expectN}`);
      await timeIt(() => spcChart(db, c.q, adminActor), 0);
      const cpu0 = await cpuMark(admin, name);
      const s = statsOf(await timeIt(() => spcChart(db, c.q, adminActor), RUNS, 0));
      const cpu = cpuPer(cpu0, await cpuMark(admin, name), RUNS);
      rows.push([
        `spcChart() in-process, ${c.label} (n ${int(first.n)}; ${int(first.points.length)} points drawn, ${int(first.violations.length)} signals) — p50 / p95 / max of ${RUNS}`,
        fmt(s),
        cpu,
        `< ${SPC_TARGET_MS} ms`,
        s.p95 < SPC_TARGET_MS ? 'PASS' : 'FAIL',
      ]);
    }
    // Phase breakdown of the all-measurements I-MR chart (the same steps as spcChart).
    {
      const filter = {
        characteristicId: paId,
        productType: 'patchouli_oil',
        siteIds: null,
      };
      const t: Record<'values' | 'maths' | 'thin' | 'labels' | 'sql1' | 'sql2', number[]> = {
        values: [],
        maths: [],
        thin: [],
        labels: [],
        sql1: [],
        sql2: [],
      };
      let drawn: number[] = [];
      for (let i = 0; i < WARMUP + RUNS; i++) {
        const t0 = performance.now();
        const series = await spcRepo.seriesValues(db, filter);
        const t1 = performance.now();
        const c = individualsMR(series);
        const v = westernElectric(c.individuals.points, c.individuals);
        capability(series, { lower: 30, upper: null }, { sigmaWithin: c.sigmaWithin });
        const t2 = performance.now();
        drawn = Array.from(thinForChart(c.individuals.points, 2000, v));
        const t3 = performance.now();
        await spcRepo.seriesLabels(db, filter, 'values', drawn);
        const t4 = performance.now();
        if (i >= WARMUP) {
          t.values.push(t1 - t0);
          t.maths.push(t2 - t1);
          t.thin.push(t3 - t2);
          t.labels.push(t4 - t3);
        }
      }
      // Server time alone of the two statements (EXPLAIN ANALYZE without per-node timing).
      const client = await pool.connect();
      try {
        for (const [key, fn] of [
          ['sql1', () => spcRepo.seriesValues(capDb, filter)],
          ['sql2', () => spcRepo.seriesLabels(capDb, filter, 'values', drawn)],
        ] as const) {
          captured.length = 0;
          await fn();
          const compiled = captured[0]!.query;
          for (let i = 0; i < WARMUP + 5; i++) {
            const r = await client.query<{ 'QUERY PLAN': string }>(
              `explain (analyze, timing off, summary on) ${compiled.sql}`,
              [...compiled.parameters],
            );
            const line = r.rows
              .map((x) => x['QUERY PLAN'])
              .find((x) => x.startsWith('Execution Time'));
            if (i >= WARMUP && line) t[key].push(Number(/([\d.]+) ms/.exec(line)![1]));
          }
        }
      } finally {
        client.release();
      }
      breakdown.push(
        `spcChart I-MR over ${int(MEASUREMENTS)} measurements, medians of ${RUNS}: ` +
          `phase 1, seriesValues() (one row: the ordered values as array text, split in JS) ${f1(median(t.values))} ms ` +
          `(server execution alone ${f1(median(t.sql1))} ms); ` +
          `individualsMR + westernElectric + capability ${f1(median(t.maths))} ms; ` +
          `thinning ${f1(median(t.thin))} ms; ` +
          `phase 2, seriesLabels() for the ${int(drawn.length)} drawn points ${f1(median(t.labels))} ms ` +
          `(server execution alone ${f1(median(t.sql2))} ms).`,
      );
    }
    await explain('SPC phase 1 (values), all', () =>
      spcRepo.seriesValues(capDb, {
        characteristicId: paId,
        productType: 'patchouli_oil',
        siteIds: null,
      }),
    );
    await explain('SPC phase 1 (values), one machine', () =>
      spcRepo.seriesValues(capDb, {
        characteristicId: paId,
        productType: 'patchouli_oil',
        machineId: busyMachine,
        siteIds: null,
      }),
    );
    await explain('SPC chart, all (both phases as spcChart sends them)', () =>
      spcChart(capDb, spcQuery, adminActor),
    );

    // 4. Recall ------------------------------------------------------------------------------------
    const intake = lots.filter((x) => x.kind === 'intake');
    const sortedIds = (xs: readonly { id: string }[]) =>
      xs
        .map((x) => x.id)
        .sort()
        .join(',');
    /** The seeded answer of a recall by machine: its jobs' lots in [from, to) and all made from them. */
    const jobRows = Array.from({ length: j.size }, (_, i) => ({
      id: j.cols.id.values[i] as string,
      machine: j.cols.machine_id.values[i] as string,
      start: Date.parse(j.cols.started_at.values[i] as string),
      end: Date.parse(j.cols.ended_at.values[i] as string),
    }));
    const lotsOfJob = new Map<string, Lot[]>();
    for (const x of lots) if (x.job) lotsOfJob.set(x.job, [...(lotsOfJob.get(x.job) ?? []), x]);
    const jobsOfInput = new Map<string, string[]>();
    for (let i = 0; i < inputs.size; i++) {
      const lot = inputs.cols.lot_id.values[i] as string;
      jobsOfInput.set(lot, [
        ...(jobsOfInput.get(lot) ?? []),
        inputs.cols.job_id.values[i] as string,
      ]);
    }
    const seededMachineRecall = (q: { machineId: string; from: string; to: string }) => {
      const found = new Map<string, Lot>();
      const queue: Lot[] = [];
      for (const job of jobRows)
        if (
          job.machine === q.machineId &&
          job.start < Date.parse(q.to) &&
          job.end >= Date.parse(q.from)
        )
          queue.push(...(lotsOfJob.get(job.id) ?? []));
      while (queue.length) {
        const x = queue.pop()!;
        if (found.has(x.id)) continue;
        found.set(x.id, x);
        for (const job of jobsOfInput.get(x.id) ?? []) queue.push(...(lotsOfJob.get(job) ?? []));
      }
      return sortedIds([...found.values()]);
    };
    const deepRoots = new Set<string>();
    for (const x of lots) if (x.depth === 3) for (const r of x.intakeRoots) deepRoots.add(r);
    const sampleIntake = Array.from({ length: RECALL_LOTS }, () => pick(intake).id);
    const deep = [...deepRoots];
    const sampleDeep = Array.from({ length: Math.min(RECALL_LOTS, deep.length) }, () => pick(deep));
    const sizes: number[] = [];
    for (const [label, sample] of [
      ['random intake lots', sampleIntake],
      ['intake lots whose genealogy reaches depth 3', sampleDeep],
    ] as const) {
      if (sample.length === 0) {
        notes.push(`No ${label} in this data set.`);
        continue;
      }
      for (let i = 0; i < WARMUP; i++)
        await recall(db, { lotId: sample[i % sample.length]! }, managerActor);
      const ms: number[] = [];
      const n: number[] = [];
      const got: string[] = [];
      const cpu0 = await cpuMark(admin, name);
      for (const id of sample) {
        const t0 = performance.now();
        const r = await recall(db, { lotId: id }, managerActor);
        ms.push(performance.now() - t0);
        n.push(r.items.length);
        got.push(sortedIds(r.items));
      }
      const cpu = cpuPer(cpu0, await cpuMark(admin, name), sample.length);
      sizes.push(...n);
      const expected = sample.map((id) =>
        sortedIds(lots.filter((x) => x.intakeRoots.has(id) && x.kind !== 'intake')),
      );
      const wrong = got.filter((x, i) => x !== expected[i]).length;
      if (wrong)
        problem(
          `recall by lot (${label}): ${wrong} of ${sample.length} answers differ from the seeded genealogy`,
        );
      const s = statsOf(ms);
      rows.push([
        `recall() by lot, ${label}: ${sample.length} lots (answers ${Math.min(...n)}–${Math.max(...n)} lots, mean ${f1(n.reduce((a, x) => a + x, 0) / n.length)}) — p50 / p95 / max`,
        fmt(s),
        cpu,
        `< ${RECALL_TARGET_MS} ms`,
        s.p95 < RECALL_TARGET_MS ? 'PASS' : 'FAIL',
      ]);
    }
    const month = {
      from: iso(yearStart + Math.floor(DAYS / 2) * DAY),
      to: iso(yearStart + Math.floor(DAYS / 2) * DAY + 30 * DAY),
    };
    const year = { from: iso(yearStart), to: iso(yearEnd) };
    const machineCases = [
      { label: 'a kettle, one month (30 days)', q: { machineId: kettles[0]!, ...month } },
      { label: `a kettle, the whole year (${DAYS} days)`, q: { machineId: kettles[0]!, ...year } },
      { label: `a refining still, the whole year`, q: { machineId: refiners[0]!, ...year } },
    ];
    for (const c of machineCases) {
      const first = await recall(db, c.q, managerActor);
      if (sortedIds(first.items) !== seededMachineRecall(c.q))
        problem(`recall by machine (${c.label}): the lots differ from the seeded genealogy`);
      await timeIt(() => recall(db, c.q, managerActor), 0);
      const cpu0 = await cpuMark(admin, name);
      const s = statsOf(await timeIt(() => recall(db, c.q, managerActor), RUNS, 0));
      const cpu = cpuPer(cpu0, await cpuMark(admin, name), RUNS);
      rows.push([
        `recall() by machine, ${c.label}: ${int(first.items.length)} lots — p50 / p95 / max of ${RUNS}`,
        fmt(s),
        cpu,
        `< ${RECALL_TARGET_MS} ms`,
        s.p95 < RECALL_TARGET_MS ? 'PASS' : 'FAIL',
      ]);
    }
    // Phase breakdown of the recall steps (the scope query, the one statement, presenting).
    const recallServerMs = async (start: tollRepo.RecallStart) => {
      captured.length = 0;
      await tollRepo.recallLots(capDb, start, [rclSite]);
      const compiled = captured[0]!.query;
      const ms: number[] = [];
      for (let i = 0; i < WARMUP + 5; i++) {
        const r = await pool.query<{ 'QUERY PLAN': string }>(
          `explain (analyze, timing off, summary on) ${compiled.sql}`,
          [...compiled.parameters],
        );
        const line = r.rows.map((x) => x['QUERY PLAN']).find((x) => x.startsWith('Execution Time'));
        if (i >= WARMUP && line) ms.push(Number(/([\d.]+) ms/.exec(line)![1]));
      }
      return median(ms);
    };
    for (const c of [machineCases[1]!, machineCases[0]!]) {
      const t: Record<'scope' | 'lots' | 'present', number[]> = {
        scope: [],
        lots: [],
        present: [],
      };
      const start = { machineId: c.q.machineId, from: new Date(c.q.from), to: new Date(c.q.to) };
      for (let i = 0; i < WARMUP + RUNS; i++) {
        const t0 = performance.now();
        await db
          .selectFrom('sites as s')
          .innerJoin('clusters as cl', 'cl.id', 's.cluster_id')
          .select('s.id')
          .where('s.id', 'in', [rclSite])
          .execute();
        const t1 = performance.now();
        const found = (await tollRepo.recallLots(db, start, [rclSite])).rows;
        const t2 = performance.now();
        JSON.stringify(
          found.map((r) => ({
            ...toSummary(r),
            handedOverKg: Number(r.handed_kg),
            handedTo: [...new Set(r.handed_to ?? [])],
          })),
        );
        const t3 = performance.now();
        if (i >= WARMUP) {
          t.scope.push(t1 - t0);
          t.lots.push(t2 - t1);
          t.present.push(t3 - t2);
        }
      }
      breakdown.push(
        `recall by machine, ${c.label}, medians of ${RUNS}: scope (sites) ${f1(median(t.scope))} ms; ` +
          `recallLots() (one statement: recursion, sums, receivers) ${f1(median(t.lots))} ms ` +
          `(server execution alone ${f1(await recallServerMs(start))} ms); ` +
          `presenting in JS (with JSON.stringify) ${f1(median(t.present))} ms.`,
      );
    }
    {
      const t: Record<'lot' | 'lots', number[]> = { lot: [], lots: [] };
      for (const id of sampleIntake) {
        const t0 = performance.now();
        await tollRepo.findLot(db, id);
        const t1 = performance.now();
        await tollRepo.recallLots(db, { lotId: id }, [rclSite]);
        const t2 = performance.now();
        t.lot.push(t1 - t0);
        t.lots.push(t2 - t1);
      }
      breakdown.push(
        `recall by lot, random intake lots, medians of ${sampleIntake.length}: findLot ${f1(median(t.lot))} ms; ` +
          `recallLots() ${f1(median(t.lots))} ms ` +
          `(plus the scope query, twice: once in recall, once in readableLot).`,
      );
    }
    await explain('recall by lot (random intake lot)', () =>
      recall(capDb, { lotId: sampleIntake[0]! }, managerActor),
    );
    await explain(`recall by machine, ${machineCases[1]!.label}`, () =>
      recall(capDb, machineCases[1]!.q, managerActor),
    );
    await capDb.destroy();

    // 5. HTTP ---------------------------------------------------------------------------------------
    if (withHttp) {
      app = await startApp({ databaseUrl, dataDir });
      const port = app.port;
      const appPid = app.child.pid;
      const qs = (o: Record<string, string | number | undefined>) =>
        Object.entries(o)
          .filter(([, v]) => v !== undefined)
          .map(([k, v]) => `${k}=${encodeURIComponent(String(v))}`)
          .join('&');
      const httpCases = [
        {
          label: `GET /api/spc I-MR, all ${int(MEASUREMENTS)} measurements (as administrator)`,
          path: `/api/spc?${qs({ ...spcQuery })}`,
          token: adm.token,
          target: SPC_TARGET_MS,
          runs: RUNS,
        },
        {
          label: 'GET /api/spc I-MR, one machine',
          path: `/api/spc?${qs({ ...spcQuery, machineId: busyMachine })}`,
          token: adm.token,
          target: SPC_TARGET_MS,
          runs: RUNS,
        },
        {
          label: `GET /api/recall by lot, ${sampleIntake.length} random intake lots (as site manager)`,
          path: (i: number) =>
            `/api/recall?${qs({ lotId: sampleIntake[i % sampleIntake.length]! })}`,
          token: mgr.token,
          target: RECALL_TARGET_MS,
          runs: sampleIntake.length,
        },
        {
          label: `GET /api/recall by machine, ${machineCases[0]!.label}`,
          path: `/api/recall?${qs(machineCases[0]!.q)}`,
          token: mgr.token,
          target: RECALL_TARGET_MS,
          runs: RUNS,
        },
        {
          label: `GET /api/recall by machine, ${machineCases[1]!.label}`,
          path: `/api/recall?${qs(machineCases[1]!.q)}`,
          token: mgr.token,
          target: RECALL_TARGET_MS,
          runs: RUNS,
        },
      ];
      for (const c of httpCases) {
        const pathOf = (i: number) => (typeof c.path === 'string' ? c.path : c.path(i));
        let bytes = 0;
        const ms: number[] = [];
        let cpu0 = await cpuMark(admin, name, appPid);
        for (let i = 0; i < WARMUP + c.runs; i++) {
          if (i === WARMUP) cpu0 = await cpuMark(admin, name, appPid);
          const r = await get(port, pathOf(i), c.token);
          if (r.status !== 200) throw new Error(`${c.label}: ${r.status} ${r.body.slice(0, 300)}`);
          if (i >= WARMUP) {
            ms.push(r.ms);
            bytes = Math.max(bytes, r.body.length);
          }
        }
        const cpu = cpuPer(cpu0, await cpuMark(admin, name, appPid), c.runs);
        const s = statsOf(ms);
        rows.push([
          `${c.label} (answer up to ${f1(bytes / 1024)} KiB) — p50 / p95 / max of ${c.runs}`,
          fmt(s),
          cpu,
          `< ${c.target} ms`,
          s.p95 < c.target ? 'PASS' : 'FAIL',
        ]);
      }
    }
    notes.push(`Recall answers by lot: ${Math.min(...sizes)}–${Math.max(...sizes)} lots.`);
  } finally {
    if (app) await stopApp(app.child);
    agent.destroy();
    await database.close();
    if (!keep) await admin.query(`drop database if exists ${name} with (force)`);
    else console.log(`kept database ${name}`);
    await admin.end();
    rmSync(dataDir, { recursive: true, force: true });
  }

  const cpu = os.cpus();
  const report = [
    `Quality benchmark${quick ? ' (--quick smoke run)' : ''} — ${new Date().toISOString()}`,
    `Machine: ${cpu.length} cores (${cpu[0]?.model.trim() ?? 'unknown CPU'}), ${Math.round(os.totalmem() / 2 ** 30)} GiB, load average ${os.loadavg()[0]!.toFixed(1)}, Node ${process.version}, PostgreSQL ${pgVersion} (${pgSettings})`,
    '',
    '| what | wall time | CPU per call | target (p95) | result |',
    '|---|---|---|---|---|',
    ...rows.map((r) => `| ${r.join(' | ')} |`),
    '',
    ...notes.map((n) => `- ${n}`),
    '',
    '### Phase breakdown',
    '',
    ...breakdown.map((n) => `- ${n}`),
    '',
    '### Query plans (EXPLAIN ANALYZE, BUFFERS of the SQL src sends)',
    '',
    ...plans,
  ].join('\n');
  mkdirSync(join(root, 'bench/results'), { recursive: true });
  const file = join(
    root,
    'bench/results',
    `quality-${quick ? 'quick-' : ''}${new Date().toISOString().replace(/[:.]/g, '-')}.md`,
  );
  writeFileSync(file, report);
  console.log(report);
  console.log(`written to ${file}`);
  if (failures) process.exitCode = 1;
}

await main();
