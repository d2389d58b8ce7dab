/** SQL of money: settings, rates, tariffs, items, subsidies, packs, charges, invoices, payments. */
import { sql, type Insertable } from 'kysely';
import { afterKey } from '../../server/db/pagination.js';
import type { Executor } from '../../server/db/connect.js';
import { idsOrNone } from '../../server/db/scope.js';
import type { DB } from '../../server/db/schema.js';

// Sites, members, machines ---------------------------------------------------------------------

export const siteOf = (db: Executor, id: string) =>
  db
    .selectFrom('sites as s')
    .innerJoin('clusters as c', 'c.id', 's.cluster_id')
    .leftJoin('organisations as op', 'op.id', 's.operator_org_id')
    .select([
      's.id',
      's.code',
      's.name',
      's.time_zone',
      's.address',
      'c.programme_id',
      'op.name as operator_name',
      'op.npwp as operator_npwp',
    ])
    .where('s.id', '=', id)
    .executeTakeFirst();

export const memberOf = (db: Executor, id: string) =>
  db
    .selectFrom('organisations')
    .select(['id', 'name', 'npwp', 'address', 'size_class', 'email'])
    .where('id', '=', id)
    .executeTakeFirst();

export const isSiteMember = async (db: Executor, siteId: string, orgId: string) =>
  !!(await db
    .selectFrom('site_members')
    .select('site_id')
    .where('site_id', '=', siteId)
    .where('organisation_id', '=', orgId)
    .executeTakeFirst());

/** Sites where any of these organisations is a member. */
export const sitesOfMembers = async (db: Executor, orgIds: readonly string[]) =>
  orgIds.length === 0
    ? []
    : (
        await db
          .selectFrom('site_members')
          .select('site_id')
          .where('organisation_id', 'in', orgIds)
          .execute()
      ).map((r) => r.site_id);

export const sitesOfProgrammes = async (db: Executor, programmeIds: readonly string[]) =>
  programmeIds.length === 0
    ? []
    : (
        await db
          .selectFrom('sites as s')
          .innerJoin('clusters as c', 'c.id', 's.cluster_id')
          .select('s.id')
          .where('c.programme_id', 'in', programmeIds)
          .execute()
      ).map((r) => r.id);

export const machineOf = (db: Executor, id: string) =>
  db
    .selectFrom('machines')
    .select(['id', 'site_id', 'name', 'code', 'hourly_rate', 'batch_rate'])
    .where('id', '=', id)
    .executeTakeFirst();

export const memberUsers = (db: Executor, orgId: string) =>
  db
    .selectFrom('role_grants as g')
    .innerJoin('users as u', 'u.id', 'g.user_id')
    .select(['u.id', 'u.email', 'u.locale'])
    .where('g.organisation_id', '=', orgId)
    .where('g.role', '=', 'umkm_member')
    .where('u.disabled_at', 'is', null)
    .execute();

// Settings and PPN -----------------------------------------------------------------------------

export const settingsOf = (db: Executor, siteId: string) =>
  db
    .selectFrom('site_billing_settings')
    .selectAll()
    .where('site_id', '=', siteId)
    .executeTakeFirst();

export const upsertSettings = (db: Executor, row: Insertable<DB['site_billing_settings']>) =>
  db
    .insertInto('site_billing_settings')
    .values(row)
    .onConflict((oc) => oc.column('site_id').doUpdateSet({ ...row }))
    .execute();

export const ppnRates = (db: Executor) =>
  db
    .selectFrom('ppn_rates')
    .select([
      sql<string>`to_char(valid_from, 'YYYY-MM-DD')`.as('valid_from'),
      'rate_bp',
      'dpp_numerator',
      'dpp_denominator',
      'source',
    ])
    .orderBy('valid_from')
    .execute();

export const insertPpnRate = (db: Executor, row: Insertable<DB['ppn_rates']>) =>
  db.insertInto('ppn_rates').values(row).execute();

// Tariffs and items ----------------------------------------------------------------------------

const dateCols = (t: string) =>
  [
    sql<string>`to_char(${sql.ref(`${t}.valid_from`)}, 'YYYY-MM-DD')`.as('valid_from'),
    sql<string | null>`to_char(${sql.ref(`${t}.valid_to`)}, 'YYYY-MM-DD')`.as('valid_to'),
  ] as const;

