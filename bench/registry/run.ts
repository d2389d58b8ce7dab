/**
 * Registry benchmark (issue 3 targets, on PostgreSQL):
 *  - importing 10,000 member rows from XLSX and from CSV through the import use case
 *    (parse, validate every cell, check NIBs, bulk insert with an audit row each) — target < 10 s;
 *  - trigram search over 50,000 organisations through the list use case, as an administrator
 *    and as a site manager (scoped) — target p95 < 50 ms.
 *
 *   npx tsx bench/registry/run.ts [--server postgres://postgres@127.0.0.1:5432/postgres]
 *                                 [--rows 10000] [--orgs 50000] [--searches 200] [--keep]
 *                                 [--formats xlsx,csv]
 *
 * Creates a scratch database on the server, migrates it, measures, and drops it (unless --keep).
 * Writes a Markdown table to bench/results/ and prints it.
 */
import { randomBytes } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { performance } from 'node:perf_hooks';
import os from 'node:os';
import { sql } from 'kysely';
import pg from 'pg';
import { createUser, findActorByEmail } from '../../src/features/accounts/accounts.service.js';
import { MEMBER_COLUMNS } from '../../src/features/imports/imports.js';
import { importMembers } from '../../src/features/imports/imports.service.js';
import { browseOrganisations } from '../../src/features/organisations/organisations.service.js';
import { openDatabase } from '../../src/server/db/connect.js';
import { migrate } from '../../src/server/db/migrate.js';
import { writeCsv, writeXlsx } from '../../src/server/tabular/tabular.js';
import { createFieldCipher } from '../../src/server/crypto/field-cipher.js';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const arg = (name: string, fallback: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1]! : fallback;
};
const server = arg('server', 'postgres://postgres@127.0.0.1:5432/postgres');
const ROWS = Number(arg('rows', '10000'));
const ORGS = Number(arg('orgs', '50000'));
const SEARCHES = Number(arg('searches', '200'));
const keep = process.argv.includes('--keep');
const FORMATS = arg('formats', 'xlsx,csv').split(',') as ('xlsx' | 'csv')[];

