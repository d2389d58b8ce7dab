/**
 * Typo-tolerant name search over a text column with a trigram index (`gin_trgm_ops`): a row
 * matches on a substring (ILIKE) or when each word of the text is a fuzzy word match
 * (`word <% column`: pg_trgm word similarity at or above `pg_trgm.word_similarity_threshold`,
 * 0.6 by default — "nilan harun" finds "Nilam Harum"). The GIN index serves both operators.
 *
 * Hits rank by word similarity, best first. The rank is rounded to four places, as `numeric`,
 * so that it is an exact keyset for cursor pagination: (rank desc, name, id).
 */
import { sql, type RawBuilder } from 'kysely';

/** Escapes LIKE wildcards so user text matches literally. */
export const escapeLike = (q: string) => q.replace(/[\\%_]/g, (c) => `\\${c}`);

/** At most this many words of a search text are matched one by one. */
const MAX_WORDS = 8;

/**
 * `column` (a reference like "o.name") contains `q`, or every word of `q` is close to a part of
 * it. Word by word because a typo in each of two words pulls the whole text below the threshold
 * ("nilan harun" to "Nilam Harum": 0.57) while each word stays close (0.67).
 */
export function textMatches(column: string, q: string): RawBuilder<boolean> {
  const col = sql.ref(column);
  const words = q.trim().split(/\s+/).filter(Boolean).slice(0, MAX_WORDS);
  const fuzzy = words.length
    ? sql.join(
        words.map((w) => sql`${w} <% ${col}`),
        sql` and `,
      )
    : sql`false`;
  return sql<boolean>`(${col} ilike ${`%${escapeLike(q)}%`} or (${fuzzy}))`;
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