export const tariffsOf = (db: Executor, machineIds: readonly string[]) =>
  machineIds.length === 0
    ? Promise.resolve([])
    : db
        .selectFrom('tariffs as t')
        .select([
          't.id',
          't.machine_id',
          't.basis',
          't.customer_class',
          't.unit_price',
          't.operator_fee_per_hour',
          't.created_at',
          ...dateCols('t'),
        ])
        .where('t.machine_id', 'in', machineIds)
        .orderBy('t.basis')
        .orderBy('t.customer_class')
        .orderBy('t.valid_from')
        .execute();

export const findTariff = (db: Executor, id: string) =>
  db
    .selectFrom('tariffs as t')
    .select(['t.id', 't.machine_id', 't.basis', 't.customer_class', ...dateCols('t')])
    .where('t.id', '=', id)
    .executeTakeFirst();

export const insertTariff = async (db: Executor, row: Insertable<DB['tariffs']>) =>
  (await db.insertInto('tariffs').values(row).returning('id').executeTakeFirstOrThrow()).id;

export const endTariff = (db: Executor, id: string, validTo: string) =>
  db.updateTable('tariffs').set({ valid_to: validTo }).where('id', '=', id).execute();

export const deleteTariff = (db: Executor, id: string) =>
  db.deleteFrom('tariffs').where('id', '=', id).execute();

export const itemsOf = (db: Executor, siteId: string) =>
  db
    .selectFrom('priced_items as i')
    .select([
      'i.id',
      'i.site_id',
      'i.code',
      'i.name',
      'i.unit',
      'i.unit_price',
      'i.taxable',
      ...dateCols('i'),
    ])
    .where('i.site_id', '=', siteId)
    .orderBy('i.code')
    .orderBy('i.valid_from')
    .execute();

export const findItem = (db: Executor, id: string) =>
  db
    .selectFrom('priced_items as i')
    .select([
      'i.id',
      'i.site_id',
      'i.code',
      'i.name',
      'i.unit',
      'i.unit_price',
      'i.taxable',
      ...dateCols('i'),
    ])
    .where('i.id', '=', id)
    .executeTakeFirst();

export const insertItem = async (db: Executor, row: Insertable<DB['priced_items']>) =>
  (await db.insertInto('priced_items').values(row).returning('id').executeTakeFirstOrThrow()).id;

// Subsidies and packs --------------------------------------------------------------------------

const subsidies = (db: Executor) =>
  db
    .selectFrom('subsidies as s')
    .innerJoin('programmes as p', 'p.id', 's.programme_id')
    .select([
      's.id',
      's.programme_id',
      'p.name as programme_name',
      's.site_id',
      's.name',
      's.percent',
      's.classes',
      's.max_minutes_per_month',
      's.max_amount_per_month',
      ...dateCols('s'),
    ]);

export const listSubsidies = (db: Executor, programmeIds: readonly string[] | null) => {
  let q = subsidies(db);
  if (programmeIds) q = q.where('s.programme_id', 'in', idsOrNone(programmeIds));
  return q.orderBy('s.valid_from', 'desc').orderBy('s.name').execute();
};

export const findSubsidy = (db: Executor, id: string) =>
  subsidies(db).where('s.id', '=', id).executeTakeFirst();

/** Subsidies a site's use may draw on: its programme's, for all its sites or for this one. */
export const subsidiesForSite = (db: Executor, programmeId: string, siteId: string) =>
  subsidies(db)
    .where('s.programme_id', '=', programmeId)
    .where((eb) => eb.or([eb('s.site_id', 'is', null), eb('s.site_id', '=', siteId)]))
    .orderBy('s.percent', 'desc')
    .execute();

export const insertSubsidy = async (db: Executor, row: Insertable<DB['subsidies']>) =>
  (await db.insertInto('subsidies').values(row).returning('id').executeTakeFirstOrThrow()).id;

/** What a member drew from a subsidy in a month (minutes and Rupiah). */
export const subsidyUsed = async (
  db: Executor,
  subsidyId: string,
  orgId: string,
  monthStart: string,
  monthEnd: string,
) => {
  const r = await db
    .selectFrom('charges')
    .select([
      sql<string>`coalesce(sum(subsidised_minutes), 0)`.as('minutes'),
      sql<string>`coalesce(sum(subsidy), 0)`.as('amount'),
    ])
    .where('subsidy_id', '=', subsidyId)
    .where('member_org_id', '=', orgId)
    .where('usage_date', '>=', monthStart)
    .where('usage_date', '<=', monthEnd)
    .executeTakeFirstOrThrow();
  return { minutes: BigInt(r.minutes), amount: BigInt(r.amount) };
};

