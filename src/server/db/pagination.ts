/** Opaque keyset cursors: the sort key of the last row, base64url-encoded JSON. */
import { sql, type RawBuilder } from 'kysely';
import { DomainError } from '../domain-error.js';

export function encodeCursor(key: readonly (string | number)[]): string {
  return Buffer.from(JSON.stringify(key)).toString('base64url');
}

export function decodeCursor(
  cursor: string | undefined,
  arity: number,
): (string | number)[] | null {
  if (!cursor) return null;
  try {
    const v: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (
      Array.isArray(v) &&
      v.length === arity &&
      v.every((x) => typeof x === 'string' || typeof x === 'number')
    ) {
      return v;
    }
  } catch {
    // fall through
  }
  throw new DomainError('invalid_cursor');
}

/** Given `limit + 1` rows, returns the page and the cursor of its last row (null at the end). */
export function toPage<T>(rows: T[], limit: number, keyOf: (row: T) => (string | number)[]) {
  const items = rows.slice(0, limit);
  const last = items[items.length - 1];
  return { items, nextCursor: rows.length > limit && last ? encodeCursor(keyOf(last)) : null };
}

/**
 * Rows after a keyset cursor in the order (column, tiebreak) ascending or descending, as one
 * row comparison — `(column, tiebreak) > ($1, $2)` — that a btree index on both serves.
 * Both columns must be not null.
 */
export const afterKey = (
  columns: readonly [string, string],
  key: readonly [unknown, unknown],
  order: 'asc' | 'desc',
): RawBuilder<boolean> =>
  sql<boolean>`((${sql.ref(columns[0])}, ${sql.ref(columns[1])}) ${sql.raw(
    order === 'asc' ? '>' : '<',
  )} (${key[0]}, ${key[1]}))`;
