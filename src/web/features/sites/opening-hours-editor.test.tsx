// @vitest-environment jsdom
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { I18nProvider } from '../../i18n/i18n-context.js';
import { installFakeApi } from '../../testing/fake-api.js';
import { me } from '../../testing/fixtures.js';
import { SessionProvider } from '../../app/session-context.js';
import { hoursProblems, toWeek } from './opening-hours.js';
import { OpeningHoursEditor } from './opening-hours-editor.js';
import type { FlatInterval } from './opening-hours.js';

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

const WEEK: FlatInterval[] = [
  { weekday: 1, opens: '08:00', closes: '16:00' },
  { weekday: 5, opens: '08:00', closes: '11:30' },
  { weekday: 5, opens: '13:30', closes: '16:00' },
];

function renderEditor(onSave = vi.fn(async (intervals: FlatInterval[]) => intervals)) {
  installFakeApi({ 'GET /api/auth/me': () => ({ body: me(['site_manager']) }) });
  render(
    <I18nProvider initialLocale="id">
      <SessionProvider>
        <OpeningHoursEditor intervals={WEEK} timeZone="Asia/Makassar" canEdit onSave={onSave} />
      </SessionProvider>
    </I18nProvider>,
  );
  return onSave;
}

describe('opening hours', () => {
  it('checks times, order and overlaps per day', () => {
    expect(hoursProblems(toWeek(WEEK))).toEqual({});
    expect(
      hoursProblems(
        toWeek([
          { weekday: 2, opens: '10:00', closes: '09:00' },
          { weekday: 3, opens: '08:00', closes: '12:00' },
          { weekday: 3, opens: '11:00', closes: '15:00' },
          { weekday: 4, opens: '', closes: '12:00' },
        ]),
      ),
    ).toEqual({
      '2.0': 'hours.error.order',
      '3.1': 'hours.error.overlap',
      '4.0': 'hours.error.time',
    });
  });

  it("shows Friday's break in the site's zone and saves several intervals per day", async () => {
    const onSave = renderEditor();
    expect(screen.getByTestId('friday-break').textContent).toBe(
      'Istirahat salat Jumat 11:30–13:30 WITA',
    );
    expect(within(screen.getByTestId('day-7')).getByText('Tutup')).toBeTruthy();

    // A second interval on Monday, after the first.
    fireEvent.click(screen.getByTestId('add-interval-1'));
    const monday = screen.getByTestId('day-1');
    const closes = within(monday).getAllByLabelText('Tutup');
    expect(closes).toHaveLength(2);
    fireEvent.change(closes[1]!, { target: { value: '20:00' } });
    fireEvent.click(screen.getByTestId('save-hours'));
    await waitFor(() => expect(onSave).toHaveBeenCalledTimes(1));
    expect(onSave.mock.calls[0]?.[0]).toEqual([
      { weekday: 1, opens: '08:00', closes: '16:00' },
      { weekday: 1, opens: '16:00', closes: '20:00' },
      { weekday: 5, opens: '08:00', closes: '11:30' },
      { weekday: 5, opens: '13:30', closes: '16:00' },
    ]);
    expect(await screen.findByText('Jam buka tersimpan.')).toBeTruthy();
  });

  it('refuses to save an interval that closes before it opens, saying so beside it', () => {
    const onSave = renderEditor();
    const monday = screen.getByTestId('day-1');
    fireEvent.change(within(monday).getByLabelText('Tutup'), { target: { value: '07:00' } });
    fireEvent.click(screen.getByTestId('save-hours'));
    expect(within(monday).getByText('Jam tutup harus setelah jam buka.')).toBeTruthy();
    expect(screen.getByRole('alert').textContent).toContain('Periksa jam yang ditandai');
    expect(onSave).not.toHaveBeenCalled();
  });
});
