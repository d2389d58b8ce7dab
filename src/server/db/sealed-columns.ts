/**
 * Every personal-data column stored sealed (src/server/crypto/field-cipher.ts), and the SQL the
 * start-up step needs for any of them: each sealed column has a plain predecessor (kept only
 * until the step has cleared it; a NOT VALID check refuses new plain values), the sealed value
 * and its blind index. The purpose is bound into both (associated data, HMAC input), so a value
 * of one column neither opens nor matches in another.
 *
 * Adding a sealed column: a migration (columns, checks, index; see 0012 and 0015) and one entry
 * in SEALED_COLUMNS — the start-up step (`sealPlainNiks`) and the data-key check then cover it.
 */
import { sql } from 'kysely';
import type { Executor } from './connect.js';

export interface SealedColumn {
  table: 'organisations' | 'people';
  /** The plain column from before the migration that added the sealed one. */
  plain: string;
  enc: string;
  bidx: string;
  /** Bound into the ciphertext and the blind index, e.g. "people.nik". */
  purpose: string;
  /** Names the audit row of the start-up step: `<entity>.<plain>_sealed`. */
  entity: string;
}

/** The owner's NIK of an organisation (migration 0012). */
export const OWNER_NIK_COLUMN: SealedColumn = {
  table: 'organisations',
  plain: 'owner_nik',
  enc: 'owner_nik_enc',
  bidx: 'owner_nik_bidx',
  purpose: 'organisations.owner_nik',
  entity: 'organisation',
};

/** A person's NIK (qualifications; migration 0015). */
export const PERSON_NIK_COLUMN: SealedColumn = {
  table: 'people',
  plain: 'nik',
  enc: 'nik_enc',
  bidx: 'nik_bidx',
  purpose: 'people.nik',
  entity: 'person',
};

export const SEALED_COLUMNS: readonly SealedColumn[] = [OWNER_NIK_COLUMN, PERSON_NIK_COLUMN];

/** Plain values left from before the column was sealed, locked (the start-up step seals them). */
export async function plainValues(
  db: Executor,
  c: SealedColumn,
): Promise<{ id: string; plain: string }[]> {
  const { rows } = await sql<{ id: string; plain: string }>`
    select id, ${sql.ref(c.plain)} as plain from ${sql.table(c.table)}
    where ${sql.ref(c.plain)} is not null
    order by id
    for update`.execute(db);
  return rows;
}

/** Stores sealed values and clears the plain column, 500 rows per statement. */
export async function storeSealed(
  db: Executor,
  c: SealedColumn,
  rows: { id: string; enc: string; bidx: string }[],
): Promise<void> {
  for (let i = 0; i < rows.length; i += 500) {
    const part = rows.slice(i, i + 500);
    const values = sql.join(part.map((r) => sql`(${r.id}::uuid, ${r.enc}, ${r.bidx})`));
    await sql`update ${sql.table(c.table)} t
      set ${sql.ref(c.enc)} = v.enc, ${sql.ref(c.bidx)} = v.bidx, ${sql.ref(c.plain)} = null
      from (values ${values}) as v(id, enc, bidx)
      where t.id = v.id`.execute(db);
  }
}

/** One sealed value (any) of the column, to check at start-up that the data key opens it. */
export async function anySealed(db: Executor, c: SealedColumn): Promise<string | null> {
  const { rows } = await sql<{ enc: string }>`
    select ${sql.ref(c.enc)} as enc from ${sql.table(c.table)}
    where ${sql.ref(c.enc)} is not null
    limit 1`.execute(db);
  return rows[0]?.enc ?? null;
}