const packs = (db: Executor) =>
  db
    .selectFrom('hour_packs as h')
    .innerJoin('organisations as o', 'o.id', 'h.member_org_id')
    .leftJoin('machines as m', 'm.id', 'h.machine_id')
    .select([
      'h.id',
      'h.site_id',
      'h.member_org_id',
      'o.name as member_name',
      'h.machine_id',
      'm.name as machine_name',
      'h.name',
      'h.minutes_total',
      'h.minutes_used',
      'h.price',
      sql<string>`to_char(h.valid_from, 'YYYY-MM-DD')`.as('valid_from'),
      sql<string>`to_char(h.valid_to, 'YYYY-MM-DD')`.as('valid_to'),
    ]);

export const listPacks = (
  db: Executor,
  siteIds: readonly string[] | null,
  orgIds: readonly string[] | null,
) => {
  let q = packs(db);
  if (siteIds) q = q.where('h.site_id', 'in', idsOrNone(siteIds));
  if (orgIds) q = q.where('h.member_org_id', 'in', idsOrNone(orgIds));
  return q.orderBy('h.valid_to', 'desc').limit(500).execute();
};

export const findPack = (db: Executor, id: string) =>
  packs(db).where('h.id', '=', id).executeTakeFirst();

/** Packs that could pay for a member's use of a machine (locked: they are about to be debited). */
export const packsFor = (db: Executor, siteId: string, orgId: string, machineId: string) =>
  db
    .selectFrom('hour_packs')
    .select([
      'id',
      'minutes_total',
      'minutes_used',
      sql<string>`to_char(valid_from, 'YYYY-MM-DD')`.as('valid_from'),
      sql<string>`to_char(valid_to, 'YYYY-MM-DD')`.as('valid_to'),
    ])
    .where('site_id', '=', siteId)
    .where('member_org_id', '=', orgId)
    .where((eb) => eb.or([eb('machine_id', 'is', null), eb('machine_id', '=', machineId)]))
    .where(sql<boolean>`minutes_used < minutes_total`)
    .forUpdate()
    .execute();

export const insertPack = async (db: Executor, row: Insertable<DB['hour_packs']>) =>
  (await db.insertInto('hour_packs').values(row).returning('id').executeTakeFirstOrThrow()).id;

export const debitPack = (db: Executor, id: string, minutes: number) =>
  db
    .updateTable('hour_packs')
    .set((eb) => ({ minutes_used: eb('minutes_used', '+', minutes) }))
    .where('id', '=', id)
    .execute();

// Bookings to charge ---------------------------------------------------------------------------

/**
 * Bookings at a site before `until` that may owe something and have no charge of that kind
 * yet: completed use, no-shows, and cancellations by the member's own users (not by staff, an
 * outage or a declined wait-list offer).
 */
export const bookingsToCharge = (db: Executor, siteId: string, until: Date) =>
  db
    .selectFrom('bookings as b')
    .innerJoin('machines as m', 'm.id', 'b.machine_id')
    .leftJoin('machine_booking_rules as r', 'r.machine_id', 'b.machine_id')
    .select([
      'b.id',
      'b.machine_id',
      'm.name as machine_name',
      'm.code as machine_code',
      'b.member_org_id',
      'b.status',
      'b.mode',
      'b.starts_at',
      'b.ends_at',
      'b.checked_in_at',
      'b.checked_out_at',
      'b.cancelled_at',
      'r.slot_minutes',
    ])
    .where('m.site_id', '=', siteId)
    .where('b.kind', '=', 'booking')
    .where('b.starts_at', '<', until)
    .where((eb) =>
      eb.or([
        eb('b.status', '=', 'completed'),
        eb('b.status', '=', 'no_show'),
        eb.and([
          eb('b.status', '=', 'cancelled'),
          eb('b.displaced_by_outage_id', 'is', null),
          eb('b.booked_by_label', '!=', 'wait list'),
          eb.exists(
            eb
              .selectFrom('role_grants as g')
              .select('g.id')
              .whereRef('g.user_id', '=', 'b.cancelled_by')
              .whereRef('g.organisation_id', '=', 'b.member_org_id')
              .where('g.role', '=', 'umkm_member'),
          ),
        ]),
      ]),
    )
    .where(({ not, exists, selectFrom }) =>
      not(
        exists(
          selectFrom('charges as ch')
            .select('ch.id')
            .whereRef('ch.booking_id', '=', 'b.id')
            .where('ch.kind', 'in', ['usage', 'no_show', 'late_cancel']),
        ),
      ),
    )
    // starts_at then id: the same order on every database, so capped subsidies split the same
    // way in a preview and in the run after it.
    .orderBy('b.starts_at')
    .orderBy('b.id')
    .execute();

