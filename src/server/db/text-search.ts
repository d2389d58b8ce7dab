/**
 * Typo-tolerant name search over a text column with a trigram index (`gin_trgm_ops`): a row
 * matches on a substring (ILIKE) or when each word of the text is a fuzzy word match
 * (`word <% column`: pg_trgm word similarity at or above `pg_trgm.word_similarity_threshold`,
 * 0.6 by default — "nilan harun" finds "Nilam Harum"). The GIN index serves both operators.
 *
 * Substring hits come first, by name; then typo matches by word similarity, best first. The
 * rank is rounded to four places, as `numeric`, so that it is an exact keyset for cursor
 * pagination: (rank desc, name, id).
 */
import { sql, type RawBuilder } from 'kysely';

/** Escapes LIKE wildcards so user text matches literally. */
export const escapeLike = (q: string) => q.replace(/[\\%_]/g, (c) => `\\${c}`);

/** At most this many words of a search text are matched one by one. */
const MAX_WORDS = 8;

/** `column` (a reference like "o.name") contains `q` as typed, case-insensitively. */
export const textContains = (column: string, q: string): RawBuilder<boolean> =>
  sql<boolean>`(${sql.ref(column)} ilike ${`%${escapeLike(q)}%`})`;

/**
 * Every word of `q` is close to a part of `column` (`word <% column`). Word by word because a
 * typo in each of two words pulls the whole text below the threshold ("nilan harun" to "Nilam
 * Harum": 0.57) while each word stays close (0.67).
 */
export function textFuzzy(column: string, q: string): RawBuilder<boolean> {
  const col = sql.ref(column);
  const words = q.trim().split(/\s+/).filter(Boolean).slice(0, MAX_WORDS);
  return words.length
    ? sql<boolean>`(${sql.join(
        words.map((w) => sql`${w} <% ${col}`),
        sql` and `,
      )})`
    : sql<boolean>`false`;
}

/**
 * The rank that hits containing the text carry: above any similarity (0–1), so they come first
 * and, among themselves, by name — ranking thousands of substring hits by similarity would cost
 * more than the search (a 3-letter fragment matches 15% of 50,000 names).
 */
export const CONTAINS_RANK = '2';

/**
 * A ranked search page in two steps, each served by an index: first the rows that contain the
 * text (by name, rank `CONTAINS_RANK`), then — only if the page is not full — the typo matches
 * that do not, by similarity. `run` reads one step with at most `take` rows after the cursor.
 */
export async function rankedSearch<R>(
  limit: number,
  after: { rank?: string | undefined } | null,
  run: (step: 'contains' | 'fuzzy', take: number) => Promise<R[]>,
): Promise<R[]> {
  const rows: R[] = [];
  if (!after || after.rank === CONTAINS_RANK) {
    rows.push(...(await run('contains', limit + 1)));
    if (rows.length > limit) return rows;
  }
  rows.push(...(await run('fuzzy', limit + 1 - rows.length)));
  return rows;
}

/** The rank of a hit: word similarity of `q` to `column`, 0–1, as numeric text ("0.8333"). */
export const textRank = (column: string, q: string): RawBuilder<string> =>
  sql<string>`round(word_similarity(${q}, ${sql.ref(column)})::numeric, 4)`;

/** Rows after a cursor in the order (rank desc, name, id). */
export const afterRanked = (
  column: string,
  q: string,
  idColumn: string,
  after: { rank: string; name: string; id: string },
): RawBuilder<boolean> => {
  const rank = textRank(column, q);
  const name = sql.ref(column);
  const id = sql.ref(idColumn);
  return sql<boolean>`(${rank} < ${after.rank}::numeric or (${rank} = ${after.rank}::numeric
    and (${name} > ${after.name} or (${name} = ${after.name} and ${id} > ${after.id}))))`;
};
