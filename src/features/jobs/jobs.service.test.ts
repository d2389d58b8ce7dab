import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NOW } from '../../../test/app.js';
import { createTestDatabase } from '../../../test/db.js';
import type { Database } from '../../server/db/connect.js';
import type { MailMessage, MailTransport } from '../../server/mail/transport.js';
import { MAX_EMAIL_ATTEMPTS, retryDelayMs } from './jobs.js';
import { browseOutbox, deliverDueEmails, queueEmail } from './jobs.service.js';

let d: Database;
beforeAll(async () => {
  d = await createTestDatabase();
});
afterAll(() => d.close());

function fakeTransport(failFirst = 0) {
  const sent: MailMessage[] = [];
  let failures = failFirst;
  const t: MailTransport = {
    async send(m) {
      if (failures-- > 0) throw new Error('SMTP 421 try later');
      sent.push(m);
    },
    close() {},
  };
  return { t, sent };
}

describe('e-mail outbox', () => {
  it('stores a message only if the surrounding transaction commits', async () => {
    await expect(
      d.db.transaction().execute(async (trx) => {
        await queueEmail(trx, { to: 'lost@example.test', subject: 'never', text: 'x' }, NOW);
        throw new Error('use case failed');
      }),
    ).rejects.toThrow('use case failed');
    const rows = await d.db
      .selectFrom('outbox_messages')
      .select('id')
      .where('to_address', '=', 'lost@example.test')
      .execute();
    expect(rows).toHaveLength(0);
  });

  it('queues a message once per dedupe key', async () => {
    await queueEmail(
      d.db,
      { to: 'once@example.test', subject: 'Pengingat', text: 'x', dedupeKey: 'reminder:42' },
      NOW,
    );
    await queueEmail(
      d.db,
      { to: 'once@example.test', subject: 'Pengingat', text: 'x', dedupeKey: 'reminder:42' },
      NOW,
    );
    const rows = await d.db
      .selectFrom('outbox_messages')
      .select('id')
      .where('to_address', '=', 'once@example.test')
      .execute();
    expect(rows).toHaveLength(1);
  });

  it('delivers due messages, retries a failure later with backoff, and gives up after the last attempt', async () => {
    await d.db.deleteFrom('outbox_messages').execute();
    await queueEmail(d.db, { to: 'retry@example.test', subject: 'Tagihan', text: 'x' }, NOW);
    const flaky = fakeTransport(1);
    expect(await deliverDueEmails(d.db, flaky.t, () => NOW)).toEqual({ sent: 0, failed: 1 });
    // Not due again until the backoff has passed.
    expect(await deliverDueEmails(d.db, flaky.t, () => NOW)).toEqual({ sent: 0, failed: 0 });
    const later = new Date(NOW.getTime() + retryDelayMs(1));
    expect(await deliverDueEmails(d.db, flaky.t, () => later)).toEqual({ sent: 1, failed: 0 });
    expect(flaky.sent.map((m) => m.to)).toEqual(['retry@example.test']);

    await queueEmail(d.db, { to: 'dead@example.test', subject: 'x', text: 'x' }, NOW);
    const broken = fakeTransport(1000);
    let at = NOW;
    for (let i = 1; i <= MAX_EMAIL_ATTEMPTS; i++) {
      await deliverDueEmails(d.db, broken.t, () => at);
      at = new Date(at.getTime() + retryDelayMs(i));
    }
    const page = await browseOutbox(d.db, undefined, 10);
    expect(page.items.find((m) => m.to === 'dead@example.test')).toMatchObject({
      status: 'failed',
      attempts: MAX_EMAIL_ATTEMPTS,
      lastError: 'SMTP 421 try later',
    });
    expect(page.items.find((m) => m.to === 'retry@example.test')).toMatchObject({
      status: 'sent',
      attempts: 2,
    });
  });

  it('never sends one message twice when two workers deliver at the same time', async () => {
    await d.db.deleteFrom('outbox_messages').execute();
    for (let i = 0; i < 10; i++)
      await queueEmail(d.db, { to: `m${i}@example.test`, subject: 's', text: 't' }, NOW);
    const shared = fakeTransport();
    const [x, y] = await Promise.all([
      deliverDueEmails(d.db, shared.t, () => NOW),
      deliverDueEmails(d.db, shared.t, () => NOW),
    ]);
    expect(x.sent + y.sent).toBe(10);
    expect(new Set(shared.sent.map((m) => m.to)).size).toBe(10);
  });
});

describe('retry delay rule', () => {
  it('doubles from one minute and stops growing at six hours', () => {
    expect([1, 2, 3, 4].map(retryDelayMs)).toEqual([60_000, 120_000, 240_000, 480_000]);
    expect(retryDelayMs(30)).toBe(360 * 60_000);
  });
});
