import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { as, createTestApp, login, type Session, type TestApp } from '../../../test/app.js';
import { makeNetwork, makeUser, PASSWORD } from '../../../test/factories.js';
import { OWNER_NIK } from '../organisations/organisations.repository.js';

let t: TestApp;
let a: Awaited<ReturnType<typeof makeNetwork>>;
let b: Awaited<ReturnType<typeof makeNetwork>>;
let admin: Session;
let mgrA: Session;
let mgrB: Session;
let operatorA: Session;

// A NIK of a woman born 1 February 1990 (day 01 + 40 = 41) registered in 51.01.02 (Jembrana).
const NIK = '5101024102900001';
const APPLICANT_PASSWORD = 'kakao-lestari-2026';

let n = 0;
/** A complete, valid form; every call gets its own NIB and e-mail. */
function form(over: Record<string, unknown> = {}) {
  const i = ++n;
  return {
    name: `CV Kakao Lestari ${i}`,
    legalForm: 'cv',
    nib: `9120 0020 ${String(i).padStart(5, '0')}`,
    npwp: '01.312.166.0-091.000',
    address: 'Jl. Pantai Gumbrih 7, Pekutatan',
    province: 'Bali',
    regency: 'Kabupaten Jembrana',
    ownerName: 'Ni Luh Putu Sari',
    ownerNik: NIK,
    kbli: ['10731'],
    siteId: a.siteId,
    applicantName: 'Ni Luh Putu Sari',
    applicantEmail: `pendaftar${i}@example.test`,
    password: APPLICANT_PASSWORD,
    ...over,
  };
}

const submit = (payload: object, headers: Record<string, string> = {}) =>
  t.app.inject({ method: 'POST', url: '/api/registrations', payload, headers });

