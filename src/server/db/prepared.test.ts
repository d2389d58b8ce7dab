import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '../../../test/db.js';
import type { Database } from './connect.js';
import { PREPARED, statementName } from './prepared.js';

let d: Database;
beforeAll(async () => {
  d = await createTestDatabase();
});
afterAll(() => d.close());

const marked = (n: number) =>
  sql<{ doubled: number }>`${sql.raw(PREPARED)} select ${n}::int * 2 as doubled`;
const plain = (n: number) => sql<{ doubled: number }>`select ${n}::int * 2 as doubled`;

/** Names of the statements prepared on the connection that runs this query. */
const preparedHere = async (client: { query: (text: string) => Promise<{ rows: unknown[] }> }) =>
  ((await client.query('select name from pg_prepared_statements')).rows as { name: string }[]).map(
    (r) => r.name,
  );

describe('prepared statements', () => {
  it('sends a marked statement as a named one, prepared once per connection, with its parameters each time', async () => {
    const text = marked(0).compile(d.db).sql;
    expect(text.startsWith(PREPARED)).toBe(true);
    const client = await d.pool.connect();
    try {
      const run = (n: number) => client.query(text, [n]);
      expect((await run(2)).rows).toEqual([{ doubled: 4 }]);
      expect((await run(21)).rows).toEqual([{ doubled: 42 }]);
      const names = await preparedHere(client);
      expect(names.filter((n) => n === statementName(text))).toHaveLength(1);
    } finally {
      client.release();
    }
    // Through Kysely, as repositories run them.
    expect((await marked(5).execute(d.db)).rows).toEqual([{ doubled: 10 }]);
  });

  it('leaves unmarked statements unnamed', async () => {
    const client = await d.pool.connect();
    try {
      const before = await preparedHere(client);
      await client.query(plain(0).compile(d.db).sql, [3]);
      expect(await preparedHere(client)).toEqual(before);
    } finally {
      client.release();
    }
  });

  it('names different texts differently, and the same text alike', () => {
    const a = marked(1).compile(d.db).sql;
    expect(statementName(a)).toBe(statementName(`${a}`));
    expect(statementName(a)).not.toBe(statementName(`${a} `));
    expect(statementName(a)).toMatch(/^rpb_[0-9a-f]{24}$/);
  });
});
