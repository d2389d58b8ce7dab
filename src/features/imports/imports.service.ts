/**
 * Importing and exporting members (organisations) as XLSX or CSV. A preview lists every bad
 * cell; an import applies either every row or none (`all_or_nothing`), or only the valid rows
 * (`valid_only`), in the caller's one transaction, with an audit row per record.
 */
import { randomUUID } from 'node:crypto';
import type { Actor, ServiceContext } from '../../server/context.js';
import type { FieldCipher } from '../../server/crypto/field-cipher.js';
import type { Executor } from '../../server/db/connect.js';
import { readTable, writeCsv, writeXlsx } from '../../server/tabular/tabular.js';
import { recordAudits } from '../audit/audit.service.js';
import { LEGAL_FORMS } from '../organisations/organisations.contract.js';
import { sitesError } from '../sites/sites.errors.js';
import { openOwnerNik, siteExists, sizeRules } from '../organisations/organisations.repository.js';
import {
  effectiveDate,
  maskNik,
  organisationScope,
  seesOwnerNik,
  sizeClass,
  thresholdsOn,
} from '../organisations/organisations.js';
import { browseEquipment, createMachine } from '../equipment/equipment.service.js';
import { canManageSite, sitePowers } from '../sites/sites.js';
import { importsError } from './imports.errors.js';
import * as repo from './imports.repository.js';
import {
  EQUIPMENT_COLUMNS,
  equipmentRow,
  parseEquipmentRow,
  type EquipmentRecord,
  MEMBER_COLUMNS,
  memberRow,
  parseMemberRow,
  type ImportStrategy,
  type MemberRecord,
  type RowProblem,
} from './imports.js';

type UserCtx = ServiceContext & { actor: Actor };

export interface UploadedFile {
  bytes: Uint8Array;
  filename: string;
}

export interface MemberCheck {
  totalRows: number;
  records: MemberRecord[];
  problems: RowProblem[];
}

/** Where the imported members go: site staff must name one of their sites. */
async function targetSite(db: Executor, actor: Actor, siteId: string | undefined) {
  const scope = organisationScope(actor.grants);
  if (!scope.writeAll) {
    if (!siteId) throw importsError('import_site_required');
    if (!scope.siteIds.includes(siteId)) throw sitesError('site_not_found');
  }
  if (siteId && !(await siteExists(db, siteId))) throw sitesError('site_not_found');
  return siteId ?? null;
}

/** Reads and checks a members file without writing anything. */
export async function checkMembers(
  db: Executor,
  file: UploadedFile,
  ctx: UserCtx,
): Promise<MemberCheck> {
  const table = await readTable(file.bytes, file.filename, MEMBER_COLUMNS);
  const knownKbli = await repo.knownKbli(db);
  const thisYear = Number(effectiveDate(ctx.now).slice(0, 4));
  const records: MemberRecord[] = [];
  const problems: RowProblem[] = [];
  table.rows.forEach((row, i) => {
    const parsed = parseMemberRow(row, i + 2, { legalForms: LEGAL_FORMS, knownKbli, thisYear });
    if ('problems' in parsed) problems.push(...parsed.problems);
    else records.push(parsed.record);
  });
  // Across rows: a NIB twice in the file, or already registered.
  const firstRowOf = new Map<string, number>();
  const duplicates = new Set<MemberRecord>();
  for (const r of records) {
    const nib = r.values.nib;
    if (!nib) continue;
    const first = firstRowOf.get(nib);
    if (first === undefined) firstRowOf.set(nib, r.row);
    else {
      problems.push({
        row: r.row,
        column: 'nib',
        code: 'import_duplicate_in_file',
        params: { firstRow: first },
      });
      duplicates.add(r);
    }
  }
  const taken = await repo.existingNibs(db, [...firstRowOf.keys()]);
  const valid = records.filter((r) => {
    if (duplicates.has(r)) return false;
    if (r.values.nib && taken.has(r.values.nib)) {
      problems.push({ row: r.row, column: 'nib', code: 'nib_taken' });
      return false;
    }
    return true;
  });
  problems.sort(
    (a, b) =>
      a.row - b.row ||
      MEMBER_COLUMNS.indexOf(a.column as never) - MEMBER_COLUMNS.indexOf(b.column as never),
  );
  return { totalRows: table.rows.length, records: valid, problems };
}

const invalidRowCount = (c: MemberCheck) => new Set(c.problems.map((p) => p.row)).size;

export async function previewMembers(
  db: Executor,
  file: UploadedFile,
  input: { siteId?: string | undefined },
  ctx: UserCtx,
) {
  await targetSite(db, ctx.actor, input.siteId);
  const check = await checkMembers(db, file, ctx);
  return {
    totalRows: check.totalRows,
    validRows: check.records.length,
    invalidRows: invalidRowCount(check),
    problems: check.problems,
  };
}