const counts = async () => {
  const db = t.database.db;
  const one = async (table: 'organisations' | 'users' | 'member_registrations') =>
    Number(
      (
        await db
          .selectFrom(table)
          .select((eb) => eb.fn.countAll().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );
  return {
    organisations: await one('organisations'),
    users: await one('users'),
    registrations: await one('member_registrations'),
  };
};

beforeAll(async () => {
  t = await createTestApp();
  a = await makeNetwork(t.database.db);
  b = await makeNetwork(t.database.db);
  await makeUser(t.database.db, { email: 'root@example.test' });
  for (const [email, role, siteId] of [
    ['mgr.a@example.test', 'site_manager', a.siteId],
    ['mgr.a2@example.test', 'site_manager', a.siteId],
    ['mgr.b@example.test', 'site_manager', b.siteId],
    ['op.a@example.test', 'site_operator', a.siteId],
  ] as const) {
    await makeUser(t.database.db, { email, role, scopeType: 'site', scopeId: siteId });
  }
  admin = await login(t.app, 'root@example.test', PASSWORD);
  mgrA = await login(t.app, 'mgr.a@example.test', PASSWORD);
  mgrB = await login(t.app, 'mgr.b@example.test', PASSWORD);
  operatorA = await login(t.app, 'op.a@example.test', PASSWORD);
});
afterAll(() => t.close());

describe('submitting a registration', () => {
  it('creates the organisation, the account without a grant and a pending request, and tells the managers', async () => {
    const before = await counts();
    const body = form();
    const res = await submit(body);
    expect(res.statusCode).toBe(201);
    const saved = res.json();
    expect(saved).toMatchObject({
      status: 'pending',
      site: { id: a.siteId, code: expect.any(String), name: expect.any(String) },
      warnings: [],
    });
    expect(await counts()).toEqual({
      organisations: before.organisations + 1,
      users: before.users + 1,
      registrations: before.registrations + 1,
    });

    const db = t.database.db;
    const org = await db
      .selectFrom('organisations')
      .selectAll()
      .where('name', '=', body.name)
      .executeTakeFirstOrThrow();
    expect(org).toMatchObject({
      kind: 'umkm',
      nib: body.nib.replace(/\s/g, ''),
      npwp: '0013121660091000',
      // The NIK is stored sealed (migration 0012), never in plain text.
      owner_nik: null,
      legal_form: 'cv',
    });
    expect(org.owner_nik_enc).toMatch(/^v1:/);
    expect(JSON.stringify(org)).not.toContain(NIK);
    expect(t.app.deps.dataCipher.decrypt(org.owner_nik_enc!, OWNER_NIK)).toBe(NIK);
    const kbli = await db
      .selectFrom('organisation_kbli')
      .select('code')
      .where('organisation_id', '=', org.id)
      .execute();
    expect(kbli).toEqual([{ code: '10731' }]);
    // Not a member of the site yet.
    const member = await db
      .selectFrom('site_members')
      .select('site_id')
      .where('organisation_id', '=', org.id)
      .execute();
    expect(member).toEqual([]);

    // Both managers of the site get an e-mail, in Indonesian first; nobody else does.
    const mails = await db
      .selectFrom('outbox_messages')
      .select(['to_address', 'subject', 'body_text'])
      .where('dedupe_key', 'like', `registration.submitted:${saved.id}:%`)
      .orderBy('to_address')
      .execute();
    expect(mails.map((m) => m.to_address)).toEqual(['mgr.a2@example.test', 'mgr.a@example.test']);
    expect(mails[0]!.subject).toContain(body.name);
    expect(mails[0]!.body_text).toMatch(
      /^Ni Luh Putu Sari \(pendaftar\d+@example\.test\) mendaftarkan/,
    );
    expect(t.nudged).toContain('outbox.deliver');

    // Audit rows name the applicant and keep only a masked NIK.
    const audit = await db
      .selectFrom('audit_log')
      .select(['action', 'actor_label', 'after'])
      .where('actor_label', '=', body.applicantEmail)
      .orderBy('id')
      .execute();
    expect(audit.map((r) => r.action)).toEqual([
      'user.create',
      'organisation.create',
      'registration.submit',
    ]);
    expect(JSON.stringify(audit[1]!.after)).toContain('5101********0001');
    expect(JSON.stringify(audit[1]!.after)).not.toContain(NIK);

    // The applicant can log in at once, holds no grant, and sees the request waiting.
    const me = await login(t.app, body.applicantEmail, APPLICANT_PASSWORD);
    const call = as(t.app, me);
    expect((await call({ method: 'GET', url: '/api/auth/me' })).json().user.grants).toEqual([]);
    const mine = (await call({ method: 'GET', url: '/api/registrations/mine' })).json();
    expect(mine.items).toEqual([
      expect.objectContaining({
        id: saved.id,
        status: 'pending',
        organisationId: org.id,
        organisationName: body.name,
        decidedAt: null,
        rejectReason: null,
      }),
    ]);
    // Until approved the organisation is outside the applicant's scope.
    expect((await call({ method: 'GET', url: `/api/organisations/${org.id}` })).statusCode).toBe(
      404,
    );
    expect((await call({ method: 'GET', url: '/api/registrations' })).statusCode).toBe(403);
  });

  it('returns the NIK warnings of the staff form without refusing', async () => {
    const res = await submit(form({ ownerBirthDate: '1991-02-01' }));
    expect(res.statusCode).toBe(201);
    expect(res.json().warnings).toEqual([
      {
        code: 'nik_birth_date_mismatch',
        field: 'ownerNik',
        message:
          'Tanggal lahir dalam NIK tidak cocok dengan tanggal lahir pemilik. Periksa keduanya.',
      },
    ]);
  });

  it('takes any code of the full KBLI 2020 list (trade, agriculture), and administrators see the NIK in full', async () => {
    const body = form({ kbli: ['47911', '01111'] });
    const res = await submit(body);
    expect(res.statusCode).toBe(201);
    const list = (
      await as(t.app, admin)({ method: 'GET', url: '/api/registrations?limit=100' })
    ).json();
    const item = list.items.find(
      (r: { organisation: { name: string } }) => r.organisation.name === body.name,
    );
    expect(item.organisation.kbli.map((k: { code: string }) => k.code).sort()).toEqual([
      '01111',
      '47911',
    ]);
    expect(item.organisation.kbli).toContainEqual({ code: '01111', title: 'Pertanian Jagung' });
    expect(item.organisation.ownerNik).toBe(NIK);
  });
});

describe('refusals', () => {
  it.each([
    ['nib', '912000200001', 'nib_format', 'NIB harus 13 digit angka.'],
    ['nib', '91200020000AB', 'nib_format', 'NIB harus 13 digit angka.'],
    [
      'npwp',
      '01.312.166.1-091.000',
      'npwp_check_digit',
      'Digit pemeriksa NPWP salah; periksa kembali nomornya.',
    ],
    [
      'npwp',
      '0131216609100',
      'npwp_length',
      'NPWP harus 15 digit, 16 digit (NPWP16 atau NIK), atau 22 digit (NITKU).',
    ],
    ['ownerNik', '510102410290001', 'nik_format', 'NIK harus 16 digit angka.'],
    [
      'ownerNik',
      '5101020000000001',
      'nik_birth_date',
      'Digit 7–12 NIK bukan tanggal lahir yang valid (DDMMYY; perempuan: tanggal + 40).',
    ],
    ['phone', '12', 'phone_format', undefined],
    ['regionCode', '5101', 'region_code_format', undefined],
  ])(
    'refuses %s %j with %s, as the staff form does, and writes nothing',
    async (field, value, code, message) => {
      const before = await counts();
      const res = await submit(form({ [field]: value }));
      expect(res.statusCode).toBe(400);
      const err = res.json().error;
      expect(err.code).toBe('validation_failed');
      expect(err.details.fields).toEqual([
        { path: field, code, message: message ?? expect.any(String) },
      ]);
      expect(await counts()).toEqual(before);

      // The staff form answers the same mistake with the very same message.
      const staff = await as(
        t.app,
        admin,
      )({
        method: 'POST',
        url: '/api/organisations',
        payload: { kind: 'umkm', name: 'Staff form', [field]: value },
      });
      expect(staff.json().error.details.fields).toEqual(err.details.fields);
    },
  );

  it('refuses KBLI codes that are badly formed or not in the shipped list, with every problem at once', async () => {
    const before = await counts();
    const res = await submit(form({ kbli: ['1073', '99999'], nib: '123' }));
    expect(res.statusCode).toBe(400);
    expect(res.json().error.details.fields).toEqual([
      { path: 'nib', code: 'nib_format', message: 'NIB harus 13 digit angka.' },
      { path: 'kbli', code: 'kbli_format', message: 'Kode KBLI harus 5 digit angka.' },
      {
        path: 'kbli',
        code: 'kbli_unknown',
        message: 'Kode KBLI 99999 tidak ada dalam daftar KBLI 2020 yang dimuat.',
      },
    ]);
    expect(await counts()).toEqual(before);
  });

  it('answers in English when asked', async () => {
    const res = await submit(form({ nib: '912000200001' }), { 'accept-language': 'en' });
    expect(res.json().error.details.fields[0].message).toBe('The NIB must be 13 digits.');
  });

  it('requires the identifiers, a KBLI code, a known site and a password of the accounts rules', async () => {
    const before = await counts();
    const { nib: _nib, ownerNik: _nik, ...rest } = form();
    const res = await submit({ ...rest, kbli: [], password: 'short' });
    expect(res.statusCode).toBe(400);
    const fields = Object.fromEntries(
      (res.json().error.details.fields as { path: string; message: string }[]).map((f) => [
        f.path,
        f.message,
      ]),
    );
    expect(fields).toEqual({
      nib: 'Wajib diisi.',
      ownerNik: 'Wajib diisi.',
      kbli: 'Minimal 1 item.',
      password: 'Minimal 10 karakter.',
    });
    const site = await submit(form({ siteId: '00000000-0000-4000-8000-000000000000' }));
    expect(site.statusCode).toBe(400);
    expect(site.json().error.details.fields).toEqual([
      {
        path: 'siteId',
        code: 'registration_site_unknown',
        message: 'Pilih situs yang ingin Anda ikuti dari daftar.',
      },
    ]);
    expect(await counts()).toEqual(before);
  });

  it('refuses a NIB already registered and an e-mail already in use with a specific 409, writing nothing', async () => {
    const first = form();
    expect((await submit(first)).statusCode).toBe(201);
    const before = await counts();

    const sameNib = await submit(form({ nib: first.nib }));
    expect(sameNib.statusCode).toBe(409);
    expect(sameNib.json().error).toEqual({
      code: 'nib_taken',
      message: 'NIB ini sudah terdaftar pada organisasi lain.',
      details: { field: 'nib' },
    });

    const sameEmail = await submit(form({ applicantEmail: first.applicantEmail.toUpperCase() }));
    expect(sameEmail.statusCode).toBe(409);
    expect(sameEmail.json().error).toEqual({
      code: 'email_taken',
      message: 'Sudah ada pengguna dengan e-mail ini.',
      details: { field: 'applicantEmail' },
    });
    // An e-mail of a staff account counts too.
    expect((await submit(form({ applicantEmail: 'mgr.b@example.test' }))).statusCode).toBe(409);
    expect(await counts()).toEqual(before);
  });
});

/** Submits a registration at site A and returns its id and form. */
async function registered(over: Record<string, unknown> = {}) {
  const body = form(over);
  const res = await submit(body);
  expect(res.statusCode).toBe(201);
  const org = await t.database.db
    .selectFrom('organisations')
    .select('id')
    .where('name', '=', body.name)
    .executeTakeFirstOrThrow();
  return { id: res.json().id as string, body, orgId: org.id };
}

describe('deciding', () => {
  it('approves: the organisation joins the site and the applicant becomes its member', async () => {
    const { id, body, orgId } = await registered();
    const list = (await as(t.app, mgrA)({ method: 'GET', url: '/api/registrations' })).json();
    const item = list.items.find((r: { id: string }) => r.id === id);
    expect(item).toMatchObject({
      status: 'pending',
      site: { id: a.siteId },
      organisation: {
        id: orgId,
        name: body.name,
        ownerNik: '5101********0001',
        kbli: [{ code: '10731', title: 'Industri Kakao' }],
      },
      applicant: { name: body.applicantName, email: body.applicantEmail },
    });

    const res = await as(t.app, mgrA)({ method: 'POST', url: `/api/registrations/${id}/approve` });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({
      status: 'approved',
      decidedBy: 'mgr.a@example.test',
      decidedAt: expect.any(String),
      rejectReason: null,
    });
    const db = t.database.db;
    expect(
      await db
        .selectFrom('site_members')
        .select('site_id')
        .where('organisation_id', '=', orgId)
        .execute(),
    ).toEqual([{ site_id: a.siteId }]);
    const mail = await db
      .selectFrom('outbox_messages')
      .select(['to_address', 'subject'])
      .where('dedupe_key', '=', `registration.approved:${id}`)
      .executeTakeFirstOrThrow();
    expect(mail.to_address).toBe(body.applicantEmail);
    expect(mail.subject).toMatch(new RegExp(`^Pendaftaran ${body.name} di Site \\d+ disetujui$`));

    // The applicant now holds umkm_member on the organisation and can open it.
    const me = await login(t.app, body.applicantEmail, APPLICANT_PASSWORD);
    const call = as(t.app, me);
    expect((await call({ method: 'GET', url: '/api/auth/me' })).json().user.grants).toEqual([
      expect.objectContaining({ role: 'umkm_member', scopeType: 'organisation', scopeId: orgId }),
    ]);
    const own = await call({ method: 'GET', url: `/api/organisations/${orgId}` });
    expect(own.statusCode).toBe(200);
    expect(own.json()).toMatchObject({ name: body.name, ownerNik: NIK, canEdit: true });

    // Deciding twice is refused; it is gone from the pending list.
    const again = await as(
      t.app,
      admin,
    )({ method: 'POST', url: `/api/registrations/${id}/approve` });
    expect(again.statusCode).toBe(409);
    expect(again.json().error.code).toBe('registration_decided');
    const pending = (await as(t.app, mgrA)({ method: 'GET', url: '/api/registrations' })).json();
    expect(pending.items.map((r: { id: string }) => r.id)).not.toContain(id);
    const approved = (
      await as(t.app, mgrA)({ method: 'GET', url: '/api/registrations?status=approved' })
    ).json();
    expect(approved.items.map((r: { id: string }) => r.id)).toContain(id);
  });

  it('rejects with a reason the applicant sees and is sent, granting nothing', async () => {
    const { id, body, orgId } = await registered();
    const call = as(t.app, mgrA);
    const empty = await call({
      method: 'POST',
      url: `/api/registrations/${id}/reject`,
      payload: { reason: '  ' },
    });
    expect(empty.statusCode).toBe(400);
    expect(empty.json().error.details.fields[0]).toMatchObject({
      path: 'reason',
      code: 'required',
    });

    const reason = 'NIB tidak cocok dengan dokumen OSS; daftar ulang dengan NIB yang benar.';
    const res = await call({
      method: 'POST',
      url: `/api/registrations/${id}/reject`,
      payload: { reason },
    });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ status: 'rejected', rejectReason: reason });
    const db = t.database.db;
    expect(
      await db
        .selectFrom('site_members')
        .select('site_id')
        .where('organisation_id', '=', orgId)
        .execute(),
    ).toEqual([]);
    const mail = await db
      .selectFrom('outbox_messages')
      .select(['to_address', 'body_text'])
      .where('dedupe_key', '=', `registration.rejected:${id}`)
      .executeTakeFirstOrThrow();
    expect(mail.to_address).toBe(body.applicantEmail);
    expect(mail.body_text).toContain(reason);

    const me = as(t.app, await login(t.app, body.applicantEmail, APPLICANT_PASSWORD));
    expect((await me({ method: 'GET', url: '/api/auth/me' })).json().user.grants).toEqual([]);
    expect((await me({ method: 'GET', url: '/api/registrations/mine' })).json().items).toEqual([
      expect.objectContaining({ id, status: 'rejected', rejectReason: reason }),
    ]);
    const audit = await db
      .selectFrom('audit_log')
      .select(['action', 'actor_label'])
      .where('entity_id', '=', id)
      .orderBy('id')
      .execute();
    expect(audit).toEqual([
      { action: 'registration.submit', actor_label: body.applicantEmail },
      { action: 'registration.reject', actor_label: 'mgr.a@example.test' },
    ]);
  });

  it("hides a site's requests from a manager of another site and refuses operators", async () => {
    const { id } = await registered();
    const list = (await as(t.app, mgrB)({ method: 'GET', url: '/api/registrations' })).json();
    expect(list.items).toEqual([]);
    const filtered = (
      await as(t.app, mgrB)({ method: 'GET', url: `/api/registrations?siteId=${a.siteId}` })
    ).json();
    expect(filtered.items).toEqual([]);
    for (const [action, payload] of [
      ['approve', undefined],
      ['reject', { reason: 'Bukan wilayah kami.' }],
    ] as const) {
      const res = await as(
        t.app,
        mgrB,
      )({
        method: 'POST',
        url: `/api/registrations/${id}/${action}`,
        ...(payload ? { payload } : {}),
      });
      expect(res.statusCode, action).toBe(404);
      expect(res.json().error.code).toBe('registration_not_found');
    }
    // Operators run the site but do not admit members.
    const op = await as(
      t.app,
      operatorA,
    )({ method: 'POST', url: `/api/registrations/${id}/approve` });
    expect(op.statusCode).toBe(403);
    expect(
      (await as(t.app, operatorA)({ method: 'GET', url: '/api/registrations' })).statusCode,
    ).toBe(403);
    // Still pending, and visible to the administrator with the full NIK.
    const all = (await as(t.app, admin)({ method: 'GET', url: '/api/registrations' })).json();
    expect(all.items.find((r: { id: string }) => r.id === id)).toMatchObject({
      status: 'pending',
      organisation: { ownerNik: NIK },
    });
  });
});

