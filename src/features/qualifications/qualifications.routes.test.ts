import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { as, createTestApp, login, NOW, type Session, type TestApp } from '../../../test/app.js';
import { makeNetwork, makeUser, PASSWORD } from '../../../test/factories.js';

let t: TestApp;
let a: Awaited<ReturnType<typeof makeNetwork>>;
let b: Awaited<ReturnType<typeof makeNetwork>>;
let admin: Session;
let adminEn: Session;
let mgrA: Session;
let opA: Session;
let mgrB: Session;
let mgrAB: Session;
let officerA: Session;
let memberA: Session;
let mgrAUserId: string;
/** A worker of B's member organisation, with a qualification and a training at B. */
let personB: string;
let qualB: string;
let sessionB: string;

// A woman born 1 February 1990 registered in 51.01.02 (Jembrana); separators are accepted.
const NIK = '5101024102900001';

const people = (orgId: string) => `/api/organisations/${orgId}/people`;

beforeAll(async () => {
  t = await createTestApp();
  const db = t.database.db;
  a = await makeNetwork(db);
  b = await makeNetwork(db);
  await db
    .insertInto('site_members')
    .values([
      { site_id: a.siteId, organisation_id: a.orgId },
      { site_id: b.siteId, organisation_id: b.orgId },
    ])
    .execute();
  await makeUser(db, { email: 'root@example.test' });
  await makeUser(db, { email: 'root.en@example.test', locale: 'en' });
  mgrAUserId = (
    await makeUser(db, {
      email: 'mgr.a@example.test',
      name: 'Putu Manajer',
      role: 'site_manager',
      scopeType: 'site',
      scopeId: a.siteId,
    })
  ).id;
  await makeUser(db, {
    email: 'op.a@example.test',
    role: 'site_operator',
    scopeType: 'site',
    scopeId: a.siteId,
  });
  await makeUser(db, {
    email: 'mgr.b@example.test',
    role: 'site_manager',
    scopeType: 'site',
    scopeId: b.siteId,
  });
  const both = await makeUser(db, {
    email: 'mgr.ab@example.test',
    role: 'site_manager',
    scopeType: 'site',
    scopeId: a.siteId,
  });
  await db
    .insertInto('role_grants')
    .values({ user_id: both.id, role: 'site_manager', site_id: b.siteId })
    .execute();
  await makeUser(db, {
    email: 'officer.a@example.test',
    role: 'programme_officer',
    scopeType: 'programme',
    scopeId: a.programmeId,
  });
  await makeUser(db, {
    email: 'member.a@example.test',
    role: 'umkm_member',
    scopeType: 'organisation',
    scopeId: a.orgId,
  });
  admin = await login(t.app, 'root@example.test', PASSWORD);
  adminEn = await login(t.app, 'root.en@example.test', PASSWORD);
  mgrA = await login(t.app, 'mgr.a@example.test', PASSWORD);
  opA = await login(t.app, 'op.a@example.test', PASSWORD);
  mgrB = await login(t.app, 'mgr.b@example.test', PASSWORD);
  mgrAB = await login(t.app, 'mgr.ab@example.test', PASSWORD);
  officerA = await login(t.app, 'officer.a@example.test', PASSWORD);
  memberA = await login(t.app, 'member.a@example.test', PASSWORD);

  // Site B's own records, made by its manager.
  const callB = as(t.app, mgrB);
  personB = (
    await callB({ method: 'POST', url: people(b.orgId), payload: { name: 'Wayan Sudarma' } })
  ).json().id;
  const session = await callB({
    method: 'POST',
    url: '/api/training-sessions',
    payload: { siteId: b.siteId, machineType: 'roasting', heldOn: '2026-07-01', title: 'Sangrai' },
  });
  expect(session.statusCode).toBe(201);
  sessionB = session.json().id;
  expect(
    (
      await callB({
        method: 'PUT',
        url: `/api/training-sessions/${sessionB}/attendance/${personB}`,
        payload: { passed: true },
      })
    ).statusCode,
  ).toBe(200);
  const q = await callB({
    method: 'POST',
    url: '/api/qualifications',
    payload: {
      personId: personB,
      machineType: 'roasting',
      siteId: b.siteId,
      trainingSessionId: sessionB,
    },
  });
  expect(q.statusCode).toBe(201);
  qualB = q.json().id;
});
afterAll(() => t.close());

