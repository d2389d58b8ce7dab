/** SQL of programmes and investments. */
import { sql } from 'kysely';
import type { Executor } from '../../server/db/connect.js';
import type { FundingSource } from './programmes.contract.js';
import type { ProgrammeVisibility } from './programmes.js';

function programmes(db: Executor) {
  return db
    .selectFrom('programmes as p')
    .select([
      'p.id',
      'p.code',
      'p.name',
      'p.funding_source',
      'p.year',
      'p.budget',
      'p.description',
      'p.updated_at',
      sql<string>`(select coalesce(sum(i.amount), 0)::text from investments i where i.programme_id = p.id)`.as(
        'realisation',
      ),
      sql<number>`(select count(*)::int from investments i where i.programme_id = p.id)`.as(
        'investment_count',
      ),
      sql<number>`(select count(*)::int from clusters c where c.programme_id = p.id)`.as(
        'cluster_count',
      ),
    ]);
}
export type ProgrammeRow = Awaited<
  ReturnType<ReturnType<typeof programmes>['executeTakeFirstOrThrow']>
>;

export async function listProgrammes(
  db: Executor,
  v: ProgrammeVisibility,
  f: {
    year?: number | undefined;
    fundingSource?: FundingSource | undefined;
    q?: string | undefined;
  },
  after: { year: number; code: string } | null,
  limit: number,
) {
  let q = programmes(db)
    .orderBy('p.year', 'desc')
    .orderBy('p.code')
    .limit(limit + 1);
  if (!v.all) q = q.where('p.id', '=', sql<string>`any(${v.ids}::uuid[])`);
  if (f.year) q = q.where('p.year', '=', f.year);
  if (f.fundingSource) q = q.where('p.funding_source', '=', f.fundingSource);
  if (f.q) {
    const like = `%${f.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    q = q.where((eb) => eb.or([eb('p.name', 'ilike', like), eb('p.code', 'ilike', like)]));
  }
  if (after) {
    const a = after;
    q = q.where((eb) =>
      eb.or([
        eb('p.year', '<', a.year),
        eb.and([eb('p.year', '=', a.year), eb('p.code', '>', a.code)]),
      ]),
    );
  }
  return q.execute();
}

export const findProgramme = (db: Executor, id: string, v: ProgrammeVisibility) => {
  let q = programmes(db).where('p.id', '=', id);
  if (!v.all) q = q.where('p.id', '=', sql<string>`any(${v.ids}::uuid[])`);
  return q.executeTakeFirst();
};

/** Locks the programme row so concurrent investments cannot both pass the budget check. */
export const lockProgramme = (db: Executor, id: string) =>
  db.selectFrom('programmes').select('id').where('id', '=', id).forUpdate().executeTakeFirst();

export const codeTaken = async (db: Executor, code: string, exceptId?: string) => {
  let q = db.selectFrom('programmes').select('id').where('code', '=', code);
  if (exceptId) q = q.where('id', '!=', exceptId);
  return !!(await q.executeTakeFirst());
};

export interface ProgrammeValues {
  code: string;
  name: string;
  fundingSource: FundingSource;
  year: number;
  budget: number;
  description: string | null;
}

export const insertProgramme = (db: Executor, p: ProgrammeValues, now: Date) =>
  db
    .insertInto('programmes')
    .values({
      code: p.code,
      name: p.name,
      funding_source: p.fundingSource,
      year: p.year,
      budget: p.budget,
      description: p.description,
      created_at: now,
      updated_at: now,
    })
    .returning('id')
    .executeTakeFirstOrThrow();

export const updateProgramme = (db: Executor, id: string, p: ProgrammeValues, now: Date) =>
  db
    .updateTable('programmes')
    .set({
      code: p.code,
      name: p.name,
      funding_source: p.fundingSource,
      year: p.year,
      budget: p.budget,
      description: p.description,
      updated_at: now,
    })
    .where('id', '=', id)
    .execute();

// Investments --------------------------------------------------------------------------------

function investments(db: Executor) {
  return db
    .selectFrom('investments as i')
    .leftJoin('sites as s', 's.id', 'i.site_id')
    .leftJoin('machines as m', 'm.id', 'i.machine_id')
    .select([
      'i.id',
      'i.programme_id',
      'i.kind',
      'i.description',
      'i.amount',
      sql<string>`i.invested_on::text`.as('invested_on'),
      'i.site_id',
      's.name as site_name',
      'i.machine_id',
      'm.name as machine_name',
      'i.created_at',
    ]);
}
export type InvestmentRow = Awaited<
  ReturnType<ReturnType<typeof investments>['executeTakeFirstOrThrow']>
>;

export async function listInvestments(
  db: Executor,
  programmeId: string,
  after: { on: string; id: string } | null,
  limit: number,
) {
  let q = investments(db)
    .where('i.programme_id', '=', programmeId)
    .orderBy('i.invested_on', 'desc')
    .orderBy('i.id')
    .limit(limit + 1);
  if (after) {
    const a = after;
    q = q.where(
      sql<boolean>`(i.invested_on < ${a.on}::date or (i.invested_on = ${a.on}::date and i.id > ${a.id}::uuid))`,
    );
  }
  return q.execute();
}

export const findInvestment = (db: Executor, id: string) =>
  investments(db).where('i.id', '=', id).executeTakeFirstOrThrow();

export const insertInvestment = (
  db: Executor,
  i: {
    programmeId: string;
    kind: 'machine' | 'building' | 'land' | 'training' | 'other';
    description: string;
    amount: number;
    investedOn: string;
    siteId: string | null;
    machineId: string | null;
    createdBy: string | null;
    now: Date;
  },
) =>
  db
    .insertInto('investments')
    .values({
      programme_id: i.programmeId,
      kind: i.kind,
      description: i.description,
      amount: i.amount,
      invested_on: i.investedOn,
      site_id: i.siteId,
      machine_id: i.machineId,
      created_by: i.createdBy,
      created_at: i.now,
    })
    .returning('id')
    .executeTakeFirstOrThrow();

export const machineSite = (db: Executor, machineId: string) =>
  db
    .selectFrom('machines')
    .select(['id', 'site_id'])
    .where('id', '=', machineId)
    .executeTakeFirst();

export const siteExists = async (db: Executor, siteId: string) =>
  !!(await db.selectFrom('sites').select('id').where('id', '=', siteId).executeTakeFirst());