// Charges --------------------------------------------------------------------------------------

/** Inserts a charge unless the booking already has one of this kind (concurrent runs). */
export const insertCharge = async (db: Executor, row: Insertable<DB['charges']>) =>
  (
    await db
      .insertInto('charges')
      .values(row)
      .onConflict((oc) =>
        oc.columns(['booking_id', 'kind']).where('booking_id', 'is not', null).doNothing(),
      )
      .returning('id')
      .executeTakeFirst()
  )?.id ?? null;

const charges = (db: Executor) =>
  db
    .selectFrom('charges as c')
    .innerJoin('organisations as o', 'o.id', 'c.member_org_id')
    .leftJoin('machines as m', 'm.id', 'c.machine_id')
    .selectAll('c')
    .select([
      'o.name as member_name',
      'm.name as machine_name',
      sql<string>`to_char(c.usage_date, 'YYYY-MM-DD')`.as('usage_day'),
    ]);
export type ChargeRow = Awaited<ReturnType<typeof openCharges>>[number];

/** Uninvoiced charges of a site up to a date, locked for invoicing. */
export const openCharges = (db: Executor, siteId: string, until: string) =>
  charges(db)
    .where('c.site_id', '=', siteId)
    .where('c.invoice_id', 'is', null)
    .where('c.usage_date', '<=', until)
    .orderBy('c.member_org_id')
    .orderBy('c.usage_date')
    .orderBy('c.created_at')
    .orderBy('c.id')
    .forUpdate('c')
    .execute();

export const listCharges = (
  db: Executor,
  f: {
    siteIds: readonly string[] | null;
    orgIds: readonly string[] | null;
    siteId?: string;
    memberOrgId?: string;
    from?: string;
    to?: string;
    uninvoiced?: boolean;
  },
  after: { date: string; id: string } | null,
  limit: number,
) => {
  let q = charges(db);
  if (f.siteIds) q = q.where('c.site_id', 'in', idsOrNone(f.siteIds));
  if (f.orgIds) q = q.where('c.member_org_id', 'in', idsOrNone(f.orgIds));
  if (f.siteId) q = q.where('c.site_id', '=', f.siteId);
  if (f.memberOrgId) q = q.where('c.member_org_id', '=', f.memberOrgId);
  if (f.from) q = q.where('c.usage_date', '>=', f.from);
  if (f.to) q = q.where('c.usage_date', '<=', f.to);
  if (f.uninvoiced) q = q.where('c.invoice_id', 'is', null);
  if (after) q = q.where(afterKey(['c.usage_date', 'c.id'], [after.date, after.id], 'desc'));
  return q
    .orderBy('c.usage_date', 'desc')
    .orderBy('c.id', 'desc')
    .limit(limit + 1)
    .execute();
};

export const findCharge = (db: Executor, id: string) =>
  charges(db).where('c.id', '=', id).executeTakeFirst();

export const attachCharge = (db: Executor, id: string, invoiceId: string, lineId: string) =>
  db
    .updateTable('charges')
    .set({ invoice_id: invoiceId, invoice_line_id: lineId })
    .where('id', '=', id)
    .execute();

// Invoices -------------------------------------------------------------------------------------

