/** Applies pending migrations in order, each in its own transaction, recording what ran. */
import type pg from 'pg';
import { migrations as all, type Migration } from './migrations/index.js';

export async function migrate(pool: pg.Pool, list: readonly Migration[] = all): Promise<string[]> {
  const client = await pool.connect();
  try {
    await client.query(`create table if not exists rpb_migrations (
      name text primary key, applied_at timestamptz not null default now())`);
    // Serialise concurrent starters (several app processes on one server).
    await client.query('begin');
    await client.query('lock table rpb_migrations in exclusive mode');
    const done = new Set(
      (await client.query<{ name: string }>('select name from rpb_migrations')).rows.map(
        (r) => r.name,
      ),
    );
    await client.query('commit');
    const applied: string[] = [];
    for (const m of list) {
      if (done.has(m.name)) continue;
      await client.query('begin');
      try {
        await client.query('lock table rpb_migrations in exclusive mode');
        const again = await client.query('select 1 from rpb_migrations where name = $1', [m.name]);
        if (again.rowCount === 0) {
          await client.query(m.up);
          await client.query('insert into rpb_migrations (name) values ($1)', [m.name]);
          applied.push(m.name);
        }
        await client.query('commit');
      } catch (err) {
        await client.query('rollback');
        throw new Error(`migration ${m.name} failed: ${(err as Error).message}`, { cause: err });
      }
    }
    return applied;
  } finally {
    client.release();
  }
}