describe('the public endpoints', () => {
  it('show sites with code, name and region only', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/registrations/sites' });
    expect(res.statusCode).toBe(200);
    const items = res.json().items as Record<string, unknown>[];
    expect(items.map((s) => s.id)).toEqual(expect.arrayContaining([a.siteId, b.siteId]));
    for (const site of items) {
      expect(Object.keys(site).sort()).toEqual(['code', 'id', 'name', 'province', 'regency']);
    }
  });

  it('answer a submission with what was sent only, set no session, and keep the rest closed', async () => {
    const res = await submit(form());
    expect(Object.keys(res.json()).sort()).toEqual([
      'id',
      'site',
      'status',
      'submittedAt',
      'warnings',
    ]);
    expect(Object.keys(res.json().site).sort()).toEqual(['code', 'id', 'name', 'timeZone']);
    expect(res.headers['set-cookie']).toBeUndefined();
    for (const url of ['/api/registrations', '/api/registrations/mine']) {
      const anonymous = await t.app.inject({ method: 'GET', url });
      expect(anonymous.statusCode, url).toBe(401);
    }
    // A visitor cannot decide, even knowing an id.
    const decide = await t.app.inject({
      method: 'POST',
      url: `/api/registrations/${res.json().id}/approve`,
    });
    expect(decide.statusCode).toBe(401);
    // The KBLI list (public BPS reference data) is open to the form.
    const kbli = await t.app.inject({ method: 'GET', url: '/api/kbli?q=kakao' });
    expect(kbli.statusCode).toBe(200);
    expect(kbli.json().items).toContainEqual({ code: '10731', title: 'Industri Kakao' });
  });

  it('limits submissions per client IP like the login', async () => {
    const limited = await createTestApp({ env: { RPB_LOGIN_RATE_LIMIT: '2' } });
    try {
      const post = () =>
        limited.app.inject({ method: 'POST', url: '/api/registrations', payload: {} });
      expect((await post()).statusCode).toBe(400);
      expect((await post()).statusCode).toBe(400);
      const third = await post();
      expect(third.statusCode).toBe(429);
      expect(third.json().error.code).toBe('rate_limited');
      // Counted apart from the login: a limited registration does not lock anyone out.
      const loginAttempt = await limited.app.inject({
        method: 'POST',
        url: '/api/auth/login',
        payload: { email: 'nobody@example.test', password: 'x' },
      });
      expect(loginAttempt.statusCode).toBe(401);
    } finally {
      await limited.close();
    }
  });
});