/** Next number of a site's year and kind; the row lock holds until the transaction ends. */
export const nextSeq = async (
  db: Executor,
  siteId: string,
  year: number,
  kind: 'invoice' | 'credit_note',
) =>
  (
    await db
      .insertInto('invoice_counters')
      .values({ site_id: siteId, year, kind, last_seq: 1 })
      .onConflict((oc) =>
        oc.columns(['site_id', 'year', 'kind']).doUpdateSet((eb) => ({
          last_seq: eb('invoice_counters.last_seq', '+', 1),
        })),
      )
      .returning('last_seq')
      .executeTakeFirstOrThrow()
  ).last_seq;

export const insertInvoice = async (db: Executor, row: Insertable<DB['invoices']>) =>
  (await db.insertInto('invoices').values(row).returning('id').executeTakeFirstOrThrow()).id;

export const insertLine = async (db: Executor, row: Insertable<DB['invoice_lines']>) =>
  (await db.insertInto('invoice_lines').values(row).returning('id').executeTakeFirstOrThrow()).id;

const invoices = (db: Executor) =>
  db
    .selectFrom('invoices as i')
    .innerJoin('sites as s', 's.id', 'i.site_id')
    .innerJoin('organisations as o', 'o.id', 'i.member_org_id')
    .selectAll('i')
    .select([
      's.code as site_code',
      's.time_zone',
      'o.name as member_name',
      sql<string>`to_char(i.issued_on, 'YYYY-MM-DD')`.as('issued_day'),
      sql<string>`to_char(i.due_on, 'YYYY-MM-DD')`.as('due_day'),
      sql<string | null>`to_char(i.period_from, 'YYYY-MM-DD')`.as('period_from_day'),
      sql<string | null>`to_char(i.period_to, 'YYYY-MM-DD')`.as('period_to_day'),
      sql<string>`coalesce((select sum(a.amount) from payment_allocations a where a.invoice_id = i.id), 0)`.as(
        'paid',
      ),
      sql<string>`coalesce((select sum(cn.total) from invoices cn where cn.credited_invoice_id = i.id), 0)`.as(
        'credited',
      ),
      sql<
        string | null
      >`(select cn.id from invoices cn where cn.credited_invoice_id = i.id limit 1)`.as(
        'credit_note_id',
      ),
    ]);
export type InvoiceRow = Awaited<ReturnType<typeof findInvoice>> & object;

export const findInvoice = (db: Executor, id: string) =>
  invoices(db).where('i.id', '=', id).executeTakeFirst();

export const findInvoices = (db: Executor, ids: readonly string[]) =>
  ids.length === 0
    ? Promise.resolve([])
    : invoices(db).where('i.id', 'in', ids).orderBy('i.number').execute();

export const lockInvoice = (db: Executor, id: string) =>
  db.selectFrom('invoices').select('id').where('id', '=', id).forUpdate().executeTakeFirst();

export const linesOf = (db: Executor, invoiceIds: readonly string[]) =>
  invoiceIds.length === 0
    ? Promise.resolve([])
    : db
        .selectFrom('invoice_lines')
        .selectAll()
        .where('invoice_id', 'in', invoiceIds)
        .orderBy('invoice_id')
        .orderBy('position')
        .execute();

export interface InvoiceFilter {
  siteIds: readonly string[] | null;
  orgIds: readonly string[] | null;
  siteId?: string;
  memberOrgId?: string;
  from?: string;
  to?: string;
  status?: 'open' | 'overdue' | 'paid' | 'credited' | 'credit_note';
  today: string;
}

const outstandingSql = sql`(i.total
  - coalesce((select sum(a.amount) from payment_allocations a where a.invoice_id = i.id), 0)
  - coalesce((select sum(cn.total) from invoices cn where cn.credited_invoice_id = i.id), 0))`;

