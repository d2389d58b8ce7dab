import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { as, createTestApp, login, type Session, type TestApp } from '../../../test/app.js';
import { makeNetwork, makeUser, PASSWORD } from '../../../test/factories.js';

let t: TestApp;
let a: Awaited<ReturnType<typeof makeNetwork>>;
let b: Awaited<ReturnType<typeof makeNetwork>>;
let admin: Session;
let mgrA: Session;
let mgrB: Session;
let opA: Session;
let officerA: Session;
let buyer: Session;
let dryerA: string; // a machine at site A
let kilnB: string; // a machine at site B

const sessionFor = async (email: string, o: Parameters<typeof makeUser>[1] = {}) => {
  await makeUser(t.database.db, { email, ...o });
  return login(t.app, email, PASSWORD);
};

const PDF = Buffer.concat([
  Buffer.from('%PDF-1.7\n'),
  Buffer.alloc(2000, 0x20),
  Buffer.from('\n%%EOF\n'),
]);
const PNG = Buffer.concat([
  Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
  Buffer.alloc(500, 1),
]);

function multipart(
  fields: Record<string, string>,
  file?: { name: string; type: string; bytes: Buffer },
) {
  const boundary = '----rpbtest' + Math.random().toString(16).slice(2);
  const chunks: Buffer[] = [];
  for (const [k, v] of Object.entries(fields))
    chunks.push(
      Buffer.from(`--${boundary}\r\ncontent-disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`),
    );
  if (file) {
    chunks.push(
      Buffer.from(
        `--${boundary}\r\ncontent-disposition: form-data; name="file"; filename="${file.name}"\r\ncontent-type: ${file.type}\r\n\r\n`,
      ),
      file.bytes,
      Buffer.from('\r\n'),
    );
  }
  chunks.push(Buffer.from(`--${boundary}--\r\n`));
  return {
    payload: Buffer.concat(chunks),
    headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
  };
}

const upload = (
  s: Session,
  url: string,
  fields: Record<string, string>,
  file?: Parameters<typeof multipart>[1],
) => {
  const m = multipart(fields, file);
  return as(t.app, s)({ method: 'POST', url, payload: m.payload, headers: m.headers });
};

const createMachine = async (s: Session, siteId: string, body: Record<string, unknown>) => {
  const res = await as(
    t.app,
    s,
  )({ method: 'POST', url: `/api/sites/${siteId}/equipment`, payload: body });
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as { id: string } & Record<string, unknown>;
};

beforeAll(async () => {
  t = await createTestApp();
  a = await makeNetwork(t.database.db);
  b = await makeNetwork(t.database.db);
  await t.database.db
    .updateTable('sites')
    .set({ region_code: '11.16', province: 'Aceh', time_zone: 'Asia/Jakarta' })
    .where('id', '=', a.siteId)
    .execute();
  admin = await sessionFor('admin@example.test');
  mgrA = await sessionFor('mgr.a@example.test', {
    role: 'site_manager',
    scopeType: 'site',
    scopeId: a.siteId,
  });
  mgrB = await sessionFor('mgr.b@example.test', {
    role: 'site_manager',
    scopeType: 'site',
    scopeId: b.siteId,
  });
  opA = await sessionFor('op.a@example.test', {
    role: 'site_operator',
    scopeType: 'site',
    scopeId: a.siteId,
  });
  officerA = await sessionFor('officer.a@example.test', {
    role: 'programme_officer',
    scopeType: 'programme',
    scopeId: a.programmeId,
  });
  buyer = await sessionFor('buyer@example.test', {
    role: 'buyer',
    scopeType: 'organisation',
    scopeId: b.orgId,
  });
  dryerA = (
    await createMachine(mgrA, a.siteId, {
      code: 'DRY-01',
      name: 'Pengering rak daun nilam',
      capabilities: ['drying'],
      capacity: { value: 300, unit: 'kg', basis: 'per_batch' },
      batchRate: 150_000,
      specs: { power_kw: 7.5, material: 'SS304' },
      acquisitionValue: 96_500_000,
      fundingProgrammeId: a.programmeId,
    })
  ).id;
  kilnB = (
    await createMachine(mgrB, b.siteId, {
      code: 'KLN-01',
      name: 'Kiln kayu',
      capabilities: ['kiln_drying'],
    })
  ).id;
});
afterAll(() => t.close());

const auditOf = (action: string) =>
  t.database.db.selectFrom('audit_log').selectAll().where('action', '=', action).execute();

