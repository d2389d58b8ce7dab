import { describe, expect, it } from 'vitest';
import type { RegisterRequest } from './registrations.contract.js';
import {
  canDecide,
  checkRegistration,
  decisionEmail,
  registrationScope,
  submittedEmail,
} from './registrations.js';

const SITE_A = '11111111-1111-4111-8111-111111111111';
const SITE_B = '22222222-2222-4222-8222-222222222222';

const form = (over: Partial<RegisterRequest> = {}): RegisterRequest => ({
  name: 'CV Kakao Lestari',
  nib: '9120 0020 0000 1',
  npwp: '01.312.166.0-091.000',
  ownerName: 'Ni Luh Putu Sari',
  ownerNik: '5101024102900001',
  kbli: ['10731'],
  siteId: SITE_A,
  applicantName: 'Ni Luh Putu Sari',
  applicantEmail: 'luh@example.test',
  password: 'kakao-lestari-2026',
  ...over,
});

describe('registrationScope', () => {
  it('gives administrators every site and managers theirs; operators and members none', () => {
    expect(registrationScope([{ role: 'administrator', scopeId: null }])).toEqual({
      all: true,
      siteIds: [],
    });
    const manager = registrationScope([
      { role: 'site_manager', scopeId: SITE_A },
      { role: 'site_operator', scopeId: SITE_B },
      { role: 'umkm_member', scopeId: SITE_B },
    ]);
    expect(manager).toEqual({ all: false, siteIds: [SITE_A] });
    expect(canDecide(manager, SITE_A)).toBe(true);
    expect(canDecide(manager, SITE_B)).toBe(false);
    expect(canDecide(registrationScope([]), SITE_A)).toBe(false);
  });
});

describe('checkRegistration', () => {
  it('normalises identifiers like the staff form and keeps each KBLI code once', () => {
    const r = checkRegistration(form({ kbli: ['10731', '10.731', '20294'] }));
    expect(r.problems).toEqual([]);
    expect(r.values).toMatchObject({
      nib: '9120002000001',
      npwp: '0013121660091000',
      npwp15_legacy: '013121660091000',
      owner_nik: '5101024102900001',
    });
    expect(r.kbli).toEqual(['10731', '20294']);
  });

  it('collects every problem at once, with the organisations codes', () => {
    const r = checkRegistration(form({ nib: '912000200001', ownerNik: '1', kbli: ['1073'] }));
    expect(r.problems).toEqual([
      { path: 'nib', code: 'nib_format' },
      { path: 'ownerNik', code: 'nik_format' },
      { path: 'kbli', code: 'kbli_format' },
    ]);
  });
});

describe('e-mails', () => {
  it('tells managers who registered what, Indonesian first, with a link when the URL is known', () => {
    const mail = submittedEmail({
      organisationName: 'CV Kakao Lestari',
      nib: '9120002000001',
      siteName: 'RPB Kakao Kaliakah',
      siteCode: 'JBR-01',
      applicantName: 'Ni Luh',
      applicantEmail: 'luh@example.test',
      url: 'https://rpb.example.org/registrations',
    });
    expect(mail.subject).toBe('Pendaftaran anggota baru di RPB Kakao Kaliakah: CV Kakao Lestari');
    expect(mail.text.indexOf('mendaftarkan')).toBeLessThan(mail.text.indexOf('registered'));
    expect(mail.text).toContain('Buka daftar pendaftaran: https://rpb.example.org/registrations');
    expect(submittedEmail({ ...mailFacts(), url: null }).text).not.toContain('http');
  });

  it('tells the applicant the decision, and the reason of a rejection', () => {
    const base = {
      applicantName: 'Ni Luh',
      organisationName: 'CV Kakao Lestari',
      siteName: 'RPB Kakao Kaliakah',
      url: null,
    };
    expect(decisionEmail({ ...base, status: 'approved', reason: null }).subject).toBe(
      'Pendaftaran CV Kakao Lestari di RPB Kakao Kaliakah disetujui',
    );
    const rejected = decisionEmail({ ...base, status: 'rejected', reason: 'NIB salah.' });
    expect(rejected.subject).toMatch(/ditolak$/);
    expect(rejected.text.match(/NIB salah\./g)).toHaveLength(2);
  });
});

function mailFacts() {
  return {
    organisationName: 'X',
    nib: '1',
    siteName: 'S',
    siteCode: 'S-1',
    applicantName: 'A',
    applicantEmail: 'a@example.test',
  };
}
