// @vitest-environment jsdom
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { App } from '../../app/app.js';
import { apiError, installFakeApi, type FakeRequest } from '../../testing/fake-api.js';
import { me } from '../../testing/fixtures.js';
import type { PersonT, QualificationT, TrainingSessionT } from './types.js';

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

const SESSION_ID = '00000000-0000-4000-8000-00000000e001';
const SITE_ID = '00000000-0000-4000-8000-00000000b001';
const ORG_ID = '00000000-0000-4000-8000-00000000c001';
const NURUL = '00000000-0000-4000-8000-00000000f001';
const RAHMAD = '00000000-0000-4000-8000-00000000f002';

const person = (id: string, name: string): PersonT => ({
  id,
  organisationId: ORG_ID,
  organisationName: 'CV Nilam Harum Tamiang',
  name,
  nik: null,
  nikMasked: false,
  phone: null,
  email: null,
  role: 'worker',
  active: true,
  canEdit: true,
  createdAt: '2026-03-04T01:05:00.000Z',
  updatedAt: '2026-03-04T01:05:00.000Z',
});

const session: TrainingSessionT = {
  id: SESSION_ID,
  siteId: SITE_ID,
  siteName: 'RPB Nilam Bandar Pusaka',
  machineType: 'distillation',
  heldOn: '2026-03-02',
  trainer: { id: '00000000-0000-4000-8000-00000000a001', name: 'Operator Aceh' },
  title: 'Pengoperasian ketel suling nilam dan K3 uap',
  notes: null,
  canEdit: true,
  attendance: [],
};

function routes(sent: FakeRequest[]) {
  let current: TrainingSessionT = session;
  const people = [person(NURUL, 'Nurul Aini'), person(RAHMAD, 'Rahmad Hidayat')];
  const granted: QualificationT[] = [];
  const attend = (request: FakeRequest) => {
    sent.push(request);
    const personId = request.path.split('/').pop() ?? '';
    const who = people.find((p) => p.id === personId)!;
    const passed = (request.body as { passed: boolean }).passed;
    const others = current.attendance.filter((a) => a.personId !== personId);
    current = {
      ...current,
      attendance: [
        ...others,
        {
          personId,
          personName: who.name,
          organisationId: ORG_ID,
          organisationName: who.organisationName,
          passed,
          recordedAt: '2026-03-04T03:00:00.000Z',
        },
      ],
    };
    return { body: current };
  };
  return {
    'GET /api/auth/me': () => ({ body: me(['site_operator']) }),
    [`GET /api/training-sessions/${SESSION_ID}`]: () => ({ body: current }),
    'GET /api/people': (request: FakeRequest) => {
      expect(request.query.get('siteId')).toBe(SITE_ID);
      return { body: { items: people, nextCursor: null } };
    },
    [`PUT /api/training-sessions/${SESSION_ID}/attendance/${NURUL}`]: attend,
    [`PUT /api/training-sessions/${SESSION_ID}/attendance/${RAHMAD}`]: attend,
    'GET /api/qualifications': (request: FakeRequest) => {
      expect(request.query.get('machineType')).toBe('distillation');
      return { body: { items: granted, nextCursor: null } };
    },
    'POST /api/qualifications': (request: FakeRequest) => {
      sent.push(request);
      const body = request.body as { personId: string; trainingSessionId: string | null };
      if (body.personId === RAHMAD) {
        return apiError(422, 'validation_failed', 'Periksa isian.', {
          fields: [
            {
              path: 'trainingSessionId',
              code: 'attendance_not_passed',
              message: 'Orang ini tidak lulus pada sesi pelatihan tersebut.',
            },
          ],
        });
      }
      const qualification = {
        id: '00000000-0000-4000-8000-00000000d001',
        personId: body.personId,
        personName: 'Nurul Aini',
        machineType: 'distillation',
        status: 'valid',
        valid: true,
      } as QualificationT;
      granted.push(qualification);
      return { status: 201, body: qualification };
    },
  };
}