// A small deterministic PRNG, so every run searches the same terms.
let seed = 42;
const rand = () => (seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff;
const pick = <T>(xs: readonly T[]) => xs[Math.floor(rand() * xs.length)]!;

const FORMS = ['CV', 'UD', 'PT', 'Koperasi', 'Kelompok Tani', 'KUB', 'Toko'];
const WORDS = [
  'Nilam',
  'Harum',
  'Kakao',
  'Lestari',
  'Makmur',
  'Sejahtera',
  'Jaya',
  'Abadi',
  'Mandiri',
  'Atsiri',
  'Rotan',
  'Bambu',
  'Garam',
  'Kelapa',
  'Kopi',
  'Cokelat',
  'Sentosa',
  'Berkah',
  'Sumber',
  'Rezeki',
  'Tani',
  'Nusa',
  'Bahari',
  'Mulia',
];
const PLACES = [
  'Tamiang',
  'Jembrana',
  'Negara',
  'Kaliakah',
  'Pangkep',
  'Sukoharjo',
  'Garut',
  'Sragen',
  'Minahasa',
  'Kupang',
  'Sleman',
  'Tanah Laut',
];
const orgName = () => `${pick(FORMS)} ${pick(WORDS)} ${pick(WORDS)} ${pick(PLACES)}`;

function percentile(sorted: number[], p: number) {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

async function main() {
  const name = `rpb_bench_${Date.now().toString(36)}`;
  const admin = new pg.Client({ connectionString: server });
  await admin.connect();
  await admin.query(`create database ${name}`);
  const url = new URL(server);
  url.pathname = `/${name}`;
  const database = await openDatabase({ kind: 'postgres', url: url.toString() });
  const results: string[][] = [];
  try {
    await migrate(database.pool);
    const db = database.db;
    const now = new Date();
    const programme = await db
      .insertInto('programmes')
      .values({ code: 'B', name: 'Bench', funding_source: 'apbn_tp', year: 2025, budget: 0 })
      .returning('id')
      .executeTakeFirstOrThrow();
    const cluster = await db
      .insertInto('clusters')
      .values({
        programme_id: programme.id,
        name: 'C',
        commodity: 'Kakao',
        province: 'Bali',
        regency: 'Jembrana',
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const site = await db
      .insertInto('sites')
      .values({
        cluster_id: cluster.id,
        code: 'B-1',
        name: 'Bench site',
        province: 'Bali',
        regency: 'Jembrana',
        time_zone: 'Asia/Makassar',
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await createUser(
      db,
      {
        email: 'bench@example.test',
        name: 'Bench',
        password: 'bench-bench-bench',
        locale: 'id',
        grants: [{ role: 'administrator', scopeType: 'system', scopeId: null }],
      },
      { actor: null, now },
    );
    await createUser(
      db,
      {
        email: 'mgr@example.test',
        name: 'Mgr',
        password: 'bench-bench-bench',
        locale: 'id',
        grants: [{ role: 'site_manager', scopeType: 'site', scopeId: site.id }],
      },
      { actor: null, now },
    );
    const actor = (await findActorByEmail(db, 'bench@example.test', 'cli'))!;
    const manager = (await findActorByEmail(db, 'mgr@example.test', 'cli'))!;

    // 1. Imports ---------------------------------------------------------------------------
    for (const format of FORMATS) {
      const base = format === 'xlsx' ? 9130000000000 : 9140000000000;
      const rows = Array.from({ length: ROWS }, (_, i) => ({
        nama: `${orgName()} ${i}`,
        jenis: 'umkm',
        bentuk_usaha: pick(['cv', 'perorangan', 'koperasi']),
        nib: String(base + i),
        npwp: '',
        provinsi: 'Bali',
        kabupaten_kota: 'Kabupaten Jembrana',
        telepon: `0812${String(10_000_000 + i).slice(0, 8)}`,
        kbli: i % 3 === 0 ? '10731' : '',
        tahun: '2025',
        modal_usaha: String(25_000_000 + i * 1000),
        omzet_tahunan: String(150_000_000 + i * 5000),
        tenaga_kerja: String(1 + (i % 20)),
      }));
      const bytes =
        format === 'xlsx'
          ? await writeXlsx('Anggota', MEMBER_COLUMNS, rows)
          : writeCsv(MEMBER_COLUMNS, rows);
      const t0 = performance.now();
      const result = await db
        .transaction()
        .execute((trx) =>
          importMembers(
            trx,
            { bytes, filename: `members.${format}` },
            { siteId: site.id, strategy: 'all_or_nothing' },
            { actor, now },
            createFieldCipher(randomBytes(32)),
          ),
        );
      const ms = performance.now() - t0;
      if (!result.applied || result.imported !== ROWS)
        throw new Error(`import failed: ${JSON.stringify(result).slice(0, 500)}`);
      results.push([
        `import ${ROWS.toLocaleString('en')} members (${format.toUpperCase()}, ${(bytes.byteLength / 1024 / 1024).toFixed(1)} MB)`,
        `${(ms / 1000).toFixed(2)} s`,
        '< 10 s',
        ms < 10_000 ? 'yes' : 'NO',
      ]);
    }

    // 2. Search ----------------------------------------------------------------------------
    const existing = Number(
      (await sql<{ n: string }>`select count(*) as n from organisations`.execute(db)).rows[0]!.n,
    );
    const missing = Math.max(0, ORGS - existing);
    for (let i = 0; i < missing; i += 5000) {
      const batch = Array.from({ length: Math.min(5000, missing - i) }, (_, j) => ({
        kind: 'umkm' as const,
        name: `${orgName()} ${i + j}`,
        province: pick(['Bali', 'Aceh', 'Jawa Tengah']),
      }));
      const ids = await db.insertInto('organisations').values(batch).returning('id').execute();
      // A tenth of them are members of the bench site, so the scoped search has work to do.
      const members = ids
        .filter((_, k) => k % 10 === 0)
        .map((r) => ({ site_id: site.id, organisation_id: r.id }));
      if (members.length) await db.insertInto('site_members').values(members).execute();
    }
    await sql`analyze`.execute(db);
    const total = Number(
      (await sql<{ n: string }>`select count(*) as n from organisations`.execute(db)).rows[0]!.n,
    );
    // A fragment of a common word (substring hits), or two whole words with one letter
    // changed in each (no substring hit: only the typo-tolerant step finds them).
    const fragment = () => {
      const word = pick(WORDS).toLowerCase();
      const start = Math.floor(rand() * Math.max(1, word.length - 3));
      return word.slice(start, start + 3 + Math.floor(rand() * 3));
    };
    const typo = () =>
      [pick(WORDS), pick(WORDS)]
        .map((w) => {
          const at = 1 + Math.floor(rand() * (w.length - 1));
          return `${w.slice(0, at)}${w[at] === 'x' ? 'y' : 'x'}${w.slice(at + 1)}`.toLowerCase();
        })
        .join(' ');
    for (const [label, who, text] of [
      ['administrator', actor, fragment],
      ['site manager (scoped)', manager, fragment],
      ['administrator, two words with a typo in each', actor, typo],
    ] as const) {
      const times: number[] = [];
      for (let i = 0; i < SEARCHES; i++) {
        const q = text();
        const t0 = performance.now();
        await browseOrganisations(db, who, { q, limit: 50 } as never);
        times.push(performance.now() - t0);
      }
      times.sort((a, b) => a - b);
      const p95 = percentile(times, 95);
      results.push([
        `search ${total.toLocaleString('en')} organisations as ${label}: p50 / p95 / p99 of ${SEARCHES}`,
        `${percentile(times, 50).toFixed(1)} / ${p95.toFixed(1)} / ${percentile(times, 99).toFixed(1)} ms`,
        'p95 < 50 ms',
        p95 < 50 ? 'yes' : 'NO',
      ]);
    }
  } finally {
    await database.close();
    if (!keep) await admin.query(`drop database if exists ${name} with (force)`);
    await admin.end();
  }

  const pgVersion = await (async () => {
    const c = new pg.Client({ connectionString: server });
    await c.connect();
    const v = (await c.query<{ server_version: string }>('show server_version')).rows[0]!
      .server_version;
    await c.end();
    return v;
  })();
  const table = [
    `Registry benchmark — PostgreSQL ${pgVersion}, ${os.cpus().length} cores, Node ${process.version}, ${new Date().toISOString()}`,
    '',
    '| what | measured | target | met |',
    '|---|---|---|---|',
    ...results.map((r) => `| ${r.join(' | ')} |`),
    '',
  ].join('\n');
  mkdirSync(join(root, 'bench/results'), { recursive: true });
  const file = join(
    root,
    'bench/results',
    `registry-${new Date().toISOString().replace(/[:.]/g, '-')}.md`,
  );
  writeFileSync(file, table);
  console.log(table);
  console.log(`written to ${file}`);
}

await main();