describe('database constraints', () => {
  it('allow one pending request per organisation and site, known statuses, and complete decisions', async () => {
    const { id, orgId } = await registered();
    const db = t.database.db;
    const row = await db
      .selectFrom('member_registrations')
      .selectAll()
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    const again = {
      organisation_id: orgId,
      site_id: a.siteId,
      applicant_user_id: row.applicant_user_id,
    };
    await expect(db.insertInto('member_registrations').values(again).execute()).rejects.toThrow(
      /member_registrations_pending_key/,
    );
    // Another site is another request.
    await db
      .insertInto('member_registrations')
      .values({ ...again, site_id: b.siteId })
      .execute();
    const update = (set: Record<string, unknown>) =>
      db.updateTable('member_registrations').set(set).where('id', '=', id).execute();
    await expect(update({ status: 'maybe' })).rejects.toThrow(/check/);
    await expect(update({ status: 'approved' })).rejects.toThrow(
      /member_registrations_decided_check/,
    );
    const someone = row.applicant_user_id;
    await expect(
      update({ status: 'rejected', decided_at: row.submitted_at, decided_by: someone }),
    ).rejects.toThrow(/member_registrations_reason_check/);
    await expect(
      update({
        status: 'approved',
        decided_at: new Date(row.submitted_at.getTime() - 1000),
        decided_by: someone,
      }),
    ).rejects.toThrow(/member_registrations_decided_after_check/);
    await expect(update({ reject_reason: 'no', status: 'pending' })).rejects.toThrow(
      /member_registrations_reason_check/,
    );
  });
});
