/**
 * Billing benchmark (on PostgreSQL): the month-end run that turns a month of machine use into
 * charges and invoices, at network scale.
 *
 * Seeds three sites (one PKP site that charges PPN, one non-PKP site with its own policy, one
 * with the default policy and no settings row), machines with booking rules and tariffs per
 * customer class (some per batch, some changing mid-month, operator fees for service mode),
 * member organisations of every size class (micro ones subsidised by their programme, some
 * with prepaid hour packs) plus a few non-members, and — with raw SQL bulk inserts — 100,000
 * completed bookings in one month (checked in and out, never overlapping on a machine) plus a
 * few no-shows, member cancellations (late and on time) and staff cancellations. Then, per
 * site, it times `runInvoicing` from src/features/billing: the preview (dryRun true, rolled
 * back) and the real run (dryRun false), with wall time, charges created per second, invoices
 * issued, SQL statements sent, CPU of this process and of its PostgreSQL backend, and the peak
 * RSS of this process; and checks the result (every completed booking charged exactly once,
 * totals add up, PPN, numbers gapless, the preview equals what was issued, packs and
 * subsidy caps).
 *
 *   npx tsx bench/billing/run.ts [--quick] [--server postgres://postgres@127.0.0.1:5432/postgres]
 *        [--bookings 100000] [--members 500] [--machines 360] [--no-preview] [--keep]
 *
 * Creates a scratch database on the server, migrates it, measures, and drops it (unless --keep).
 * Writes a Markdown report to bench/results/ and prints it. Exit code 1 when a check fails.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { runInvoicing as srcRunInvoicing } from '../../src/features/billing/billing.service.js';
import type { Actor } from '../../src/server/context.js';
import { openDatabase } from '../../src/server/db/connect.js';
import { migrate } from '../../src/server/db/migrate.js';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const quick = process.argv.includes('--quick');
const keep = process.argv.includes('--keep');
const withPreview = !process.argv.includes('--no-preview');
const arg = (name: string, full: string, small: string = full) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1]! : quick ? small : full;
};
const server = arg('server', 'postgres://postgres@127.0.0.1:5432/postgres');
const BOOKINGS = Number(arg('bookings', '100000', '3000'));
const MEMBERS = Number(arg('members', '500', '40'));
const MACHINES = Number(arg('machines', '360', '24'));
/** Months of already-invoiced use before the measured one (steady state: tables with history). */
const HISTORY = Number(arg('history', '0'));

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