async function addAttendee(name: string, passed: boolean) {
  const form = screen.getByTestId('attendee-form');
  const select = within(form).getByLabelText('Pekerja');
  await within(select).findByRole('option', { name: new RegExp(name) });
  fireEvent.change(select, {
    target: {
      value: within(select)
        .getByRole('option', { name: new RegExp(name) })
        .getAttribute('value'),
    },
  });
  fireEvent.change(within(form).getByLabelText('Hasil'), {
    target: { value: String(passed) },
  });
  fireEvent.click(within(form).getByRole('button', { name: 'Tambah peserta' }));
}

describe('attendance and grant on a training session', () => {
  it('records attendees, marks a result, and grants the qualification from a passed attendance', async () => {
    const sent: FakeRequest[] = [];
    installFakeApi(routes(sent));
    window.history.replaceState(null, '', `/training/sessions/${SESSION_ID}`);
    render(<App />);

    expect(
      await screen.findByRole('heading', {
        level: 1,
        name: 'Pengoperasian ketel suling nilam dan K3 uap',
      }),
    ).toBeTruthy();
    // Nobody yet: the empty state says what to do.
    expect(await screen.findByText('Belum ada peserta')).toBeTruthy();

    await addAttendee('Nurul Aini', true);
    const table = await screen.findByTestId('attendance-table');
    expect(within(table).getByText('Nurul Aini')).toBeTruthy();
    expect(within(table).getByTestId('attendance-result').textContent).toBe('Lulus');
    expect(sent[0]?.method).toBe('PUT');
    expect(sent[0]?.body).toEqual({ passed: true });
    expect(sent[0]?.headers.get('X-CSRF-Token')).toBe('csrf-token');

    // Someone already attending is no longer offered.
    const select = within(screen.getByTestId('attendee-form')).getByLabelText('Pekerja');
    await waitFor(() =>
      expect(within(select).queryByRole('option', { name: /Nurul Aini/ })).toBeNull(),
    );

    // Rahmad attended but failed: no grant offered for him.
    await addAttendee('Rahmad Hidayat', false);
    await waitFor(() => expect(screen.getAllByTestId('attendance-result')).toHaveLength(2));
    expect(screen.getAllByTestId('grant-from-attendance')).toHaveLength(1);

    // Marking him passed offers the grant too.
    fireEvent.click(screen.getByRole('button', { name: 'Tandai Rahmad Hidayat lulus' }));
    await waitFor(() => expect(screen.getAllByTestId('grant-from-attendance')).toHaveLength(2));

    // Granting from Nurul's passed attendance sends the session with the person.
    fireEvent.click(
      screen.getByRole('button', { name: 'Beri kualifikasi Penyulingan kepada Nurul Aini' }),
    );
    const grant = await screen.findByTestId('grant-form');
    fireEvent.click(within(grant).getByRole('button', { name: 'Beri kualifikasi' }));
    expect(
      await screen.findByText('Kualifikasi Penyulingan diberikan kepada Nurul Aini.'),
    ).toBeTruthy();
    // Nurul now holds it: only Rahmad is still offered the grant.
    expect(await screen.findByTestId('already-qualified')).toBeTruthy();
    expect(screen.getAllByTestId('grant-from-attendance')).toHaveLength(1);
    const post = sent.find((request) => request.method === 'POST');
    expect(post?.body).toEqual({
      personId: NURUL,
      machineType: 'distillation',
      siteId: SITE_ID,
      trainingSessionId: SESSION_ID,
    });
  });

  it('shows the field problem the API returns beside the grant form', async () => {
    const sent: FakeRequest[] = [];
    installFakeApi(routes(sent));
    window.history.replaceState(null, '', `/training/sessions/${SESSION_ID}`);
    render(<App />);
    await screen.findByText('Belum ada peserta');
    await addAttendee('Rahmad Hidayat', true);
    fireEvent.click(
      await screen.findByRole('button', {
        name: 'Beri kualifikasi Penyulingan kepada Rahmad Hidayat',
      }),
    );
    const grant = await screen.findByTestId('grant-form');
    fireEvent.click(within(grant).getByRole('button', { name: 'Beri kualifikasi' }));
    expect(
      await within(grant).findByText('Orang ini tidak lulus pada sesi pelatihan tersebut.'),
    ).toBeTruthy();
    expect(within(grant).getByTestId('error-banner').textContent).toContain('Periksa isian.');
  });
});
