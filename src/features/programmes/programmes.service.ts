/**
 * Use cases of programmes and investments. Administrators create and change them; programme
 * officers read theirs (system-wide officers all). Realisation is never stored: it is the sum
 * of the programme's investments, and an investment may not push it above the budget.
 */
import type { Actor, ServiceContext } from '../../server/context.js';
import type { Executor } from '../../server/db/connect.js';
import { decodeCursor, toPage } from '../../server/db/pagination.js';
import { recordAudit } from '../audit/audit.service.js';
import type {
  CreateInvestmentRequest,
  FundingSource,
  Investment,
  Programme,
  UpdateProgrammeRequest,
} from './programmes.contract.js';
import { programmesError } from './programmes.errors.js';
import * as repo from './programmes.repository.js';
import { exceedsBudget, programmeVisibility, realisationSummary } from './programmes.js';

type UserCtx = ServiceContext & { actor: Actor };
const rupiah = (n: number) => n.toLocaleString('id-ID');

function toProgramme(r: repo.ProgrammeRow): Programme {
  const budget = Number(r.budget);
  return {
    id: r.id,
    code: r.code,
    name: r.name,
    fundingSource: r.funding_source,
    year: r.year,
    budget,
    ...realisationSummary(budget, Number(r.realisation)),
    description: r.description,
    investmentCount: r.investment_count,
    clusterCount: r.cluster_count,
    updatedAt: r.updated_at.toISOString(),
  };
}

const toInvestment = (r: repo.InvestmentRow): Investment => ({
  id: r.id,
  programmeId: r.programme_id,
  kind: r.kind,
  description: r.description,
  amount: Number(r.amount),
  investedOn: r.invested_on,
  siteId: r.site_id,
  siteName: r.site_name,
  machineId: r.machine_id,
  machineName: r.machine_name,
  createdAt: r.created_at.toISOString(),
});

export async function browseProgrammes(
  db: Executor,
  actor: Actor,
  input: {
    year?: number | undefined;
    fundingSource?: FundingSource | undefined;
    q?: string | undefined;
    cursor?: string | undefined;
    limit: number;
  },
) {
  const key = decodeCursor(input.cursor, 2);
  const rows = await repo.listProgrammes(
    db,
    programmeVisibility(actor),
    input,
    key ? { year: Number(key[0]), code: String(key[1]) } : null,
    input.limit,
  );
  const page = toPage(rows, input.limit, (r) => [r.year, r.code]);
  return { nextCursor: page.nextCursor, items: page.items.map(toProgramme) };
}

async function visibleProgramme(db: Executor, id: string, actor: Actor) {
  const row = await repo.findProgramme(db, id, programmeVisibility(actor));
  if (!row) throw programmesError('programme_not_found');
  return row;
}

export const getProgramme = async (db: Executor, id: string, actor: Actor) =>
  toProgramme(await visibleProgramme(db, id, actor));

export async function createProgramme(
  trx: Executor,
  input: repo.ProgrammeValues,
  ctx: UserCtx,
): Promise<Programme> {
  if (await repo.codeTaken(trx, input.code))
    throw programmesError('programme_code_taken', { code: input.code });
  const { id } = await repo.insertProgramme(trx, input, ctx.now);
  const programme = await getProgramme(trx, id, ctx.actor);
  await recordAudit(trx, ctx, {
    action: 'programme.create',
    entityType: 'programme',
    entityId: id,
    after: programme,
  });
  return programme;
}

export async function updateProgramme(
  trx: Executor,
  id: string,
  input: UpdateProgrammeRequest,
  ctx: UserCtx,
): Promise<Programme> {
  await repo.lockProgramme(trx, id);
  const before = toProgramme(await visibleProgramme(trx, id, ctx.actor));
  const next: repo.ProgrammeValues = {
    code: input.code ?? before.code,
    name: input.name ?? before.name,
    fundingSource: input.fundingSource ?? before.fundingSource,
    year: input.year ?? before.year,
    budget: input.budget ?? before.budget,
    description: input.description !== undefined ? input.description : before.description,
  };
  if (next.code !== before.code && (await repo.codeTaken(trx, next.code, id)))
    throw programmesError('programme_code_taken', { code: next.code });
  if (next.budget < before.realisation)
    throw programmesError('budget_below_realisation', {
      realisation: before.realisation,
      realisationText: rupiah(before.realisation),
    });
  await repo.updateProgramme(trx, id, next, ctx.now);
  const after = await getProgramme(trx, id, ctx.actor);
  await recordAudit(trx, ctx, {
    action: 'programme.update',
    entityType: 'programme',
    entityId: id,
    before,
    after,
  });
  return after;
}

export async function browseInvestments(
  db: Executor,
  programmeId: string,
  actor: Actor,
  input: { cursor?: string | undefined; limit: number },
) {
  const p = await visibleProgramme(db, programmeId, actor);
  const key = decodeCursor(input.cursor, 2);
  const rows = await repo.listInvestments(
    db,
    p.id,
    key ? { on: String(key[0]), id: String(key[1]) } : null,
    input.limit,
  );
  const page = toPage(rows, input.limit, (r) => [r.invested_on, r.id]);
  return { nextCursor: page.nextCursor, items: page.items.map(toInvestment) };
}

export async function addInvestment(
  trx: Executor,
  programmeId: string,
  input: CreateInvestmentRequest,
  ctx: UserCtx,
): Promise<{ investment: Investment; programme: Programme }> {
  await repo.lockProgramme(trx, programmeId);
  const before = toProgramme(await visibleProgramme(trx, programmeId, ctx.actor));
  let siteId = input.siteId;
  if (input.machineId) {
    if (input.kind !== 'machine') throw programmesError('investment_machine_kind');
    const m = await repo.machineSite(trx, input.machineId);
    if (!m) throw programmesError('investment_machine_not_found', { machineId: input.machineId });
    if (siteId && siteId !== m.site_id) throw programmesError('investment_site_mismatch');
    siteId = m.site_id;
  } else if (siteId && !(await repo.siteExists(trx, siteId))) {
    throw programmesError('investment_site_not_found', { siteId });
  }
  if (exceedsBudget(before.budget, before.realisation, input.amount))
    throw programmesError('investment_exceeds_budget', {
      amount: input.amount,
      remaining: before.remaining,
      amountText: rupiah(input.amount),
      remainingText: rupiah(before.remaining),
    });
  const { id } = await repo.insertInvestment(trx, {
    programmeId: before.id,
    kind: input.kind,
    description: input.description,
    amount: input.amount,
    investedOn: input.investedOn,
    siteId,
    machineId: input.machineId,
    createdBy: ctx.actor.userId,
    now: ctx.now,
  });
  const investment = toInvestment(await repo.findInvestment(trx, id));
  await recordAudit(trx, ctx, {
    action: 'programme.investment_add',
    entityType: 'programme',
    entityId: before.id,
    after: investment,
  });
  return { investment, programme: await getProgramme(trx, before.id, ctx.actor) };
}
