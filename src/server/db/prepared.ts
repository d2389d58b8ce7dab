/**
 * Named prepared statements for the hottest fixed statements. PostgreSQL parses, analyses and
 * plans every unnamed statement it is sent; a statement prepared under a name on a connection is
 * parsed once there and its plan is kept (`pg` sends Parse only the first time a connection sees
 * the name). A statement opts in by starting with `PREPARED` — so only text that is the same
 * for every call (its inputs in parameters, e.g. one jsonb or array parameter for many rows)
 * may carry it: each distinct marked text becomes one more statement kept on every connection.
 *
 * The name is derived from the text, so two texts never share one. Works the same on a
 * PostgreSQL server and on PGlite (both are reached through `pg`).
 */
import { createHash } from 'node:crypto';
import type pg from 'pg';

/** The first words of a marked statement: sql`${sql.raw(PREPARED)} select …` (plain `${PREPARED}` would be a parameter). */
export const PREPARED = '/* prepared */';

const names = new Map<string, string>();

/** The statement's name on every connection: a digest of its text. */
export function statementName(text: string): string {
  let name = names.get(text);
  if (name === undefined) {
    name = `rpb_${createHash('sha256').update(text).digest('hex').slice(0, 24)}`;
    names.set(text, name);
  }
  return name;
}

type Query = (config: unknown, values?: unknown, callback?: unknown) => unknown;

/** Makes the pool's clients send `PREPARED` statements as named ones. */
export function prepareMarkedStatements(pool: pg.Pool): void {
  pool.on('connect', (client) => {
    const query = client.query.bind(client) as Query;
    const marked: Query = (config, values, callback) =>
      typeof config === 'string' && config.startsWith(PREPARED)
        ? query({ name: statementName(config), text: config, values }, callback)
        : query(config, values, callback);
    client.query = marked as typeof client.query;
  });
}