export const listInvoices = (
  db: Executor,
  f: InvoiceFilter,
  after: { issued: string; number: string } | null,
  limit: number,
) => {
  let q = invoices(db);
  if (f.siteIds) q = q.where('i.site_id', 'in', idsOrNone(f.siteIds));
  if (f.orgIds) q = q.where('i.member_org_id', 'in', idsOrNone(f.orgIds));
  if (f.siteId) q = q.where('i.site_id', '=', f.siteId);
  if (f.memberOrgId) q = q.where('i.member_org_id', '=', f.memberOrgId);
  if (f.from) q = q.where('i.issued_on', '>=', f.from);
  if (f.to) q = q.where('i.issued_on', '<=', f.to);
  if (f.status === 'credit_note') q = q.where('i.kind', '=', 'credit_note');
  else if (f.status) {
    q = q.where('i.kind', '=', 'invoice');
    const credited = sql<boolean>`exists (select 1 from invoices cn where cn.credited_invoice_id = i.id)`;
    if (f.status === 'credited') q = q.where(credited);
    else if (f.status === 'paid')
      q = q.where(sql<boolean>`not ${credited} and ${outstandingSql} = 0`);
    else if (f.status === 'overdue')
      q = q.where(sql<boolean>`${outstandingSql} > 0 and i.due_on < ${f.today}::date`);
    else q = q.where(sql<boolean>`${outstandingSql} > 0 and i.due_on >= ${f.today}::date`);
  }
  if (after)
    q = q.where(afterKey(['i.issued_on', 'i.number'], [after.issued, after.number], 'desc'));
  return q
    .orderBy('i.issued_on', 'desc')
    .orderBy('i.number', 'desc')
    .limit(limit + 1)
    .execute();
};

/** Open invoices of a member at a site, oldest first, locked (for allocating a payment). */
export const openInvoicesOf = (db: Executor, siteId: string, orgId: string) =>
  invoices(db)
    .where('i.site_id', '=', siteId)
    .where('i.member_org_id', '=', orgId)
    .where('i.kind', '=', 'invoice')
    .where(sql<boolean>`${outstandingSql} > 0`)
    .orderBy('i.issued_on')
    .orderBy('i.number')
    .forUpdate('i')
    .execute();

/** Invoices past due with something owing (for reminders). */
export const overdueInvoices = (db: Executor, today: string) =>
  invoices(db)
    .where('i.kind', '=', 'invoice')
    .where('i.due_on', '<', today)
    .where(sql<boolean>`${outstandingSql} > 0`)
    .orderBy('i.due_on')
    .limit(5000)
    .execute();

// Payments -------------------------------------------------------------------------------------

export const insertPayment = async (db: Executor, row: Insertable<DB['payments']>) =>
  (await db.insertInto('payments').values(row).returning('id').executeTakeFirstOrThrow()).id;

export const insertAllocation = (db: Executor, row: Insertable<DB['payment_allocations']>) =>
  db.insertInto('payment_allocations').values(row).execute();

const payments = (db: Executor) =>
  db
    .selectFrom('payments as p')
    .innerJoin('organisations as o', 'o.id', 'p.member_org_id')
    .selectAll('p')
    .select([
      'o.name as member_name',
      sql<string>`to_char(p.received_on, 'YYYY-MM-DD')`.as('received_day'),
    ]);

export const findPayment = (db: Executor, id: string) =>
  payments(db).where('p.id', '=', id).executeTakeFirst();

export const listPayments = (
  db: Executor,
  f: {
    siteIds: readonly string[] | null;
    orgIds: readonly string[] | null;
    siteId?: string;
    memberOrgId?: string;
    invoiceId?: string;
    from?: string;
    to?: string;
  },
  after: { date: string; id: string } | null,
  limit: number,
) => {
  let q = payments(db);
  if (f.invoiceId)
    q = q.where(
      'p.id',
      'in',
      db
        .selectFrom('payment_allocations')
        .select('payment_id')
        .where('invoice_id', '=', f.invoiceId),
    );
  if (f.siteIds) q = q.where('p.site_id', 'in', idsOrNone(f.siteIds));
  if (f.orgIds) q = q.where('p.member_org_id', 'in', idsOrNone(f.orgIds));
  if (f.siteId) q = q.where('p.site_id', '=', f.siteId);
  if (f.memberOrgId) q = q.where('p.member_org_id', '=', f.memberOrgId);
  if (f.from) q = q.where('p.received_on', '>=', f.from);
  if (f.to) q = q.where('p.received_on', '<=', f.to);
  if (after) q = q.where(afterKey(['p.received_on', 'p.id'], [after.date, after.id], 'desc'));
  return q
    .orderBy('p.received_on', 'desc')
    .orderBy('p.id', 'desc')
    .limit(limit + 1)
    .execute();
};

export const allocationsOf = (db: Executor, paymentIds: readonly string[]) =>
  paymentIds.length === 0
    ? Promise.resolve([])
    : db
        .selectFrom('payment_allocations as a')
        .innerJoin('invoices as i', 'i.id', 'a.invoice_id')
        .select(['a.payment_id', 'a.invoice_id', 'a.amount', 'i.number'])
        .where('a.payment_id', 'in', paymentIds)
        .orderBy('i.number')
        .execute();