export async function importMembers(
  trx: Executor,
  file: UploadedFile,
  input: { siteId?: string | undefined; strategy: ImportStrategy },
  ctx: UserCtx,
  cipher: FieldCipher,
) {
  const siteId = await targetSite(trx, ctx.actor, input.siteId);
  const check = await checkMembers(trx, file, ctx);
  const summary = {
    totalRows: check.totalRows,
    validRows: check.records.length,
    invalidRows: invalidRowCount(check),
    problems: check.problems,
  };
  if (check.problems.length > 0 && input.strategy === 'all_or_nothing')
    return { ...summary, applied: false, imported: 0 };

  const today = effectiveDate(ctx.now);
  const rules = thresholdsOn(await sizeRules(trx), today);
  const members = check.records.map((r) => {
    const cls =
      r.financial && rules
        ? sizeClass({ capital: r.financial.capital, annualSales: r.financial.annualSales }, rules)
        : null;
    return { record: r, id: randomUUID(), cls };
  });
  await repo.insertMembers(
    trx,
    members.map((m) => ({
      id: m.id,
      kind: m.record.kind,
      name: m.record.name,
      values: m.record.values,
      sizeClass: m.cls?.sizeClass ?? null,
    })),
    ctx.now,
    cipher,
  );
  if (siteId)
    await repo.insertSiteMembers(
      trx,
      siteId,
      members.map((m) => m.id),
      today,
    );
  await repo.insertKbli(
    trx,
    members.flatMap((m) => m.record.kbli.map((code) => ({ organisation_id: m.id, code }))),
    ctx.now,
  );
  await repo.insertFinancials(
    trx,
    members.flatMap((m) =>
      m.record.financial
        ? [
            {
              organisation_id: m.id,
              year: m.record.financial.year,
              capital: m.record.financial.capital,
              annual_sales: m.record.financial.annualSales,
              workers: m.record.financial.workers,
            },
          ]
        : [],
    ),
    ctx.now,
  );
  await repo.insertSizeClassChanges(
    trx,
    members.flatMap((m) =>
      m.cls && rules && m.record.financial
        ? [
            {
              organisation_id: m.id,
              to_class: m.cls.sizeClass,
              rule: rules.rule,
              basis: m.cls.basis,
              financial_year: m.record.financial.year,
              effective_on: today,
            },
          ]
        : [],
    ),
    ctx.now,
  );
  await recordAudits(
    trx,
    ctx,
    members.map((m) => ({
      action: 'organisation.create',
      entityType: 'organisation',
      entityId: m.id,
      after: {
        ...m.record.values,
        ...(m.record.values.owner_nik ? { owner_nik: maskNik(m.record.values.owner_nik) } : {}),
        kind: m.record.kind,
        name: m.record.name,
        kbli: m.record.kbli,
        financial: m.record.financial,
        siteId,
        source: `import:${file.filename}:row ${m.record.row}`,
      },
    })),
  );
  return { ...summary, applied: true, imported: members.length };
}

/** Members the actor may read, with their latest financial year; NIKs masked as in the UI. */
export async function exportMembers(
  db: Executor,
  input: { format: 'xlsx' | 'csv'; siteId?: string | undefined; kind?: string | undefined },
  actor: Actor,
  cipher: FieldCipher,
) {
  const scope = organisationScope(actor.grants);
  const rows = await repo.membersForExport(db, scope, input);
  const data = rows.map(({ owner_nik_enc, ...r }) => {
    const nik = openOwnerNik(cipher, owner_nik_enc);
    return memberRow({
      ...r,
      kbli: r.kbli ?? [],
      owner_nik: nik && !seesOwnerNik(scope, r.id) ? maskNik(nik) : nik,
    });
  });
  const bytes =
    input.format === 'csv'
      ? writeCsv(MEMBER_COLUMNS, data)
      : await writeXlsx('Anggota', MEMBER_COLUMNS, data);
  return {
    bytes,
    contentType:
      input.format === 'csv'
        ? 'text/csv; charset=utf-8'
        : 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  };
}

// Equipment ------------------------------------------------------------------------------------

interface EquipmentCheck {
  totalRows: number;
  records: (EquipmentRecord & { siteId: string; fundingProgrammeId: string | null })[];
  problems: RowProblem[];
}