// A small deterministic PRNG, so every run seeds the same month.
// mulberry32: 32-bit state, exact integer arithmetic (Math.imul).
let seed = 20_261_130;
const rand = () => {
  seed = (seed + 0x6d2b79f5) | 0;
  let x = Math.imul(seed ^ (seed >>> 15), 1 | seed);
  x = (x + Math.imul(x ^ (x >>> 7), 61 | x)) ^ x;
  return ((x ^ (x >>> 14)) >>> 0) / 4294967296;
};
const pick = <T>(xs: readonly T[]) => xs[Math.floor(rand() * xs.length)]!;
const randInt = (lo: number, hi: number) => lo + Math.floor(rand() * (hi - lo + 1));
/** A version-4-shaped UUID from the PRNG, so two runs seed identical rows (ids included). */
const randomUUID = () => {
  const h = Array.from({ length: 8 }, () =>
    Math.floor(rand() * 0x10000)
      .toString(16)
      .padStart(4, '0'),
  ).join('');
  const variant = ((parseInt(h[16]!, 16) & 3) | 8).toString(16);
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-${variant}${h.slice(17, 20)}-${h.slice(20, 32)}`;
};

const int = (x: number) => Math.round(x).toLocaleString('en');
const s2 = (ms: number) => (ms / 1000).toFixed(2);
const mib = (bytes: number) => `${Math.round(bytes / 2 ** 20)} MiB`;

// The network -------------------------------------------------------------------------------

interface SiteSpec {
  code: string;
  name: string;
  zone: 'Asia/Jakarta' | 'Asia/Makassar' | 'Asia/Jayapura';
  offsetHours: number;
  share: number;
  programme: 0 | 1;
  /** null: no settings row, the site bills with the defaults (non-PKP, actual time, slot_up). */
  billing: {
    pkp: boolean;
    npwp: string | null;
    chargeBasis: 'actual' | 'booked';
    rounding: 'slot_up' | 'minute';
    noShowPercent: number;
    lateCancelPercent: number;
  } | null;
}
const SITES: SiteSpec[] = [
  {
    code: 'BL-JKT',
    name: 'RPB Bench Jawa (PKP)',
    zone: 'Asia/Jakarta',
    offsetHours: 7,
    share: 0.4,
    programme: 0,
    billing: {
      pkp: true,
      npwp: '0123456789012345',
      chargeBasis: 'actual',
      rounding: 'slot_up',
      noShowPercent: 50,
      lateCancelPercent: 25,
    },
  },
  {
    code: 'BL-BAL',
    name: 'RPB Bench Bali (non-PKP)',
    zone: 'Asia/Makassar',
    offsetHours: 8,
    share: 0.35,
    programme: 0,
    billing: {
      pkp: false,
      npwp: null,
      chargeBasis: 'booked',
      rounding: 'minute',
      noShowPercent: 100,
      lateCancelPercent: 50,
    },
  },
  {
    code: 'BL-PAP',
    name: 'RPB Bench Papua (default policy)',
    zone: 'Asia/Jayapura',
    offsetHours: 9,
    share: 0.25,
    programme: 1,
    billing: null,
  },
];
const CLASSES = ['member_micro', 'member_small', 'member_medium', 'member_large', 'non_member'];
const CLASS_FACTOR: Record<string, number> = {
  member_micro: 0.6,
  member_small: 0.8,
  member_medium: 1,
  member_large: 1.2,
  non_member: 1.5,
};
const round500 = (x: number) => Math.round(x / 500) * 500;

/** The month before the current one (UTC): always closed at every site, so it may be issued. */
function lastMonth(now: Date) {
  const y = now.getUTCFullYear();
  const m = now.getUTCMonth(); // 0-based: the previous month is m (1-based)
  const year = m === 0 ? y - 1 : y;
  const month = m === 0 ? 12 : m;
  const days = new Date(Date.UTC(year, month, 0)).getUTCDate();
  const ym = `${year}-${String(month).padStart(2, '0')}`;
  return { year, month, days, ym, day: (d: number) => `${ym}-${String(d).padStart(2, '0')}` };
}

// Instrumentation ---------------------------------------------------------------------------

interface StatementStats {
  n: number;
  ms: number;
  /** Every duration, in order (to compare the first and the last of a run). */
  times: number[];
}
/** SQL statements sent through pg while a measurement runs, by statement shape. */
let statements: Map<string, StatementStats> | null = null;
const shapeOf = (text: string) =>
  text
    .replace(/\s+/g, ' ')
    .replace(/(\$\d+|default)(, (\$\d+|default))*/g, '$n')
    .replace(/\(\$n\)(, \(\$n\))+/g, '($n), …')
    .trim();
type QueryFn = (...args: unknown[]) => unknown;
const clientProto = pg.Client.prototype as unknown as { query: QueryFn };
const originalQuery = clientProto.query;
clientProto.query = function (this: unknown, ...args: unknown[]) {
  const stats = statements;
  if (!stats) return originalQuery.apply(this, args);
  const first = args[0] as string | { text?: string } | undefined;
  const text = typeof first === 'string' ? first : (first?.text ?? '?');
  const t0 = performance.now();
  const done = () => {
    const key = shapeOf(text);
    const s = stats.get(key) ?? { n: 0, ms: 0, times: [] };
    const ms = performance.now() - t0;
    s.n++;
    s.ms += ms;
    s.times.push(ms);
    stats.set(key, s);
  };
  const r = originalQuery.apply(this, args);
  if (r && typeof (r as Promise<unknown>).then === 'function')
    return (r as Promise<unknown>).then(
      (v) => {
        done();
        return v;
      },
      (e: unknown) => {
        done();
        throw e;
      },
    );
  done();
  return r;
};

/** CPU time (user + system) of a process from /proc, ms; null where /proc is not readable. */
function procCpuMs(pid: number): number | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(f[11]) + Number(f[12])) * 10; // USER_HZ = 100
  } catch {
    return null;
  }
}

interface Measured<T> {
  result: T;
  ms: number;
  rssPeak: number;
  heapPeak: number;
  nodeCpuMs: number;
  pgCpuMs: number | null;
  statements: Map<string, StatementStats>;
}

async function measure<T>(backendPid: number, fn: () => Promise<T>): Promise<Measured<T>> {
  let rssPeak = process.memoryUsage.rss();
  let heapPeak = process.memoryUsage().heapUsed;
  const timer = setInterval(() => {
    const m = process.memoryUsage();
    rssPeak = Math.max(rssPeak, m.rss);
    heapPeak = Math.max(heapPeak, m.heapUsed);
  }, 20);
  const stats = new Map<string, StatementStats>();
  const pg0 = procCpuMs(backendPid);
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  statements = stats;
  try {
    const result = await fn();
    const ms = performance.now() - t0;
    const cpu = process.cpuUsage(cpu0);
    const pg1 = procCpuMs(backendPid);
    const m = process.memoryUsage();
    return {
      result,
      ms,
      rssPeak: Math.max(rssPeak, m.rss),
      heapPeak: Math.max(heapPeak, m.heapUsed),
      nodeCpuMs: (cpu.user + cpu.system) / 1000,
      pgCpuMs: pg0 === null || pg1 === null ? null : pg1 - pg0,
      statements: stats,
    };
  } finally {
    statements = null;
    clearInterval(timer);
  }
}

// Main --------------------------------------------------------------------------------------

async function main() {
  const name = `rpb_bench_billing_${Date.now().toString(36)}`;
  const admin = new pg.Client({ connectionString: server });
  await admin.connect();
  const pgVersion = (await admin.query<{ server_version: string }>('show server_version')).rows[0]!
    .server_version;
  await admin.query(`create database ${name}`);
  const url = new URL(server);
  url.pathname = `/${name}`;
  // One connection: the run is one transaction, and its backend's CPU can be read from /proc.
  const database = await openDatabase({ kind: 'postgres', url: url.toString() }, { max: 1 });
  const db = database.db;
  const q = (text: string, values: unknown[] = []) => database.pool.query(text, values);
  const rows: string[][] = [];
  const checks: { what: string; ok: boolean; detail: string }[] = [];
  const check = (what: string, ok: boolean, detail = '') => checks.push({ what, ok, detail });
  const notes: string[] = [];
  let hot: string[] = [];
  let rssBefore = 0;
  const digests: string[] = [];
  const answers: string[] = [];
  const loads: string[] = [];
  const now = new Date();
  const month = lastMonth(now);
  try {
    await migrate(database.pool);
    const tSeed = performance.now();

    // Programmes, clusters, sites, billing settings. -------------------------------------------
    const programmes = [randomUUID(), randomUUID()];
    await q(
      `insert into programmes (id, code, name, funding_source, year, budget) values
       ($1, 'BENCH-1', 'Bench programme (APBN)', 'apbn_tp', 2026, 0),
       ($2, 'BENCH-2', 'Bench programme (DAK)', 'dak', 2026, 0)`,
      programmes,
    );
    const sites = SITES.map((s) => ({ ...s, id: randomUUID(), cluster: randomUUID() }));
    for (const s of sites) {
      await q(
        `insert into clusters (id, programme_id, name, commodity, province, regency)
         values ($1, $2, $3, 'Kakao', 'Bali', 'Kabupaten Jembrana')`,
        [s.cluster, programmes[s.programme], `Cluster ${s.code}`],
      );
      await q(
        `insert into sites (id, cluster_id, code, name, province, regency, time_zone, address)
         values ($1, $2, $3, $4, 'Bali', 'Kabupaten Jembrana', $5, 'Jl. Bench 1')`,
        [s.id, s.cluster, s.code, s.name, s.zone],
      );
      if (s.billing)
        await q(
          `insert into site_billing_settings (site_id, pkp, seller_name, seller_npwp, seller_address,
             bank_account, charge_basis, rounding, no_show_percent, late_cancel_percent)
           values ($1, $2, $3, $4, 'Jl. Bench 1', 'BRI 0000-01-000000-50-0', $5, $6, $7, $8)`,
          [
            s.id,
            s.billing.pkp,
            `Koperasi ${s.name}`,
            s.billing.npwp,
            s.billing.chargeBasis,
            s.billing.rounding,
            s.billing.noShowPercent,
            s.billing.lateCancelPercent,
          ],
        );
    }

    // Users: the administrator who runs invoicing, one operator per site. ----------------------
    const adminId = randomUUID();
    await q(
      `insert into users (id, email, name, password_hash) values ($1, 'admin@bench.test', 'Bench admin', 'x')`,
      [adminId],
    );
    await q(`insert into role_grants (user_id, role) values ($1, 'administrator')`, [adminId]);
    const staff = new Map<string, string>();
    for (const s of sites) {
      const id = randomUUID();
      staff.set(s.id, id);
      await q(
        `insert into users (id, email, name, password_hash) values ($1, $2, 'Operator', 'x')`,
        [id, `operator.${s.code.toLowerCase()}@bench.test`],
      );
      await q(`insert into role_grants (user_id, role, site_id) values ($1, 'site_operator', $2)`, [
        id,
        s.id,
      ]);
    }

    // Organisations: members of every size class, a few non-members; a user each. --------------
    const NONMEMBERS = Math.max(3, Math.round(MEMBERS / 25));
    interface Org {
      id: string;
      user: string;
      size: string | null;
      home: number | null;
      also: number | null;
    }
    const orgs: Org[] = [];
    for (let i = 0; i < MEMBERS + NONMEMBERS; i++) {
      const r = rand();
      const size =
        r < 0.55 ? 'micro' : r < 0.8 ? 'small' : r < 0.9 ? 'medium' : r < 0.95 ? 'large' : null;
      let home: number | null = null;
      if (i < MEMBERS) {
        const x = rand();
        home = x < SITES[0]!.share ? 0 : x < SITES[0]!.share + SITES[1]!.share ? 1 : 2;
      }
      const also = home !== null && rand() < 0.05 ? (home + 1) % SITES.length : null;
      orgs.push({ id: randomUUID(), user: randomUUID(), size, home, also });
    }
    await q(
      `insert into organisations (id, kind, name, size_class, npwp, address)
       select id, 'umkm', name, size, npwp, 'Jl. Anggota ' || name
       from unnest($1::uuid[], $2::text[], $3::text[], $4::text[]) as t(id, name, size, npwp)`,
      [
        orgs.map((o) => o.id),
        orgs.map((o, i) => `${o.home === null ? 'CV Tamu' : 'UD Anggota'} ${i + 1}`),
        orgs.map((o) => o.size),
        orgs.map((_, i) => (i % 3 === 0 ? String(1_000_000_000_000_000n + BigInt(i)) : null)),
      ],
    );
    await q(
      `insert into site_members (site_id, organisation_id)
       select * from unnest($1::uuid[], $2::uuid[])`,
      (() => {
        const pairs = orgs.flatMap((o) =>
          [o.home, o.also].filter((h) => h !== null).map((h) => [sites[h]!.id, o.id] as const),
        );
        return [pairs.map((p) => p[0]), pairs.map((p) => p[1])];
      })(),
    );
    await q(
      `insert into users (id, email, name, password_hash)
       select id, email, 'Anggota', 'x' from unnest($1::uuid[], $2::text[]) as t(id, email)`,
      [orgs.map((o) => o.user), orgs.map((_, i) => `member${i + 1}@bench.test`)],
    );
    await q(
      `insert into role_grants (user_id, role, organisation_id)
       select u, 'umkm_member', o from unnest($1::uuid[], $2::uuid[]) as t(u, o)`,
      [orgs.map((o) => o.user), orgs.map((o) => o.id)],
    );

    // Machines, booking rules, tariffs per class. --------------------------------------------
    interface Machine {
      id: string;
      site: number;
      batch: boolean;
    }
    const machines: Machine[] = [];
    sites.forEach((_, si) => {
      const n =
        si === sites.length - 1
          ? MACHINES - machines.length
          : Math.round(MACHINES * SITES[si]!.share);
      for (let i = 0; i < n; i++)
        machines.push({ id: randomUUID(), site: si, batch: rand() < 0.05 });
    });
    await q(
      `insert into machines (id, site_id, code, name, process)
       select id, site, code, name, 'drying'
       from unnest($1::uuid[], $2::uuid[], $3::text[], $4::text[]) as t(id, site, code, name)`,
      [
        machines.map((m) => m.id),
        machines.map((m) => sites[m.site]!.id),
        machines.map((_, i) => `M-${String(i + 1).padStart(4, '0')}`),
        machines.map((m, i) => `${m.batch ? 'Oven' : 'Pengering'} ${i + 1}`),
      ],
    );
    const ruled = machines
      .map((m) => ({ m, r: rand() }))
      .filter((x) => x.r < 0.95)
      .map((x) => ({ id: x.m.id, slot: x.r < 0.7 ? 30 : x.r < 0.85 ? 15 : 60 }));
    await q(
      `insert into machine_booking_rules (machine_id, slot_minutes, min_minutes, max_minutes,
         lead_minutes, horizon_days, approval_required, qualification_required,
         service_mode_allowed, no_show_grace_minutes, offer_hold_minutes)
       select id, slot, slot, 480, 0, 90, false, false, true, 30, 120
       from unnest($1::uuid[], $2::int[]) as t(id, slot)`,
      [ruled.map((r) => r.id), ruled.map((r) => r.slot)],
    );
    const tariffs: {
      machine: string;
      basis: string;
      cls: string;
      price: number;
      from: string;
      to: string | null;
    }[] = [];
    let changing = 0;
    for (const m of machines) {
      const base = m.batch ? randInt(20, 60) * 5000 : randInt(4, 30) * 5000;
      const change = rand() < 0.1;
      if (change) changing++;
      for (const cls of CLASSES) {
        const price = round500(base * CLASS_FACTOR[cls]!);
        const basis = m.batch ? 'per_batch' : 'per_hour';
        if (!change) {
          tariffs.push({ machine: m.id, basis, cls, price, from: '2025-01-01', to: null });
        } else {
          tariffs.push({ machine: m.id, basis, cls, price, from: '2025-01-01', to: month.day(15) });
          tariffs.push({
            machine: m.id,
            basis,
            cls,
            price: round500(price * 1.1),
            from: month.day(16),
            to: null,
          });
        }
      }
    }
    await q(
      `insert into tariffs (machine_id, basis, customer_class, unit_price, operator_fee_per_hour,
         valid_from, valid_to, created_by)
       select m, b, c, p, 25000, f, t, $7
       from unnest($1::uuid[], $2::text[], $3::text[], $4::bigint[], $5::date[], $6::date[])
         as x(m, b, c, p, f, t)`,
      [
        tariffs.map((t) => t.machine),
        tariffs.map((t) => t.basis),
        tariffs.map((t) => t.cls),
        tariffs.map((t) => t.price),
        tariffs.map((t) => t.from),
        tariffs.map((t) => t.to),
        adminId,
      ],
    );

    // Subsidies and hour packs. ----------------------------------------------------------------
    await q(
      `insert into subsidies (id, programme_id, site_id, name, percent, classes,
         max_minutes_per_month, max_amount_per_month, valid_from, created_by) values
       ($5, $1, null, 'Subsidi UMKM mikro', 50, '{member_micro}', 600, 750000, '2025-01-01', $4),
       ($6, $1, $3, 'Subsidi usaha kecil Jawa', 25, '{member_small}', null, null, '2025-01-01', $4),
       ($7, $2, null, 'Subsidi DAK Papua', 30, '{member_micro,member_small}', null, 400000, '2025-01-01', $4)`,
      [
        programmes[0],
        programmes[1],
        sites[0]!.id,
        adminId,
        randomUUID(),
        randomUUID(),
        randomUUID(),
      ],
    );
    const packs = orgs
      .filter((o) => o.home !== null && rand() < 0.12)
      .map((o) => {
        const site = o.home!;
        const siteMachines = machines.filter((m) => m.site === site && !m.batch);
        return {
          id: randomUUID(),
          site: sites[site]!.id,
          org: o.id,
          machine: rand() < 0.4 ? pick(siteMachines).id : null,
          minutes: pick([300, 600, 1200]),
          to: rand() < 0.2 ? month.day(15) : month.day(month.days),
        };
      });
    await q(
      `insert into hour_packs (id, site_id, member_org_id, machine_id, name, minutes_total, price,
         valid_from, valid_to, created_by)
       select id, s, o, m, 'Paket ' || (mi / 60) || ' jam', mi, mi * 1500, $6, t, $7
       from unnest($1::uuid[], $2::uuid[], $3::uuid[], $4::int[], $5::date[], $8::uuid[])
         as x(s, o, m, mi, t, id)`,
      [
        packs.map((p) => p.site),
        packs.map((p) => p.org),
        packs.map((p) => p.machine),
        packs.map((p) => p.minutes),
        packs.map((p) => p.to),
        month.day(1),
        adminId,
        packs.map((p) => p.id),
      ],
    );

    // Bookings: BOOKINGS completed in the month, a few no-shows and cancellations. ------------
    // Each machine's bookings follow one another from 06:00 to 22:00 local time, 30–120 minutes
    // long with 0–30 minutes between them, so they never overlap on a machine.
    const bookers = sites.map((_, si) => {
      const mem = orgs.filter((o) => o.home === si || o.also === si);
      const non = orgs.filter((o) => o.home === null);
      return { mem, non };
    });
    const counts = { completed: 0, noShow: 0, memberLate: 0, memberOnTime: 0, staff: 0 };
    const perSite = sites.map(() => ({ ...counts }));
    const cols = {
      id: [] as string[],
      machine: [] as string[],
      status: [] as string[],
      starts: [] as string[],
      ends: [] as string[],
      org: [] as string[],
      mode: [] as string[],
      checkedIn: [] as (string | null)[],
      checkedOut: [] as (string | null)[],
      cancelledAt: [] as (string | null)[],
      cancelledBy: [] as (string | null)[],
      noShowAt: [] as (string | null)[],
    };
    const iso = (ms: number) => new Date(ms).toISOString();
    const flush = async () => {
      if (cols.machine.length === 0) return;
      await q(
        `insert into bookings (id, machine_id, kind, status, starts_at, ends_at, member_org_id, mode,
           booked_by, booked_by_label, checked_in_at, checked_out_at, cancelled_at, cancelled_by,
           no_show_at)
         select id, m, 'booking', s, st, en, o, md, $12, 'bench', ci, co, ca, cb, ns
         from unnest($1::uuid[], $2::text[], $3::timestamptz[], $4::timestamptz[], $5::uuid[],
           $6::text[], $7::timestamptz[], $8::timestamptz[], $9::timestamptz[], $10::uuid[],
           $11::timestamptz[], $13::uuid[]) as t(m, s, st, en, o, md, ci, co, ca, cb, ns, id)`,
        [
          cols.machine,
          cols.status,
          cols.starts,
          cols.ends,
          cols.org,
          cols.mode,
          cols.checkedIn,
          cols.checkedOut,
          cols.cancelledAt,
          cols.cancelledBy,
          cols.noShowAt,
          adminId,
          cols.id,
        ],
      );
      for (const c of Object.values(cols)) c.length = 0;
    };
    let made = 0;
    for (const [mi, m] of machines.entries()) {
      const quota = Math.floor(((mi + 1) * BOOKINGS) / machines.length) - made;
      made += quota;
      const site = sites[m.site]!;
      const dayStart = (d: number) =>
        Date.UTC(month.year, month.month - 1, d) - site.offsetHours * HOUR;
      let day = 1;
      let at = 6 * 60 + pick([0, 15, 30]);
      let completed = 0;
      while (completed < quota) {
        const minutes = pick([30, 60, 60, 90, 120]);
        if (at + minutes > 22 * 60) {
          day++;
          at = 6 * 60 + pick([0, 15, 30, 45]);
          if (day > month.days)
            throw new Error(
              `${quota} bookings do not fit on one machine in ${month.days} days: raise --machines`,
            );
          continue;
        }
        const start = dayStart(day) + at * MINUTE;
        const end = start + minutes * MINUTE;
        const b = bookers[m.site]!;
        const org = rand() < 0.05 ? pick(b.non) : b.mem[Math.floor(b.mem.length * rand() ** 1.3)]!;
        const r = rand();
        const status = r < 0.015 ? 'no_show' : r < 0.03 ? 'cancelled' : 'completed';
        cols.id.push(randomUUID());
        cols.machine.push(m.id);
        cols.status.push(status);
        cols.starts.push(iso(start));
        cols.ends.push(iso(end));
        cols.org.push(org.id);
        cols.mode.push(rand() < 0.05 ? 'service' : 'self');
        const c = perSite[m.site]!;
        if (status === 'completed') {
          const inAt = start + randInt(0, 10) * MINUTE + randInt(0, 59) * 1000;
          const outAt = Math.max(
            inAt + 5 * MINUTE,
            end + randInt(-20, 10) * MINUTE + randInt(0, 59) * 1000,
          );
          cols.checkedIn.push(iso(inAt));
          cols.checkedOut.push(iso(outAt));
          cols.cancelledAt.push(null);
          cols.cancelledBy.push(null);
          cols.noShowAt.push(null);
          completed++;
          c.completed++;
        } else if (status === 'no_show') {
          cols.checkedIn.push(null);
          cols.checkedOut.push(null);
          cols.cancelledAt.push(null);
          cols.cancelledBy.push(null);
          cols.noShowAt.push(iso(start + 30 * MINUTE));
          c.noShow++;
        } else {
          // Cancelled: by the member late (1–20 h before) or on time (2–5 days before), or by staff.
          const who = rand();
          cols.checkedIn.push(null);
          cols.checkedOut.push(null);
          cols.noShowAt.push(null);
          if (who < 0.4) {
            cols.cancelledAt.push(iso(start - randInt(1, 20) * HOUR));
            cols.cancelledBy.push(org.user);
            c.memberLate++;
          } else if (who < 0.7) {
            cols.cancelledAt.push(iso(start - randInt(2, 5) * DAY));
            cols.cancelledBy.push(org.user);
            c.memberOnTime++;
          } else {
            cols.cancelledAt.push(iso(start - 3 * HOUR));
            cols.cancelledBy.push(staff.get(site.id)!);
            c.staff++;
          }
        }
        if (cols.machine.length >= 10_000) await flush();
        at += minutes + pick([0, 0, 15, 30]);
      }
    }
    await flush();
    if (HISTORY > 0) {
      // The month's bookings copied 31, 62, … days earlier, each charged (50,000 per use, no
      // fee otherwise) and invoiced: one invoice per member and copy, numbered in last year.
      await q(`create temp table hist as
        select gen_random_uuid() as booking_id, b.id as orig, k, m.site_id, b.member_org_id,
          case when b.status = 'completed' then 'usage' when b.status = 'no_show' then 'no_show'
            when exists (select 1 from role_grants g where g.user_id = b.cancelled_by
              and g.organisation_id = b.member_org_id and g.role = 'umkm_member') then 'late_cancel'
          end as kind,
          ((b.starts_at - k * interval '31 days') at time zone s.time_zone)::date as usage_date,
          gen_random_uuid() as charge_id, gen_random_uuid() as line_id
        from bookings b join machines m on m.id = b.machine_id join sites s on s.id = m.site_id
        cross join generate_series(1, ${HISTORY}) k`);
      await q(`insert into bookings (id, machine_id, kind, status, starts_at, ends_at, member_org_id,
          mode, booked_by, booked_by_label, checked_in_at, checked_out_at, cancelled_at,
          cancelled_by, no_show_at)
        select h.booking_id, b.machine_id, 'booking', b.status, b.starts_at - d, b.ends_at - d,
          b.member_org_id, b.mode, b.booked_by, 'history', b.checked_in_at - d,
          b.checked_out_at - d, b.cancelled_at - d, b.cancelled_by, b.no_show_at - d
        from hist h join bookings b on b.id = h.orig,
          lateral (select h.k * interval '31 days' as d) x`);
      await q(`create temp table hinv as
        select gen_random_uuid() as id, site_id, member_org_id, k,
          row_number() over (partition by site_id order by k desc, member_org_id) as seq,
          50000 * count(*) filter (where kind = 'usage') as amount
        from hist where kind is not null group by site_id, member_org_id, k`);
      const year = Number(month.ym.slice(0, 4)) - 1;
      await q(
        `insert into invoices (id, site_id, member_org_id, kind, year, seq, number, issued_on,
          due_on, period_from, period_to, seller, buyer, pkp, ppn_rate_bp, dpp_numerator,
          dpp_denominator, subtotal, discounts, subsidies, net, dpp, ppn, total, created_by_label)
        select i.id, i.site_id, i.member_org_id, 'invoice', $1::int, i.seq,
          'INV/' || s.code || '/' || $1::int || '/' || lpad(i.seq::text, 6, '0'),
          $2::date - i.k * 31, $2::date - i.k * 31 + 14, $2::date - i.k * 31 - 31,
          $2::date - i.k * 31 - 1, '{"name": "history"}', '{"name": "history"}', false, 0, 1, 1,
          i.amount, 0, 0, i.amount, 0, 0, i.amount, 'history'
        from hinv i join sites s on s.id = i.site_id`,
        [year, month.day(1)],
      );
      await q(
        `insert into invoice_counters (site_id, year, kind, last_seq)
         select site_id, $1, 'invoice', max(seq) from hinv group by site_id`,
        [year],
      );
      await q(`insert into invoice_lines (id, invoice_id, position, description, quantity, unit,
          unit_price, gross, discount, subsidy, net, taxable)
        select h.line_id, i.id, row_number() over (partition by i.id order by h.usage_date, h.charge_id),
          'Riwayat', 1, 'jam', g, g, 0, 0, g, true
        from hist h join hinv i on i.site_id = h.site_id and i.member_org_id = h.member_org_id
          and i.k = h.k,
          lateral (select case when h.kind = 'usage' then 50000 else 0 end as g) x
        where h.kind is not null`);
      await q(`insert into charges (id, site_id, member_org_id, booking_id, machine_id, kind,
          description, usage_date, quantity, unit, unit_price, gross, net, invoice_id,
          invoice_line_id)
        select h.charge_id, h.site_id, h.member_org_id, h.booking_id, b.machine_id, h.kind,
          'Riwayat', h.usage_date, 1, 'jam', g, g, g, i.id, h.line_id
        from hist h join bookings b on b.id = h.booking_id
          join hinv i on i.site_id = h.site_id and i.member_org_id = h.member_org_id and i.k = h.k,
          lateral (select case when h.kind = 'usage' then 50000 else 0 end as g) x
        where h.kind is not null`);
      const counted = (
        await q(`select (select count(*) from hist) as bookings,
          (select count(*) from hist where kind is not null) as charges,
          (select count(*) from hinv) as invoices`)
      ).rows[0] as Record<string, string>;
      await q('drop table hist, hinv');
      notes.push(
        `History (--history ${HISTORY}): ${int(Number(counted.bookings))} earlier bookings (the month copied ${HISTORY} × 31 days back), ${int(Number(counted.charges))} charges and invoice lines, ${int(Number(counted.invoices))} invoices, all issued and analysed before the run.`,
      );
    }
    await q('vacuum analyze');
    const seedMs = performance.now() - tSeed;
    const totalBookings = perSite.reduce(
      (a, c) => a + c.completed + c.noShow + c.memberLate + c.memberOnTime + c.staff,
      0,
    );
    const overlapping = Number(
      (
        await q(`select count(*) as n from bookings a join bookings b
           on a.machine_id = b.machine_id and a.id < b.id
           and tstzrange(a.starts_at, a.ends_at, '[)') && tstzrange(b.starts_at, b.ends_at, '[)')`)
      ).rows[0].n,
    );
    check('seeded bookings never overlap on a machine', overlapping === 0, `${overlapping} pairs`);
    notes.push(
      `Seed (${s2(seedMs)} s, raw SQL): ${sites.length} sites, ${machines.length} machines (${machines.filter((m) => m.batch).length} per batch, ${changing} with a tariff change on the 16th), ${tariffs.length} tariffs, ${MEMBERS} member organisations + ${NONMEMBERS} non-members, ${packs.length} hour packs, 3 subsidies; ${int(totalBookings)} bookings in ${month.ym}, of which ${int(BOOKINGS)} completed (5% in service mode).`,
    );

    // The runs, site by site: preview, then issue. ---------------------------------------------
    const actor: Actor = {
      userId: adminId,
      email: 'admin@bench.test',
      name: 'Bench admin',
      locale: 'en',
      via: 'cli',
      grants: [{ role: 'administrator', scopeType: 'system', scopeId: null, scopeName: null }],
    };
    const ctx = { actor, now };
    const t = (code: string, details: Record<string, unknown>) =>
      `${code} ${JSON.stringify(details)}`;
    const backendPid = (await q('select pg_backend_pid() as pid')).rows[0].pid as number;
    /** Scans of the tables the run touches (pg_stat_user_tables, once the stats are flushed). */
    const tableScans = async () => {
      await new Promise((ok) => setTimeout(ok, 1100));
      await q('select pg_stat_clear_snapshot()');
      const r = await q(
        `select relname, seq_scan, seq_tup_read, coalesce(idx_scan, 0) as idx_scan
         from pg_stat_user_tables
         where relname in ('charges', 'invoice_lines', 'invoices', 'hour_packs', 'bookings',
           'organisations', 'site_members', 'machines', 'tariffs', 'subsidies', 'invoice_counters')`,
      );
      return new Map(
        (
          r.rows as { relname: string; seq_scan: string; seq_tup_read: string; idx_scan: string }[]
        ).map((x) => [
          x.relname,
          { seq: Number(x.seq_scan), read: Number(x.seq_tup_read), idx: Number(x.idx_scan) },
        ]),
      );
    };
    rssBefore = process.memoryUsage.rss();
    const runInvoicing = srcRunInvoicing;
    type Run = Awaited<ReturnType<typeof srcRunInvoicing>>;
    const allStatements = new Map<string, StatementStats>();
    const scans = new Map<string, { seq: number; read: number; idx: number }>();
    let firstSite: { code: string; statements: Map<string, StatementStats> } | null = null;
    const totals = {
      bookings: 0,
      completed: 0,
      previewMs: 0,
      issueMs: 0,
      created: 0,
      chargeRows: 0,
      invoices: 0,
      statements: 0,
      nodeCpu: 0,
      pgCpu: 0,
      rssPeak: 0,
    };
    for (const [si, site] of sites.entries()) {
      const c = perSite[si]!;
      const bookings = c.completed + c.noShow + c.memberLate + c.memberOnTime + c.staff;
      loads.push(`${site.code} ${os.loadavg()[0]!.toFixed(1)}`);
      let preview: Measured<Run> | null = null;
      if (withPreview)
        preview = await measure(backendPid, () =>
          runInvoicing(db, site.id, { month: month.ym, dryRun: true }, ctx, t),
        );
      // Autovacuum would clean up after the rolled-back preview in the minutes before the
      // manager issues (this server may run with autovacuum off: do it here).
      if (preview)
        await q('vacuum analyze charges, invoices, invoice_lines, hour_packs, audit_log');
      const charged = async () =>
        Number(
          (
            await q('select count(*) as n from charges where site_id = $1 and usage_date >= $2', [
              site.id,
              month.day(1),
            ])
          ).rows[0].n,
        );
      const before = await charged();
      const scans0 = await tableScans();
      const issue = await measure(backendPid, () =>
        runInvoicing(db, site.id, { month: month.ym, dryRun: false }, ctx, t),
      );
      const chargeRows = (await charged()) - before;
      const scans1 = await tableScans();
      for (const [rel, s1] of scans1) {
        const s0 = scans0.get(rel) ?? { seq: 0, read: 0, idx: 0 };
        const a = scans.get(rel) ?? { seq: 0, read: 0, idx: 0 };
        scans.set(rel, {
          seq: a.seq + s1.seq - s0.seq,
          read: a.read + s1.read - s0.read,
          idx: a.idx + s1.idx - s0.idx,
        });
      }
      if (si === 0) firstSite = { code: site.code, statements: issue.statements };
      const res = issue.result;
      const sent = [...issue.statements.values()].reduce((a, s) => a + s.n, 0);
      for (const [k, s] of issue.statements) {
        const a = allStatements.get(k) ?? { n: 0, ms: 0, times: [] };
        a.n += s.n;
        a.ms += s.ms;
        allStatements.set(k, a);
      }
      const lines = res.invoices.map((i) => i.lines.length);
      answers.push(
        `${site.code} ${(Buffer.byteLength(JSON.stringify(res)) / 2 ** 20).toFixed(1)} MiB (${int(lines.reduce((a, n) => a + n, 0))} lines)`,
      );
      rows.push([
        `${site.code} (${site.billing?.pkp ? 'PKP' : 'non-PKP'}${site.billing ? '' : ', defaults'})`,
        `${int(bookings)} (${int(c.completed)} completed)`,
        preview ? s2(preview.ms) : '—',
        s2(issue.ms),
        `${int(res.chargesCreated)} (${int(chargeRows)} rows)`,
        int(res.chargesCreated / (issue.ms / 1000)),
        `${int(res.invoices.length)} (max ${int(Math.max(0, ...lines))} lines)`,
        `${int(sent)} (${(sent / bookings).toFixed(1)})`,
        `${s2(issue.nodeCpuMs)} / ${issue.pgCpuMs === null ? '—' : s2(issue.pgCpuMs)}`,
        `${mib(issue.rssPeak)} (heap ${mib(issue.heapPeak)})`,
      ]);
      totals.bookings += bookings;
      totals.completed += c.completed;
      totals.previewMs += preview?.ms ?? 0;
      totals.issueMs += issue.ms;
      totals.created += res.chargesCreated;
      totals.chargeRows += chargeRows;
      totals.invoices += res.invoices.length;
      totals.statements += sent;
      totals.nodeCpu += issue.nodeCpuMs;
      totals.pgCpu += issue.pgCpuMs ?? NaN;
      totals.rssPeak = Math.max(totals.rssPeak, issue.rssPeak, preview?.rssPeak ?? 0);

      // Checks of this site. -------------------------------------------------------------------
      const tag = site.code;
      check(`${tag}: no warnings`, res.warnings.length === 0, `${res.warnings.length} warnings`);
      if (preview) {
        const sig = (r: Run) =>
          JSON.stringify([
            r.chargesCreated,
            r.total,
            r.invoices.map((i) => [i.number, i.memberOrgId, i.net, i.ppn, i.total, i.lines.length]),
          ]);
        check(
          `${tag}: the preview shows exactly what was issued (numbers, members, amounts)`,
          sig(preview.result) === sig(res),
        );
        check(
          `${tag}: the preview left nothing behind`,
          before === 0,
          `${before} charges before issuing`,
        );
      }
      // The month's rows only (not the history of --history).
      const one = async (text: string, ...more: unknown[]) =>
        (await q(text, [site.id, ...more])).rows[0] as Record<string, string | null>;
      const monthStart = new Date(
        Date.UTC(month.year, month.month - 1, 1) - site.offsetHours * HOUR,
      );
      const b = await one(
        `
        select
          count(*) filter (where b.status = 'completed') as completed,
          count(*) filter (where b.status = 'completed' and not exists
            (select 1 from charges c where c.booking_id = b.id and c.kind = 'usage')) as uncharged,
          count(*) filter (where b.status = 'no_show') as no_show,
          count(*) filter (where b.status = 'cancelled' and g.id is not null) as member_cancel,
          count(*) filter (where b.status = 'cancelled' and g.id is null) as staff_cancel,
          count(*) filter (where b.status = 'completed' and b.mode = 'service') as service
        from bookings b join machines m on m.id = b.machine_id
        left join role_grants g on g.user_id = b.cancelled_by and g.organisation_id = b.member_org_id
          and g.role = 'umkm_member'
        where m.site_id = $1 and b.starts_at >= $2`,
        monthStart,
      );
      const ch = await one(
        `
        select
          count(*) filter (where c.kind = 'usage') as usage,
          count(distinct c.booking_id) filter (where c.kind = 'usage') as usage_bookings,
          count(*) filter (where c.kind = 'usage' and b.status <> 'completed') as usage_wrong,
          count(*) filter (where c.kind = 'no_show') as no_show,
          count(*) filter (where c.kind = 'late_cancel') as late_cancel,
          count(*) filter (where c.kind = 'late_cancel' and c.net > 0) as late_cancel_fee,
          count(*) filter (where c.kind in ('no_show', 'late_cancel') and b.status <> 'no_show'
            and (b.cancelled_by is null or not exists (select 1 from role_grants g
              where g.user_id = b.cancelled_by and g.organisation_id = b.member_org_id
              and g.role = 'umkm_member'))) as fee_wrong,
          count(*) filter (where c.kind = 'operator_fee') as operator_fee,
          count(*) filter (where c.invoice_id is null) as open,
          count(*) filter (where c.kind = 'usage' and c.subsidy > 0) as subsidised,
          count(*) filter (where c.kind = 'usage' and c.pack_minutes > 0) as from_pack,
          coalesce(sum(c.net), 0) as net,
          coalesce(sum(c.pack_minutes), 0) as pack_minutes
        from charges c left join bookings b on b.id = c.booking_id
        where c.site_id = $1 and c.usage_date >= $2::date`,
        month.day(1),
      );
      const invRow = (
        await q(
          `select count(*) as n, coalesce(sum(total), 0) as total, coalesce(sum(net + ppn), 0) as net_ppn,
             coalesce(sum(net), 0) as net, min(seq) as min_seq, max(seq) as max_seq,
             count(distinct seq) as seqs, count(distinct member_org_id) as members,
             count(*) filter (where number <> 'INV/' || $2 || '/' || year || '/' || lpad(seq::text, 6, '0')) as bad_numbers,
             count(*) filter (where pkp and ppn <> (((net * 11 * 2 + 12) / 24) * 1200 + 5000) / 10000) as ppn_wrong_pkp,
             count(*) filter (where not pkp and ppn <> 0) as ppn_wrong_non_pkp,
             count(*) filter (where pkp) as pkp,
             count(*) filter (where net <> (select sum(l.net) from invoice_lines l where l.invoice_id = i.id)) as lines_off,
             count(*) filter (where net <> (select sum(c.net) from charges c where c.invoice_id = i.id)) as charges_off
           from invoices i where site_id = $1 and period_to = $3::date`,
          [site.id, tag, month.day(month.days)],
        )
      ).rows[0] as Record<string, string | null>;
      const n = (v: string | null | undefined) => Number(v ?? 0);
      const members = n(
        (
          await one(
            `select count(distinct member_org_id) as n from charges
             where site_id = $1 and usage_date >= $2::date`,
            month.day(1),
          )
        ).n,
      );
      check(
        `${tag}: every completed booking has exactly one usage charge`,
        n(ch.usage) === n(b.completed) &&
          n(ch.usage_bookings) === n(b.completed) &&
          n(b.uncharged) === 0 &&
          n(ch.usage_wrong) === 0,
        `${ch.usage} usage charges for ${b.completed} completed bookings (${ch.usage_bookings} distinct, ${b.uncharged} uncharged, ${ch.usage_wrong} on other bookings)`,
      );
      check(
        `${tag}: no-shows and member cancellations charged once, staff cancellations not`,
        n(ch.no_show) === n(b.no_show) &&
          n(ch.late_cancel) === n(b.member_cancel) &&
          n(ch.fee_wrong) === 0,
        `no-show ${ch.no_show}/${b.no_show}, member cancellations ${ch.late_cancel}/${b.member_cancel} (${ch.late_cancel_fee} with a fee), staff cancellations ${b.staff_cancel} (charged wrongly: ${ch.fee_wrong})`,
      );
      check(
        `${tag}: operator fees for service-mode use`,
        n(ch.operator_fee) === n(b.service),
        `${ch.operator_fee} operator fees for ${b.service} service bookings`,
      );
      check(`${tag}: every charge invoiced`, n(ch.open) === 0, `${ch.open} open`);
      check(
        `${tag}: one invoice per member with charges`,
        n(invRow.n) === members && n(invRow.members) === members,
        `${invRow.n} invoices, ${members} members`,
      );
      check(
        `${tag}: Σ invoice totals = Σ (net + PPN), = the run's total; Σ net = Σ charges; lines and charges add up`,
        n(invRow.total) === n(invRow.net_ppn) &&
          n(invRow.total) === res.total &&
          n(invRow.net) === n(ch.net) &&
          n(invRow.lines_off) === 0 &&
          n(invRow.charges_off) === 0,
        `Σ total ${int(n(invRow.total))}, Σ net+ppn ${int(n(invRow.net_ppn))}, run total ${int(res.total)}, Σ invoice net ${int(n(invRow.net))}, Σ charge net ${int(n(ch.net))}`,
      );
      check(
        `${tag}: invoice numbers 1..N without gaps`,
        n(invRow.min_seq) === 1 &&
          n(invRow.max_seq) === n(invRow.n) &&
          n(invRow.seqs) === n(invRow.n) &&
          n(invRow.bad_numbers) === 0,
        `seq ${invRow.min_seq}..${invRow.max_seq}, ${invRow.seqs} distinct of ${invRow.n}; ${invRow.bad_numbers} badly formatted`,
      );
      check(
        `${tag}: PPN ${site.billing?.pkp ? '12% × DPP 11/12 on every invoice' : 'zero (non-PKP)'}`,
        (site.billing?.pkp ? n(invRow.pkp) === n(invRow.n) : n(invRow.pkp) === 0) &&
          n(invRow.ppn_wrong_pkp) === 0 &&
          n(invRow.ppn_wrong_non_pkp) === 0,
        `${invRow.ppn_wrong_pkp} / ${invRow.ppn_wrong_non_pkp} off`,
      );
      const packRow = await one(
        `select coalesce(sum(minutes_used), 0) as used, count(*) filter (where minutes_used > 0) as touched,
           count(*) as n from hour_packs where site_id = $1`,
      );
      check(
        `${tag}: pack minutes debited = pack minutes on charges`,
        n(packRow.used) === n(ch.pack_minutes),
        `${int(n(packRow.used))} min debited from ${packRow.touched} of ${packRow.n} packs; ${int(n(ch.pack_minutes))} on ${ch.from_pack} charges`,
      );
      const capRow = await one(
        `select count(*) as n from (
           select c.subsidy_id, c.member_org_id, sum(c.subsidised_minutes) as m, sum(c.subsidy) as a,
             max(s.max_minutes_per_month) as mm, max(s.max_amount_per_month) as ma
           from charges c join subsidies s on s.id = c.subsidy_id
           where c.site_id = $1 group by c.subsidy_id, c.member_org_id, date_trunc('month', c.usage_date)) x
         where (mm is not null and m > mm) or (ma is not null and a > ma)`,
      );
      // Digest of what the run wrote (ids are seeded deterministically): the same data seeded
      // twice must give the same digest, whichever implementation runs.
      digests.push(
        `${tag} ${(
          await one(
            `
          select md5(
            coalesce((select string_agg(concat_ws('|', i.number, i.member_org_id, i.period_from,
                i.period_to, i.issued_on, i.due_on, i.subtotal, i.subsidies, i.net, i.dpp, i.ppn, i.total,
                i.seller::text, i.buyer::text,
                (select string_agg(concat_ws(',', l.description, l.quantity, l.unit, l.unit_price,
                  l.gross, l.subsidy, l.net), ';' order by l.description, l.quantity, l.gross,
                  l.subsidy, l.net) from invoice_lines l where l.invoice_id = i.id)),
              E'\n' order by i.number) from invoices i
              where i.site_id = $1 and i.period_to = $2::date), '')
            || coalesce((select string_agg(concat_ws('|', c.booking_id, c.kind, c.usage_date,
                c.description, c.quantity, c.unit, c.unit_price, c.gross, c.subsidy, c.subsidy_id,
                c.subsidised_minutes, c.pack_id, c.pack_minutes, c.net, c.taxable),
              E'\n' order by c.booking_id, c.kind) from charges c
              where c.site_id = $1 and c.usage_date >= $3::date), '')
            || coalesce((select string_agg(h.id || '=' || h.minutes_used, ',' order by h.id)
              from hour_packs h where h.site_id = $1), '')) as n`,
            month.day(month.days),
            month.day(1),
          )
        ).n!.slice(0, 16)}`,
      );
      check(
        `${tag}: subsidy caps per member and month respected`,
        n(capRow.n) === 0,
        `${ch.subsidised} subsidised usage charges; ${capRow.n} (member, subsidy) over a cap`,
      );
    }
    rows.push([
      '**total**',
      `${int(totals.bookings)} (${int(totals.completed)} completed)`,
      withPreview ? s2(totals.previewMs) : '—',
      `**${s2(totals.issueMs)}**`,
      `${int(totals.created)} (${int(totals.chargeRows)} rows)`,
      `**${int(totals.created / (totals.issueMs / 1000))}**`,
      int(totals.invoices),
      `${int(totals.statements)} (${(totals.statements / totals.bookings).toFixed(1)})`,
      `${s2(totals.nodeCpu)} / ${Number.isFinite(totals.pgCpu) ? s2(totals.pgCpu) : '—'}`,
      mib(totals.rssPeak),
    ]);
    check(
      'completed bookings charged in total = completed bookings seeded',
      totals.completed === BOOKINGS,
    );

    // Where the time of the real runs goes: statements by shape. -------------------------------
    const ranked = [...allStatements.entries()].sort((a, b) => b[1].ms - a[1].ms);
    const sqlMs = ranked.reduce((a, [, s]) => a + s.ms, 0);
    hot = [
      `Statements of the ${sites.length} real runs (dryRun false) by shape, measured at the pg client (round trip included): ${int(totals.statements)} statements, ${s2(sqlMs)} s of ${s2(totals.issueMs)} s wall; the rest is JavaScript between statements.`,
      '',
      `| statement | count | per booking | total s | mean ms | ${firstSite?.code ?? ''}: mean ms of the first → last 1,000 |`,
      '|---|---|---|---|---|---|',
      ...ranked.slice(0, 12).map(([k, s]) => {
        const times = firstSite?.statements.get(k)?.times ?? [];
        const w = Math.min(1000, Math.floor(times.length / 2));
        const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
        const trend =
          w >= 10
            ? `${mean(times.slice(0, w)).toFixed(3)} → ${mean(times.slice(-w)).toFixed(3)}`
            : '—';
        return `| \`${k.length > 110 ? `${k.slice(0, 107)}…` : k}\` | ${int(s.n)} | ${(s.n / totals.bookings).toFixed(2)} | ${s2(s.ms)} | ${(s.ms / s.n).toFixed(3)} | ${trend} |`;
      }),
      '',
      'Table scans during the real runs (pg_stat_user_tables): sequential scans are full passes over a table, one per row they are sent for when they come from a per-row statement.',
      '',
      '| table | seq scans | rows read by seq scans | index scans |',
      '|---|---|---|---|',
      ...[...scans.entries()]
        .filter(([, v]) => v.seq + v.idx > 0)
        .sort((a, b) => b[1].read - a[1].read)
        .map(([rel, v]) => `| ${rel} | ${int(v.seq)} | ${int(v.read)} | ${int(v.idx)} |`),
    ];
  } finally {
    await database.close();
    if (!keep) await admin.query(`drop database if exists ${name} with (force)`);
    else console.log(`kept database ${name}`);
    await admin.end();
  }

  const cpu = os.cpus();
  const failed = checks.filter((c) => !c.ok);
  const report = [
    `Billing benchmark${quick ? ' (--quick smoke run)' : ''} — invoicing ${month.ym}, run ${now.toISOString()}`,
    `Machine: ${cpu.length} cores (${cpu[0]?.model.trim() ?? 'unknown CPU'}), ${Math.round(os.totalmem() / 2 ** 30)} GiB, Node ${process.version}, PostgreSQL ${pgVersion} (same host); one connection`,
    '',
    '| site | bookings | preview s | issue s | charges created | charges/s | invoices issued | SQL statements (per booking) | CPU s node / PG backend | peak RSS |',
    '|---|---|---|---|---|---|---|---|---|---|',
    ...rows.map((r) => `| ${r.join(' | ')} |`),
    '',
    ...notes.map((n) => `- ${n}`),
    `- Load average (1 min) before each site's runs, on ${os.cpus().length} cores (other work on the machine slows the figures): ${loads.join(', ')}.`,
    `- The run's answer (what POST /api/sites/:id/invoicing-runs returns, preview or not: every invoice with all its lines) as JSON: ${answers.join(', ')}.`,
    `- Digest of what was written per site (invoices, lines, charges, packs; equal across runs of the same seed): ${digests.join(', ')}.`,
    `- Preview = runInvoicing(dryRun true), rolled back, run just before the real run at the same site; issue = runInvoicing(dryRun false). "charges created" is the run's chargesCreated (usage, no-show and late-cancel charges with a fee); rows adds operator fees and zero-fee cancellation records. Peak RSS: this process, sampled every 20 ms during the runs (${mib(rssBefore)} before the first run; whole process, seeding included: ${mib(process.resourceUsage().maxRSS * 1024)}).`,
    '',
    ...hot,
    '',
    `Checks: ${checks.length - failed.length} of ${checks.length} passed.`,
    '',
    ...checks.map(
      (c) => `- ${c.ok ? 'PASS' : 'FAIL'} ${c.what}${c.detail ? ` — ${c.detail}` : ''}`,
    ),
    '',
  ].join('\n');
  mkdirSync(join(root, 'bench/results'), { recursive: true });
  const file = join(
    root,
    'bench/results',
    `billing-${quick ? 'quick-' : ''}${new Date().toISOString().replace(/[:.]/g, '-')}.md`,
  );
  writeFileSync(file, report);
  console.log(report);
  console.log(`written to ${file}`);
  if (failed.length) process.exitCode = 1;
}

await main();