/** Moves the clock; sessions from another time have ended, so the users used log in again. */
async function travel(to: Date | string) {
  t.clock.set(to);
  admin = await login(t.app, 'root@example.test', PASSWORD);
  mgrA = await login(t.app, 'mgr.a@example.test', PASSWORD);
  opA = await login(t.app, 'op.a@example.test', PASSWORD);
}

const count = async (table: 'people' | 'qualifications' | 'audit_log' | 'training_attendance') =>
  Number(
    (
      await t.database.db
        .selectFrom(table)
        .select((eb) => eb.fn.countAll().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );

describe('people', () => {
  let ani: string;

  it('refuses bad identifiers field by field, translated, and saves nothing', async () => {
    const before = [await count('people'), await count('audit_log')];
    const res = await as(
      t.app,
      mgrA,
    )({
      method: 'POST',
      url: people(a.orgId),
      payload: { name: 'Ani', nik: '5101020000000001', phone: '12' },
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.details.fields).toEqual([
      {
        path: 'nik',
        code: 'nik_birth_date',
        message: 'Digit 7–12 NIK bukan tanggal lahir yang valid (DDMMYY; perempuan: tanggal + 40).',
      },
      expect.objectContaining({ path: 'phone', code: 'phone_format' }),
    ]);
    const en = await as(
      t.app,
      adminEn,
    )({
      method: 'POST',
      url: people(a.orgId),
      payload: { name: 'Ani', nik: '123' },
    });
    expect(en.json().error.details.fields[0]).toEqual({
      path: 'nik',
      code: 'nik_format',
      message: 'The NIK must be 16 digits.',
    });
    const schema = await as(
      t.app,
      mgrA,
    )({
      method: 'POST',
      url: people(a.orgId),
      payload: { name: '', role: 'boss' },
    });
    expect(schema.statusCode).toBe(400);
    expect(
      schema
        .json()
        .error.details.fields.map((f: { path: string }) => f.path)
        .sort(),
    ).toEqual(['name', 'role']);
    expect([await count('people'), await count('audit_log')]).toEqual(before);
  });

  it('adds a worker, stores the NIK as digits and masks it for everyone but the organisation', async () => {
    const res = await as(
      t.app,
      mgrA,
    )({
      method: 'POST',
      url: people(a.orgId),
      payload: { name: 'Ani Lestari', nik: '5101 0241 0290 0001', phone: '0812-3456-7890' },
    });
    expect(res.statusCode).toBe(201);
    ani = res.json().id;
    expect(res.json()).toMatchObject({
      organisationId: a.orgId,
      nik: '5101********0001',
      nikMasked: true,
      phone: '+6281234567890',
      role: 'worker',
      active: true,
      canEdit: true,
    });
    // Stored sealed (migration 0015): the digits open again under the data key.
    const stored = await t.database.db
      .selectFrom('people')
      .select(['nik', 'nik_enc'])
      .where('id', '=', ani)
      .executeTakeFirstOrThrow();
    expect(stored.nik).toBeNull();
    expect(t.app.deps.dataCipher.decrypt(stored.nik_enc!, 'people.nik')).toBe(NIK);
    const own = await as(t.app, memberA)({ method: 'GET', url: `${people(a.orgId)}/${ani}` });
    expect(own.json()).toMatchObject({ nik: NIK, nikMasked: false });
    const dup = await as(
      t.app,
      admin,
    )({
      method: 'POST',
      url: people(a.orgId),
      payload: { name: 'Someone else', nik: NIK },
    });
    expect(dup.statusCode).toBe(409);
    expect(dup.json().error.code).toBe('person_nik_taken');
    // The audit log keeps the masked NIK only.
    const audit = await t.database.db
      .selectFrom('audit_log')
      .select(['action', 'after'])
      .where('entity_id', '=', ani)
      .execute();
    expect(audit).toEqual([
      {
        action: 'person.create',
        after: expect.objectContaining({ nik: '5101********0001', organisationId: a.orgId }),
      },
    ]);
  });

  it('changes, searches by name and filters by organisation and site', async () => {
    const call = as(t.app, memberA);
    const patch = await call({
      method: 'PATCH',
      url: `${people(a.orgId)}/${ani}`,
      payload: { role: 'owner', email: 'ANI@example.test' },
    });
    expect(patch.statusCode).toBe(200);
    expect(patch.json()).toMatchObject({ role: 'owner', email: 'ani@example.test' });
    await call({ method: 'POST', url: people(a.orgId), payload: { name: 'Budi Santoso' } });
    const found = (await call({ method: 'GET', url: '/api/people?q=lesta' })).json();
    expect(found.items.map((p: { name: string }) => p.name)).toEqual(['Ani Lestari']);
    const all = (
      await as(t.app, admin)({ method: 'GET', url: `/api/people?siteId=${a.siteId}&limit=1` })
    ).json();
    expect(all.items).toHaveLength(1);
    expect(all.nextCursor).not.toBeNull();
    const next = (
      await as(
        t.app,
        admin,
      )({
        method: 'GET',
        url: `/api/people?siteId=${a.siteId}&limit=1&cursor=${all.nextCursor}`,
      })
    ).json();
    expect([...all.items, ...next.items].map((p: { name: string }) => p.name)).toEqual([
      'Ani Lestari',
      'Budi Santoso',
    ]);
    const byOrg = (
      await as(t.app, admin)({ method: 'GET', url: `/api/people?organisationId=${b.orgId}` })
    ).json();
    expect(byOrg.items.map((p: { id: string }) => p.id)).toEqual([personB]);
  });

  it('deletes a person without records and refuses one with records', async () => {
    const call = as(t.app, mgrA);
    const tmp = (
      await call({ method: 'POST', url: people(a.orgId), payload: { name: 'Sementara' } })
    ).json().id;
    expect((await call({ method: 'DELETE', url: `${people(a.orgId)}/${tmp}` })).statusCode).toBe(
      200,
    );
    expect((await call({ method: 'GET', url: `${people(a.orgId)}/${tmp}` })).statusCode).toBe(404);
    const busy = await as(t.app, mgrB)({ method: 'DELETE', url: `${people(b.orgId)}/${personB}` });
    expect(busy.statusCode).toBe(409);
    expect(busy.json().error.code).toBe('person_in_use');
  });
});

describe('scope', () => {
  it("answers 404 to a site manager for another site's people, training and qualifications on every endpoint", async () => {
    const call = as(t.app, mgrA);
    const before = [await count('people'), await count('qualifications'), await count('audit_log')];
    const cases: [string, string, object?][] = [
      ['GET', people(b.orgId)],
      ['POST', people(b.orgId), { name: 'Intruder' }],
      ['GET', `${people(b.orgId)}/${personB}`],
      ['PATCH', `${people(b.orgId)}/${personB}`, { name: 'Hacked' }],
      ['DELETE', `${people(b.orgId)}/${personB}`],
      ['GET', `${people(b.orgId)}/${personB}/qualifications`],
      // Another site's person under one's own organisation path is no better.
      ['GET', `${people(a.orgId)}/${personB}`],
      ['GET', `/api/qualifications/${qualB}`],
      ['POST', `/api/qualifications/${qualB}/revoke`, { reason: 'x' }],
      ['POST', `/api/qualifications/${qualB}/use`, {}],
      ['GET', `/api/training-sessions/${sessionB}`],
      ['PUT', `/api/training-sessions/${sessionB}/attendance/${personB}`, { passed: false }],
      ['DELETE', `/api/training-sessions/${sessionB}/attendance/${personB}`],
      [
        'POST',
        '/api/training-sessions',
        { siteId: b.siteId, machineType: 'drying', heldOn: '2026-07-01', title: 'X' },
      ],
      [
        'POST',
        '/api/qualifications',
        { personId: personB, machineType: 'drying', siteId: b.siteId },
      ],
      [
        'POST',
        '/api/qualifications',
        { personId: personB, machineType: 'drying', siteId: a.siteId },
      ],
    ];
    for (const [method, url, payload] of cases) {
      const res = await call({ method: method as 'GET', url, ...(payload ? { payload } : {}) });
      expect(res.statusCode, `${method} ${url}`).toBe(404);
    }
    const lists = [
      '/api/people',
      `/api/people?organisationId=${b.orgId}`,
      `/api/people?siteId=${b.siteId}`,
      '/api/qualifications',
      `/api/qualifications?siteId=${b.siteId}`,
      `/api/qualifications?personId=${personB}`,
      '/api/training-sessions',
    ];
    for (const url of lists) {
      const items = (await call({ method: 'GET', url })).json().items as { id: string }[];
      expect(
        items.map((i) => i.id),
        url,
      ).not.toContain(personB);
      expect(
        items.map((i) => i.id),
        url,
      ).not.toContain(qualB);
      expect(
        items.map((i) => i.id),
        url,
      ).not.toContain(sessionB);
    }
    expect([
      await count('people'),
      await count('qualifications'),
      await count('audit_log'),
    ]).toEqual(before);
  });

  it('lets a programme officer read its programme but change nothing', async () => {
    const call = as(t.app, officerA);
    const list = (await call({ method: 'GET', url: '/api/people' })).json();
    expect(list.items.every((p: { organisationId: string }) => p.organisationId === a.orgId)).toBe(
      true,
    );
    expect(list.items.length).toBeGreaterThan(0);
    expect(list.items[0].canEdit).toBe(false);
    expect(
      (await call({ method: 'POST', url: people(a.orgId), payload: { name: 'X' } })).statusCode,
    ).toBe(403);
    const id = list.items[0].id;
    expect(
      (await call({ method: 'PATCH', url: `${people(a.orgId)}/${id}`, payload: { name: 'X' } }))
        .statusCode,
    ).toBe(403);
    expect(
      (
        await call({
          method: 'POST',
          url: '/api/qualifications',
          payload: { personId: id, machineType: 'drying', siteId: a.siteId },
        })
      ).statusCode,
    ).toBe(403);
    expect((await call({ method: 'GET', url: people(b.orgId) })).statusCode).toBe(404);
  });

  it("refuses a manager of two sites granting at one site to another site's member", async () => {
    const res = await as(
      t.app,
      mgrAB,
    )({
      method: 'POST',
      url: '/api/qualifications',
      payload: { personId: personB, machineType: 'drying', siteId: a.siteId },
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().error).toMatchObject({
      code: 'person_not_member',
      message: 'Organisasi orang ini bukan anggota lokasi tersebut.',
    });
  });
});

describe('training, grants, use and expiry', () => {
  let worker: string;
  let session: string;
  let qual: string;

  beforeAll(async () => {
    worker = (
      await as(
        t.app,
        mgrA,
      )({
        method: 'POST',
        url: people(a.orgId),
        payload: { name: 'Made Wirawan', email: 'made@example.test' },
      })
    ).json().id;
  });

  it('records a training session and attendance at the own site', async () => {
    const call = as(t.app, opA);
    const bad = await call({
      method: 'POST',
      url: '/api/training-sessions',
      payload: {
        siteId: a.siteId,
        machineType: 'teleporting',
        heldOn: '2026-13-01',
        title: 'x',
        trainerUserId: '00000000-0000-4000-8000-000000000000',
      },
    });
    expect(bad.statusCode).toBe(400);
    expect(
      bad
        .json()
        .error.details.fields.map((f: { path: string }) => f.path)
        .sort(),
    ).toEqual(['heldOn', 'machineType']);
    const noTrainer = await call({
      method: 'POST',
      url: '/api/training-sessions',
      payload: {
        siteId: a.siteId,
        machineType: 'drying',
        heldOn: '2026-07-20',
        title: 'x',
        trainerUserId: '00000000-0000-4000-8000-000000000000',
      },
    });
    expect(noTrainer.json().error.details.fields).toEqual([
      {
        path: 'trainerUserId',
        code: 'trainer_not_found',
        message: 'Pelatih harus pengguna yang terdaftar dan aktif.',
      },
    ]);
    const res = await call({
      method: 'POST',
      url: '/api/training-sessions',
      payload: {
        siteId: a.siteId,
        machineType: 'drying',
        heldOn: '2026-07-20',
        title: 'Pengering kabinet',
        trainerUserId: mgrAUserId,
      },
    });
    expect(res.statusCode).toBe(201);
    session = res.json().id;
    expect(res.json()).toMatchObject({
      trainer: { id: mgrAUserId },
      machineType: 'drying',
      attendance: [],
      canEdit: true,
    });
    const att = await call({
      method: 'PUT',
      url: `/api/training-sessions/${session}/attendance/${worker}`,
      payload: { passed: true },
    });
    expect(att.statusCode).toBe(200);
    expect(att.json().attendance).toEqual([
      expect.objectContaining({ personId: worker, passed: true, organisationId: a.orgId }),
    ]);
    const future = (
      await call({
        method: 'POST',
        url: '/api/training-sessions',
        payload: { siteId: a.siteId, machineType: 'drying', heldOn: '2026-08-01', title: 'Nanti' },
      })
    ).json().id;
    const early = await call({
      method: 'PUT',
      url: `/api/training-sessions/${future}/attendance/${worker}`,
      payload: { passed: true },
    });
    expect(early.statusCode).toBe(409);
    expect(early.json().error.code).toBe('training_in_future');
    // Site B's manager sees neither A's session (invisible site) nor can record there.
    expect(
      (await as(t.app, mgrB)({ method: 'GET', url: `/api/training-sessions/${session}` }))
        .statusCode,
    ).toBe(404);
  });

  it('refuses grants on bad grounds, each with its own error, saving nothing', async () => {
    const call = as(t.app, mgrA);
    const before = [await count('qualifications'), await count('audit_log')];
    const grant = (payload: object) =>
      call({
        method: 'POST',
        url: '/api/qualifications',
        payload: { personId: worker, machineType: 'drying', siteId: a.siteId, ...payload },
      });
    const future = await grant({ grantedOn: '2026-07-22' });
    expect(future.statusCode).toBe(400);
    expect(future.json().error.details.fields[0]).toMatchObject({
      path: 'grantedOn',
      code: 'date_in_future',
    });
    const wrongType = await grant({ machineType: 'roasting', trainingSessionId: session });
    expect(wrongType.json().error.details.fields).toEqual([
      expect.objectContaining({ path: 'trainingSessionId', code: 'attendance_machine_type' }),
    ]);
    const beforeTraining = await grant({ trainingSessionId: session, grantedOn: '2026-07-19' });
    expect(beforeTraining.json().error.details.fields[0].code).toBe('granted_before_training');
    const notAttended = await grant({ trainingSessionId: sessionB });
    expect(notAttended.statusCode).toBe(404);
    expect(notAttended.json().error.code).toBe('attendance_not_found');
    const badType = await grant({ machineType: 'teleporting' });
    expect(badType.statusCode).toBe(400);
    expect(badType.json().error.details.fields[0].path).toBe('machineType');
    expect(
      (await as(t.app, memberA)({ method: 'POST', url: '/api/qualifications', payload: {} }))
        .statusCode,
    ).toBe(403);
    expect([await count('qualifications'), await count('audit_log')]).toEqual(before);
  });

  it('grants, lapses 12 months after the grant, and refuses a second valid one', async () => {
    const call = as(t.app, mgrA);
    const res = await call({
      method: 'POST',
      url: '/api/qualifications',
      payload: {
        personId: worker,
        machineType: 'drying',
        siteId: a.siteId,
        trainingSessionId: session,
      },
    });
    expect(res.statusCode).toBe(201);
    qual = res.json().id;
    expect(res.json()).toMatchObject({
      personId: worker,
      organisationId: a.orgId,
      grantedOn: '2026-07-21',
      grantedBy: 'Putu Manajer',
      lastUsedOn: null,
      monthsWithoutUse: 12,
      expiresOn: '2027-07-21',
      valid: true,
      status: 'valid',
      canEdit: true,
    });
    const again = await call({
      method: 'POST',
      url: '/api/qualifications',
      payload: { personId: worker, machineType: 'drying', siteId: a.siteId },
    });
    expect(again.statusCode).toBe(409);
    expect(again.json().error).toMatchObject({
      code: 'qualification_held',
      details: { qualificationId: qual },
    });
    // The attendance it rests on can no longer be failed or removed.
    const fail = await as(
      t.app,
      opA,
    )({
      method: 'PUT',
      url: `/api/training-sessions/${session}/attendance/${worker}`,
      payload: { passed: false },
    });
    expect(fail.json().error.code).toBe('attendance_in_use');
    const remove = await as(
      t.app,
      opA,
    )({
      method: 'DELETE',
      url: `/api/training-sessions/${session}/attendance/${worker}`,
    });
    expect(remove.statusCode).toBe(409);
    const mine = await as(
      t.app,
      memberA,
    )({
      method: 'GET',
      url: `${people(a.orgId)}/${worker}/qualifications`,
    });
    expect(mine.json().items).toEqual([expect.objectContaining({ id: qual, canEdit: false })]);
  });

  it('records use (moving the expiry on), follows the rule per machine type, and lapses', async () => {
    const call = (o: Parameters<ReturnType<typeof as>>[0]) => as(t.app, opA)(o);
    const use = (payload: object) =>
      call({ method: 'POST', url: `/api/qualifications/${qual}/use`, payload });
    expect((await use({ on: '2026-07-20' })).json().error.details.fields[0].code).toBe(
      'use_before_grant',
    );
    expect((await use({ on: '2026-07-22' })).json().error.details.fields[0].code).toBe(
      'date_in_future',
    );
    // A month later the operator records today's use: the qualification now lapses a year on.
    await travel('2026-08-21T03:00:00Z');
    const used = await use({});
    expect(used.statusCode).toBe(200);
    expect(used.json()).toMatchObject({ lastUsedOn: '2026-08-21', expiresOn: '2027-08-21' });
    // An older use entered late moves nothing (and writes no audit row).
    expect((await use({ on: '2026-08-01' })).json().lastUsedOn).toBe('2026-08-21');

    // Administrators shorten drying to 6 months; a site manager may not.
    const rules = { items: [{ machineType: 'drying', monthsWithoutUse: 6 }] };
    expect(
      (await as(t.app, mgrA)({ method: 'PUT', url: '/api/qualification-rules', payload: rules }))
        .statusCode,
    ).toBe(403);
    const dup = await as(
      t.app,
      admin,
    )({
      method: 'PUT',
      url: '/api/qualification-rules',
      payload: { items: [rules.items[0], { machineType: 'drying', monthsWithoutUse: 3 }] },
    });
    expect(dup.json().error.details.fields[0]).toMatchObject({
      path: 'items.1.machineType',
      code: 'rule_duplicate_type',
    });
    const set = await as(
      t.app,
      admin,
    )({
      method: 'PUT',
      url: '/api/qualification-rules',
      payload: rules,
    });
    expect(set.statusCode).toBe(200);
    const listed = (
      await as(t.app, mgrA)({ method: 'GET', url: '/api/qualification-rules' })
    ).json();
    expect(
      listed.items.find((r: { machineType: string }) => r.machineType === 'drying'),
    ).toMatchObject({ monthsWithoutUse: 6, isDefault: false });
    expect(
      listed.items.find((r: { machineType: string }) => r.machineType === 'milling'),
    ).toMatchObject({ monthsWithoutUse: 12, isDefault: true });
    const now6 = (await call({ method: 'GET', url: `/api/qualifications/${qual}` })).json();
    expect(now6).toMatchObject({ monthsWithoutUse: 6, expiresOn: '2027-02-21', valid: true });

    // Expiring soon: listed for its site within 30 days of 2027-02-21, not within 7.
    await travel('2027-02-01T03:00:00Z');
    const soon = (
      await call({
        method: 'GET',
        url: `/api/qualifications?siteId=${a.siteId}&expiringWithinDays=30`,
      })
    ).json();
    expect(soon.items.map((q: { id: string }) => q.id)).toEqual([qual]);
    const notYet = (
      await call({
        method: 'GET',
        url: `/api/qualifications?siteId=${a.siteId}&expiringWithinDays=7`,
      })
    ).json();
    expect(notYet.items).toEqual([]);

    // Lapsed: still listed as expired, use is refused, and a new grant supersedes it.
    await travel('2027-02-21T03:00:00Z');
    const lapsed = (await call({ method: 'GET', url: `/api/qualifications/${qual}` })).json();
    expect(lapsed).toMatchObject({ valid: false, status: 'expired' });
    const late = await use({});
    expect(late.statusCode).toBe(409);
    expect(late.json().error).toMatchObject({
      code: 'qualification_expired',
      message: 'Kualifikasi ini sudah berakhir pada 2027-02-21; diperlukan pemberian baru.',
    });
    expect(
      (await call({ method: 'GET', url: `/api/qualifications?status=expired&personId=${worker}` }))
        .json()
        .items.map((q: { id: string }) => q.id),
    ).toEqual([qual]);
    const regrant = await call({
      method: 'POST',
      url: '/api/qualifications',
      payload: { personId: worker, machineType: 'drying', siteId: a.siteId },
    });
    expect(regrant.statusCode).toBe(201);
    expect(regrant.json()).toMatchObject({ grantedOn: '2027-02-21', expiresOn: '2027-08-21' });
    const old = (await call({ method: 'GET', url: `/api/qualifications/${qual}` })).json();
    expect(old.status).toBe('revoked');
    expect(old.revokedReason).toContain('superseded');
    qual = regrant.json().id;
    await travel(NOW);
  });

  it('revokes with a reason; a revoked qualification is neither used nor revoked again', async () => {
    const call = as(t.app, mgrA);
    const noReason = await call({
      method: 'POST',
      url: `/api/qualifications/${qual}/revoke`,
      payload: { reason: ' ' },
    });
    expect(noReason.statusCode).toBe(400);
    // Site B's manager cannot touch it (not in scope).
    expect(
      (
        await as(
          t.app,
          mgrB,
        )({
          method: 'POST',
          url: `/api/qualifications/${qual}/revoke`,
          payload: { reason: 'x' },
        })
      ).statusCode,
    ).toBe(404);
    const res = await call({
      method: 'POST',
      url: `/api/qualifications/${qual}/revoke`,
      payload: { reason: 'Tidak mematuhi prosedur K3' },
    });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({
      status: 'revoked',
      valid: false,
      revokedReason: 'Tidak mematuhi prosedur K3',
    });
    const again = await call({
      method: 'POST',
      url: `/api/qualifications/${qual}/revoke`,
      payload: { reason: 'x' },
    });
    expect(again.json().error.code).toBe('qualification_revoked');
    const use = await call({ method: 'POST', url: `/api/qualifications/${qual}/use`, payload: {} });
    expect(use.json().error.code).toBe('qualification_revoked');
  });

  it('writes an audit row for every change', async () => {
    const rows = await t.database.db
      .selectFrom('audit_log')
      .select(['action', 'actor_label'])
      .where('entity_type', 'in', ['qualification', 'training_session', 'qualification_rule'])
      .orderBy('id')
      .execute();
    const mine = rows.filter((r) => r.actor_label !== 'mgr.b@example.test').map((r) => r.action);
    expect(mine).toEqual([
      'training_session.create',
      'training_attendance.record',
      'training_session.create',
      'qualification.grant',
      'qualification.use',
      'qualification_rule.update',
      'qualification.supersede',
      'qualification.grant',
      'qualification.revoke',
    ]);
  });
});