/** Reads and checks an equipment file: each row's site must be one the actor manages. */
export async function checkEquipment(
  db: Executor,
  file: UploadedFile,
  ctx: UserCtx,
): Promise<EquipmentCheck> {
  const table = await readTable(file.bytes, file.filename, EQUIPMENT_COLUMNS);
  const parsed = table.rows.map((row, i) => parseEquipmentRow(row, i + 2));
  const problems: RowProblem[] = parsed.flatMap((p) => ('problems' in p ? p.problems : []));
  const records = parsed.flatMap((p) => ('record' in p ? [p.record] : []));
  const powers = sitePowers(ctx.actor);
  const sites = new Map(
    (await repo.sitesByCode(db, [...new Set(records.map((r) => r.siteCode))]))
      .filter((s) => canManageSite(powers, s.id))
      .map((s) => [s.code, s.id]),
  );
  const programmes = new Map((await repo.programmeCodes(db)).map((p) => [p.code, p.id]));
  const taken = await repo.takenMachineCodes(db, [...sites.values()]);
  const firstRowOf = new Map<string, number>();
  const valid: EquipmentCheck['records'] = [];
  for (const r of records) {
    const siteId = sites.get(r.siteCode);
    const programmeId = r.programmeCode ? programmes.get(r.programmeCode) : null;
    const before = problems.length;
    if (!siteId)
      problems.push({
        row: r.row,
        column: 'kode_situs',
        code: 'import_site_unknown',
        params: { code: r.siteCode },
      });
    if (programmeId === undefined)
      problems.push({
        row: r.row,
        column: 'kode_program',
        code: 'import_programme_unknown',
        params: { code: r.programmeCode! },
      });
    if (siteId) {
      const key = `${siteId}/${r.machine.code}`;
      const first = firstRowOf.get(key);
      if (first !== undefined)
        problems.push({
          row: r.row,
          column: 'kode',
          code: 'import_duplicate_in_file',
          params: { firstRow: first },
        });
      else if (taken.has(key))
        problems.push({
          row: r.row,
          column: 'kode',
          code: 'machine_code_taken',
          params: { code: r.machine.code },
        });
      else firstRowOf.set(key, r.row);
    }
    if (problems.length === before)
      valid.push({ ...r, siteId: siteId!, fundingProgrammeId: programmeId ?? null });
  }
  problems.sort(
    (a, b) =>
      a.row - b.row ||
      EQUIPMENT_COLUMNS.indexOf(a.column as never) - EQUIPMENT_COLUMNS.indexOf(b.column as never),
  );
  return { totalRows: table.rows.length, records: valid, problems };
}

const rowsWithProblems = (problems: RowProblem[]) => new Set(problems.map((p) => p.row)).size;

export async function previewEquipment(db: Executor, file: UploadedFile, ctx: UserCtx) {
  const check = await checkEquipment(db, file, ctx);
  return {
    totalRows: check.totalRows,
    validRows: check.records.length,
    invalidRows: rowsWithProblems(check.problems),
    problems: check.problems,
  };
}

/** Machines are few per site: each goes through the same use case as the form (audit, history). */
export async function importEquipment(
  trx: Executor,
  file: UploadedFile,
  input: { strategy: ImportStrategy },
  ctx: UserCtx,
) {
  const check = await checkEquipment(trx, file, ctx);
  const summary = {
    totalRows: check.totalRows,
    validRows: check.records.length,
    invalidRows: rowsWithProblems(check.problems),
    problems: check.problems,
  };
  if (check.problems.length > 0 && input.strategy === 'all_or_nothing')
    return { ...summary, applied: false, imported: 0 };
  for (const r of check.records) {
    await createMachine(
      trx,
      r.siteId,
      { ...r.machine, fundingProgrammeId: r.fundingProgrammeId },
      ctx,
    );
  }
  return { ...summary, applied: true, imported: check.records.length };
}

/** Every machine the actor may read (optionally of one site), in the import columns. */
export async function exportEquipment(
  db: Executor,
  input: { format: 'xlsx' | 'csv'; siteId?: string | undefined },
  actor: Actor,
) {
  const programmeCode = new Map((await repo.programmeCodes(db)).map((p) => [p.id, p.code]));
  const rows: Record<string, string>[] = [];
  let cursor: string | undefined;
  do {
    const page = await browseEquipment(db, actor, {
      limit: 200,
      cursor,
      ...(input.siteId ? { siteId: input.siteId } : {}),
    });
    for (const m of page.items)
      rows.push(
        equipmentRow({
          ...m,
          programmeCode: m.fundingProgrammeId
            ? (programmeCode.get(m.fundingProgrammeId) ?? null)
            : null,
        }),
      );
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
  const bytes =
    input.format === 'csv'
      ? writeCsv(EQUIPMENT_COLUMNS, rows)
      : await writeXlsx('Peralatan', EQUIPMENT_COLUMNS, rows);
  return {
    bytes,
    contentType:
      input.format === 'csv'
        ? 'text/csv; charset=utf-8'
        : 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  };
}