// Statements, claims, revenue ------------------------------------------------------------------

/** A member's documents and payments (optionally at one site) up to a date, oldest first. */
export const ledger = (db: Executor, orgId: string, siteId: string | undefined, to: string) => {
  const inv = db
    .selectFrom('invoices')
    .select([
      sql<string>`to_char(issued_on, 'YYYY-MM-DD')`.as('date'),
      sql<string>`kind`.as('kind'),
      'number as reference',
      'total as amount',
      'created_at',
    ])
    .where('member_org_id', '=', orgId)
    .where('issued_on', '<=', to);
  const pay = db
    .selectFrom('payments')
    .select([
      sql<string>`to_char(received_on, 'YYYY-MM-DD')`.as('date'),
      sql<string>`'payment'`.as('kind'),
      sql<string>`coalesce(reference, method)`.as('reference'),
      'amount',
      'created_at',
    ])
    .where('member_org_id', '=', orgId)
    .where('received_on', '<=', to);
  const a = siteId ? inv.where('site_id', '=', siteId) : inv;
  const b = siteId ? pay.where('site_id', '=', siteId) : pay;
  return a.unionAll(b).orderBy('date').orderBy('created_at').execute();
};

export const claimLines = (db: Executor, subsidyId: string, from: string, to: string) =>
  db
    .selectFrom('charges as c')
    .innerJoin('sites as s', 's.id', 'c.site_id')
    .innerJoin('organisations as o', 'o.id', 'c.member_org_id')
    .leftJoin('machines as m', 'm.id', 'c.machine_id')
    .leftJoin('invoices as i', 'i.id', 'c.invoice_id')
    .select([
      sql<string>`to_char(c.usage_date, 'YYYY-MM-DD')`.as('usage_day'),
      's.code as site_code',
      'o.name as member_name',
      'm.name as machine_name',
      'c.description',
      'c.subsidised_minutes',
      'c.gross',
      'c.subsidy',
      'i.number as invoice_number',
    ])
    .where('c.subsidy_id', '=', subsidyId)
    .where('c.usage_date', '>=', from)
    .where('c.usage_date', '<=', to)
    // Credited invoices are not claimed.
    .where(({ not, exists, selectFrom }) =>
      not(
        exists(
          selectFrom('invoices as cn')
            .select('cn.id')
            .whereRef('cn.credited_invoice_id', '=', 'c.invoice_id'),
        ),
      ),
    )
    .orderBy('c.usage_date')
    .orderBy('o.name')
    .execute();

/** Net revenue and subsidies of invoiced, uncredited charges by month, site and machine. */
export const revenue = (db: Executor, year: number, siteIds: readonly string[] | null) => {
  let q = db
    .selectFrom('charges as c')
    .innerJoin('sites as s', 's.id', 'c.site_id')
    .leftJoin('machines as m', 'm.id', 'c.machine_id')
    .select([
      sql<string>`to_char(c.usage_date, 'YYYY-MM')`.as('month'),
      'c.site_id',
      's.code as site_code',
      'c.machine_id',
      'm.name as machine_name',
      sql<string>`sum(c.net)`.as('net'),
      sql<string>`sum(c.subsidy)`.as('subsidies'),
    ])
    .where('c.invoice_id', 'is not', null)
    .where(({ not, exists, selectFrom }) =>
      not(
        exists(
          selectFrom('invoices as cn')
            .select('cn.id')
            .whereRef('cn.credited_invoice_id', '=', 'c.invoice_id'),
        ),
      ),
    )
    .where('c.usage_date', '>=', `${year}-01-01`)
    .where('c.usage_date', '<=', `${year}-12-31`);
  if (siteIds) q = q.where('c.site_id', 'in', idsOrNone(siteIds));
  return q
    .groupBy(['month', 'c.site_id', 's.code', 'c.machine_id', 'm.name'])
    .orderBy('month')
    .orderBy('s.code')
    .orderBy('m.name')
    .execute();
};

export const lockInvoicing = (db: Executor, siteId: string) =>
  sql`select pg_advisory_xact_lock(hashtextextended(${`rpb.invoicing:${siteId}`}, 0))`.execute(db);