describe('machines', () => {
  it('creates a machine with capabilities, capacity, rates and specs, with a first history entry and an audit row', async () => {
    const m = (await as(t.app, opA)({ method: 'GET', url: `/api/equipment/${dryerA}` })).json();
    expect(m).toMatchObject({
      code: 'DRY-01',
      capabilities: ['drying'],
      capacity: { value: 300, unit: 'kg', basis: 'per_batch' },
      batchRate: 150_000,
      hourlyRate: null,
      specs: { power_kw: 7.5, material: 'SS304' },
      acquisitionValue: 96_500_000,
      fundingProgrammeId: a.programmeId,
      status: 'active',
    });
    const history = (
      await as(t.app, opA)({ method: 'GET', url: `/api/equipment/${dryerA}/status-history` })
    ).json();
    expect(history.items).toEqual([
      expect.objectContaining({ from: null, to: 'active', by: 'mgr.a@example.test' }),
    ]);
    expect((await auditOf('machine.create')).length).toBe(2);
  });

  it('refuses unknown capabilities and duplicate codes with specific errors, storing nothing', async () => {
    const bad = await as(
      t.app,
      mgrA,
    )({
      method: 'POST',
      url: `/api/sites/${a.siteId}/equipment`,
      payload: { code: 'X-1', name: 'Teleporter', capabilities: ['teleporting'] },
      headers: { 'accept-language': 'en' },
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.details.fields[0]).toMatchObject({
      path: 'capabilities.0',
      code: 'invalid_value',
    });
    const dup = await as(
      t.app,
      mgrA,
    )({
      method: 'POST',
      url: `/api/sites/${a.siteId}/equipment`,
      payload: { code: 'DRY-01', name: 'Another', capabilities: ['drying'] },
    });
    expect(dup.statusCode).toBe(409);
    expect(dup.json().error).toMatchObject({
      code: 'machine_code_taken',
      message: 'Kode mesin DRY-01 sudah dipakai di lokasi ini.',
    });
    const count = await t.database.db
      .selectFrom('machines')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .executeTakeFirstOrThrow();
    expect(Number(count.n)).toBe(2);
  });

  it('updates a machine for its manager; operators, officers and buyers may not', async () => {
    const res = await as(
      t.app,
      mgrA,
    )({
      method: 'PATCH',
      url: `/api/equipment/${dryerA}`,
      payload: {
        capabilities: ['drying', 'sorting'],
        hourlyRate: 40_000,
        capacity: { value: 50, unit: 'kg', basis: 'per_hour' },
      },
    });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({
      capabilities: ['drying', 'sorting'],
      hourlyRate: 40_000,
      batchRate: 150_000,
      capacity: { basis: 'per_hour' },
    });
    for (const s of [opA, officerA, buyer]) {
      const r = await as(
        t.app,
        s,
      )({ method: 'PATCH', url: `/api/equipment/${dryerA}`, payload: { name: 'x' } });
      expect(r.statusCode).toBe(403);
    }
    const audit = await auditOf('machine.update');
    expect(audit).toHaveLength(1);
    expect(audit[0]!.before).toMatchObject({ capabilities: ['drying'] });
  });
});

describe('status changes', () => {
  it('lets an operator take a machine into maintenance and back, writing history and audit', async () => {
    const m = await as(
      t.app,
      opA,
    )({
      method: 'POST',
      url: `/api/equipment/${dryerA}/status`,
      payload: { status: 'maintenance', reason: 'ganti sabuk' },
    });
    expect(m.statusCode).toBe(200);
    expect(m.json().status).toBe('maintenance');
    const same = await as(
      t.app,
      opA,
    )({
      method: 'POST',
      url: `/api/equipment/${dryerA}/status`,
      payload: { status: 'maintenance' },
    });
    expect(same.statusCode).toBe(409);
    expect(same.json().error.code).toBe('status_unchanged');
    const noReason = await as(
      t.app,
      opA,
    )({ method: 'POST', url: `/api/equipment/${dryerA}/status`, payload: { status: 'broken' } });
    expect(noReason.statusCode).toBe(400);
    expect(noReason.json().error.code).toBe('status_reason_required');
    const retire = await as(
      t.app,
      opA,
    )({
      method: 'POST',
      url: `/api/equipment/${dryerA}/status`,
      payload: { status: 'retired', reason: 'tua' },
    });
    expect(retire.statusCode).toBe(403);
    expect(retire.json().error.code).toBe('status_change_forbidden');
    await as(
      t.app,
      opA,
    )({ method: 'POST', url: `/api/equipment/${dryerA}/status`, payload: { status: 'active' } });
    const history = (
      await as(t.app, mgrA)({ method: 'GET', url: `/api/equipment/${dryerA}/status-history` })
    ).json();
    expect(history.items.map((h: { from: string | null; to: string }) => [h.from, h.to])).toEqual([
      ['maintenance', 'active'],
      ['active', 'maintenance'],
      [null, 'active'],
    ]);
    expect(history.items[1]).toMatchObject({ reason: 'ganti sabuk', by: 'op.a@example.test' });
    expect((await auditOf('machine.status_change')).length).toBe(2);
    // Officers read but do not operate.
    expect(
      (
        await as(
          t.app,
          officerA,
        )({
          method: 'POST',
          url: `/api/equipment/${dryerA}/status`,
          payload: { status: 'broken', reason: 'x' },
        })
      ).statusCode,
    ).toBe(403);
  });
});

describe('documents and photos', () => {
  it('uploads a calibration certificate, lists it, downloads the same bytes, and lists it as expiring', async () => {
    const res = await upload(
      mgrA,
      `/api/equipment/${dryerA}/documents`,
      {
        kind: 'calibration_certificate',
        title: 'Sertifikat kalibrasi timbangan',
        number: 'KAL/2026/017',
        issuedOn: '2025-08-01',
        expiresOn: '2026-08-01',
      },
      { name: 'kalibrasi.pdf', type: 'application/pdf', bytes: PDF },
    );
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({
      contentType: 'application/pdf',
      sizeBytes: PDF.length,
      expiresOn: '2026-08-01',
    });
    const list = (
      await as(t.app, opA)({ method: 'GET', url: `/api/equipment/${dryerA}/documents` })
    ).json();
    expect(list.items).toHaveLength(1);
    const file = await as(
      t.app,
      opA,
    )({ method: 'GET', url: `/api/equipment/${dryerA}/documents/${res.json().id}/file` });
    expect(file.statusCode).toBe(200);
    expect(file.headers['content-type']).toBe('application/pdf');
    expect(file.rawPayload.equals(PDF)).toBe(true);
    // Now is 2026-07-21: expires in 11 days (site A is in WIB).
    const soon = (
      await as(t.app, officerA)({ method: 'GET', url: '/api/equipment/documents/expiring?days=30' })
    ).json();
    expect(soon.items).toEqual([
      expect.objectContaining({ id: res.json().id, daysLeft: 11, machineCode: 'DRY-01' }),
    ]);
    const notYet = (
      await as(t.app, officerA)({ method: 'GET', url: '/api/equipment/documents/expiring?days=10' })
    ).json();
    expect(notYet.items).toEqual([]);
    // Site B's manager sees none of it.
    expect(
      (
        await as(t.app, mgrB)({ method: 'GET', url: '/api/equipment/documents/expiring?days=30' })
      ).json().items,
    ).toEqual([]);
    expect((await auditOf('machine.document_upload')).length).toBe(1);
  });

  it('refuses files that are too large, of the wrong type, missing, or not multipart, with translated messages', async () => {
    const url = `/api/equipment/${dryerA}/documents`;
    const fields = { kind: 'manual', title: 'Manual' };
    const big = await upload(mgrA, url, fields, {
      name: 'big.pdf',
      type: 'application/pdf',
      bytes: Buffer.concat([PDF, Buffer.alloc(10 * 1024 * 1024)]),
    });
    expect(big.statusCode).toBe(413);
    expect(big.json().error).toMatchObject({
      code: 'file_too_large',
      message: 'Berkas terlalu besar; maksimal 10 MB.',
    });
    const exe = await upload(mgrA, url, fields, {
      name: 'manual.pdf',
      type: 'application/pdf',
      bytes: Buffer.from('MZ\x90\x00 this is not a pdf'),
    });
    expect(exe.statusCode).toBe(415);
    expect(exe.json().error.code).toBe('file_type_not_allowed');
    const missing = await upload(mgrA, url, fields);
    expect(missing.json().error.code).toBe('upload_file_missing');
    const badFields = await upload(
      mgrA,
      url,
      { kind: 'recipe', title: '' },
      { name: 'm.pdf', type: 'application/pdf', bytes: PDF },
    );
    expect(badFields.statusCode).toBe(400);
    expect(
      badFields
        .json()
        .error.details.fields.map((f: { path: string }) => f.path)
        .sort(),
    ).toEqual(['kind', 'title']);
    const json = await as(t.app, mgrA)({ method: 'POST', url, payload: fields });
    expect(json.statusCode).toBe(415);
    expect(json.json().error.code).toBe('upload_not_multipart');
    const photoBig = await upload(
      mgrA,
      `/api/equipment/${dryerA}/photos`,
      {},
      {
        name: 'p.png',
        type: 'image/png',
        bytes: Buffer.concat([PNG, Buffer.alloc(6 * 1024 * 1024)]),
      },
    );
    expect(photoBig.statusCode).toBe(413);
    expect(photoBig.json().error.message).toContain('5 MB');
    const pdfAsPhoto = await upload(
      mgrA,
      `/api/equipment/${dryerA}/photos`,
      {},
      { name: 'p.pdf', type: 'application/pdf', bytes: PDF },
    );
    expect(pdfAsPhoto.statusCode).toBe(415);
    // Nothing of the refused uploads was stored.
    expect((await as(t.app, mgrA)({ method: 'GET', url })).json().items).toHaveLength(1);
  });

  it('stores photos and serves them inline', async () => {
    const res = await upload(
      mgrA,
      `/api/equipment/${dryerA}/photos`,
      { caption: 'Tampak depan' },
      { name: 'depan.png', type: 'image/png', bytes: PNG },
    );
    expect(res.statusCode, res.body).toBe(201);
    const file = await as(
      t.app,
      buyer,
    )({ method: 'GET', url: `/api/equipment/${dryerA}/photos/${res.json().id}/file` });
    expect(file.headers['content-type']).toBe('image/png');
    expect(file.headers['content-disposition']).toContain('inline');
    const del = await as(
      t.app,
      mgrA,
    )({ method: 'DELETE', url: `/api/equipment/${dryerA}/photos/${res.json().id}` });
    expect(del.statusCode).toBe(200);
    expect(
      (await as(t.app, mgrA)({ method: 'GET', url: `/api/equipment/${dryerA}/photos` })).json()
        .items,
    ).toEqual([]);
  });
});

describe('scope', () => {
  it("a site manager cannot read or change another site's machines through any endpoint", async () => {
    const doc = await upload(
      mgrB,
      `/api/equipment/${kilnB}/documents`,
      { kind: 'manual', title: 'Manual kiln' },
      { name: 'k.pdf', type: 'application/pdf', bytes: PDF },
    );
    const photo = await upload(
      mgrB,
      `/api/equipment/${kilnB}/photos`,
      {},
      { name: 'k.png', type: 'image/png', bytes: PNG },
    );
    const requests = [
      { method: 'GET' as const, url: `/api/equipment/${kilnB}` },
      { method: 'PATCH' as const, url: `/api/equipment/${kilnB}`, payload: { name: 'mine now' } },
      {
        method: 'POST' as const,
        url: `/api/equipment/${kilnB}/status`,
        payload: { status: 'broken', reason: 'x' },
      },
      { method: 'GET' as const, url: `/api/equipment/${kilnB}/status-history` },
      { method: 'GET' as const, url: `/api/equipment/${kilnB}/documents` },
      { method: 'GET' as const, url: `/api/equipment/${kilnB}/documents/${doc.json().id}/file` },
      { method: 'DELETE' as const, url: `/api/equipment/${kilnB}/documents/${doc.json().id}` },
      { method: 'GET' as const, url: `/api/equipment/${kilnB}/photos` },
      { method: 'GET' as const, url: `/api/equipment/${kilnB}/photos/${photo.json().id}/file` },
      { method: 'DELETE' as const, url: `/api/equipment/${kilnB}/photos/${photo.json().id}` },
      {
        method: 'POST' as const,
        url: `/api/sites/${b.siteId}/equipment`,
        payload: { code: 'Z', name: 'Z', capabilities: ['drying'] },
      },
    ];
    for (const req of requests) {
      const res = await as(t.app, mgrA)(req);
      expect(res.statusCode, `${req.method} ${req.url}`).toBe(404);
    }
    const up = await upload(
      mgrA,
      `/api/equipment/${kilnB}/documents`,
      { kind: 'manual', title: 'x' },
      { name: 'x.pdf', type: 'application/pdf', bytes: PDF },
    );
    expect(up.statusCode).toBe(404);
    const list = (await as(t.app, mgrA)({ method: 'GET', url: '/api/equipment' })).json();
    expect(list.items.map((m: { id: string }) => m.id)).toEqual([dryerA]);
    const kiln = await t.database.db
      .selectFrom('machines')
      .select(['name', 'status'])
      .where('id', '=', kilnB)
      .executeTakeFirstOrThrow();
    expect(kiln).toEqual({ name: 'Kiln kayu', status: 'active' });
  });

  it('UMKM members read the machines of the sites they are registered at, and never write', async () => {
    await t.database.db
      .insertInto('site_members')
      .values({ site_id: b.siteId, organisation_id: a.orgId })
      .execute();
    const member = await sessionFor('member@example.test', {
      role: 'umkm_member',
      scopeType: 'organisation',
      scopeId: a.orgId,
    });
    const seen = (await as(t.app, member)({ method: 'GET', url: '/api/equipment' })).json();
    expect(seen.items.map((m: { id: string }) => m.id)).toEqual([kilnB]);
    expect(
      (await as(t.app, member)({ method: 'GET', url: `/api/equipment/${dryerA}` })).statusCode,
    ).toBe(404);
    expect(
      (
        await as(
          t.app,
          member,
        )({
          method: 'POST',
          url: `/api/equipment/${kilnB}/status`,
          payload: { status: 'broken', reason: 'x' },
        })
      ).statusCode,
    ).toBe(403);
  });

  it('status history cannot be rewritten in the database', async () => {
    await expect(
      t.database.db
        .updateTable('machine_status_history')
        .set({ reason: 'rewritten' })
        .where('machine_id', '=', kilnB)
        .execute(),
    ).rejects.toThrow(/append-only/);
  });

  it('programme officers read their programme only; buyers read every site', async () => {
    expect(
      (await as(t.app, officerA)({ method: 'GET', url: `/api/equipment/${kilnB}` })).statusCode,
    ).toBe(404);
    const all = (await as(t.app, buyer)({ method: 'GET', url: '/api/equipment' })).json();
    expect(all.items.map((m: { id: string }) => m.id).sort()).toEqual([dryerA, kilnB].sort());
  });
});

describe('search, filters and pagination', () => {
  it('searches by name and code (with typos), filters by capability, province, programme and status, and pages', async () => {
    for (let i = 1; i <= 5; i++)
      await createMachine(admin, b.siteId, {
        code: `DST-0${i}`,
        name: `Ketel suling nilam ${i}`,
        capabilities: ['distillation'],
      });
    const ids = async (qs: string, s: Session = admin) =>
      (
        (await as(t.app, s)({ method: 'GET', url: `/api/equipment?${qs}` })).json().items as {
          code: string;
        }[]
      ).map((m) => m.code);
    expect(await ids('q=suling')).toEqual(['DST-01', 'DST-02', 'DST-03', 'DST-04', 'DST-05']);
    expect(await ids('q=dst-03')).toEqual(['DST-03']);
    expect(await ids('q=pengeriing')).toEqual(['DRY-01']); // a typo still finds "Pengering"
    expect(await ids('capability=kiln_drying')).toEqual(['KLN-01']);
    expect(await ids('province=11')).toEqual(['DRY-01']);
    expect(await ids(`programmeId=${a.programmeId}`)).toEqual(['DRY-01']);
    expect(await ids(`siteId=${b.siteId}&status=active&capability=distillation`)).toHaveLength(5);
    const first = (
      await as(t.app, admin)({ method: 'GET', url: '/api/equipment?q=suling&limit=2' })
    ).json();
    expect(first.items.map((m: { code: string }) => m.code)).toEqual(['DST-01', 'DST-02']);
    const second = (
      await as(
        t.app,
        admin,
      )({ method: 'GET', url: `/api/equipment?q=suling&limit=2&cursor=${first.nextCursor}` })
    ).json();
    expect(second.items.map((m: { code: string }) => m.code)).toEqual(['DST-03', 'DST-04']);
    const bad = await as(
      t.app,
      admin,
    )({ method: 'GET', url: '/api/equipment?capability=teleporting&province=1' });
    expect(bad.statusCode).toBe(400);
    expect(
      bad
        .json()
        .error.details.fields.map((f: { path: string }) => f.path)
        .sort(),
    ).toEqual(['querystring.capability', 'querystring.province']);
  });
});
