/**
 * A site's holidays for one year — national days, cuti bersama, local days — with add, edit,
 * delete, "add the national holidays of the year" (the SKB 3 Menteri list shipped with RPB;
 * dates already set are kept) and "copy from another site".
 */
import { useState, type FormEvent } from 'react';
import type { z } from 'zod';
import { useApi } from '../../app/session-context.js';
import { type Column } from '../../components/data-table.js';
import { ErrorBanner, NoticeBanner, SuccessBanner } from '../../components/error-banner.js';
import { SelectField, TextField } from '../../components/field.js';
import { FormButtons } from '../../components/form-buttons.js';
import { Loaded } from '../../components/loaded.js';
import { Section } from '../../components/page.js';
import { TableOrEmpty } from '../../components/table-or-empty.js';
import { useI18n } from '../../i18n/i18n-context.js';
import {
  CreateHolidayRequest,
  HOLIDAY_KINDS,
  type AddNationalHolidaysResponse,
  type Holiday,
  type TimeZone,
} from '../../lib/contracts.js';
import { dayIn, formatDate } from '../../lib/format.js';
import { useResource } from '../../lib/use-resource.js';
import { formValues, useSubmit } from '../../lib/use-submit.js';
import { SiteSelect, useSites } from '../organisations/site-select.js';

interface HolidayList {
  year: number;
  items: Holiday[];
}

export function HolidaysSection({
  siteId,
  timeZone,
  canEdit,
}: {
  siteId: string;
  timeZone: TimeZone;
  canEdit: boolean;
}) {
  const { t, locale } = useI18n();
  const api = useApi();
  const thisYear = Number(dayIn(new Date(), timeZone).slice(0, 4));
  const [year, setYear] = useState(thisYear);
  const base = `/api/sites/${encodeURIComponent(siteId)}/holidays`;
  const holidays = useResource<HolidayList>(base, { year });
  const [editing, setEditing] = useState<Holiday | 'new' | null>(null);
  const [copying, setCopying] = useState(false);
  const remove = useSubmit(async (holiday: Holiday) => {
    await api.delete(`${base}/${encodeURIComponent(holiday.id)}`);
    holidays.reload();
  });
  const [national, setNational] = useState<AddNationalHolidaysResponse | null>(null);
  const addNational = useSubmit(async (body: { year: number }) => {
    setNational(await api.post<AddNationalHolidaysResponse>(`${base}/national`, body));
    holidays.reload();
  });
  const chooseYear = (next: number) => {
    setYear(next);
    setNational(null);
    addNational.reset();
  };

  const columns: Column<Holiday>[] = [
    {
      key: 'date',
      header: t('holidays.date'),
      render: (h) => <span className="nowrap">{formatDate(h.date, locale)}</span>,
    },
    { key: 'name', header: t('holidays.name'), render: (h) => h.name },
    { key: 'kind', header: t('holidays.kind'), render: (h) => t(`holidayKind.${h.kind}`) },
  ];
  if (canEdit) {
    columns.push({
      key: 'actions',
      header: t('table.actions'),
      render: (h) => (
        <div className="button-row">
          <button
            type="button"
            className="button-secondary"
            aria-label={t('holidays.editNamed', { name: h.name })}
            onClick={() => {
              setCopying(false);
              setEditing(h);
            }}
          >
            {t('action.edit')}
          </button>
          <button
            type="button"
            className="button-danger"
            disabled={remove.pending}
            aria-label={t('holidays.removeNamed', { name: h.name })}
            onClick={() => {
              if (window.confirm(t('holidays.removeConfirm', { name: h.name })))
                void remove.submit(h);
            }}
          >
            {t('action.remove')}
          </button>
        </div>
      ),
    });
  }

  return (
    <Section title={t('holidays.title')} testId="site-holidays">
      <div className="form form-inline">
        <SelectField
          label={t('holidays.year')}
          name="year"
          value={String(year)}
          onChange={(event) => chooseYear(Number(event.target.value))}
        >
          {[thisYear - 1, thisYear, thisYear + 1].map((option) => (
            <option key={option} value={option}>
              {option}
            </option>
          ))}
        </SelectField>
      </div>
      <ErrorBanner error={remove.error} />
      <ErrorBanner error={addNational.error} />
      {national && (
        <SuccessBanner>
          {t('holidays.nationalAdded', {
            added: national.added,
            skipped: national.skipped,
            year: national.year,
          })}
        </SuccessBanner>
      )}
      {national && !national.complete && (
        <NoticeBanner
          title={t('holidays.nationalPartial', { year: national.year })}
          testId="holidays-national-partial"
        >
          <p>{t('holidays.nationalPartialBody', { year: national.year })}</p>
        </NoticeBanner>
      )}
      <Loaded resource={holidays}>
        {(data) => (
          <TableOrEmpty
            caption={t('holidays.title')}
            columns={columns}
            rows={data.items}
            rowKey={(h) => h.id}
            testId="holiday-table"
            emptyTitle={t('holidays.empty.title', { year })}
            emptyBody={
              canEdit ? t('holidays.empty.bodyEditor', { year }) : t('holidays.empty.bodyReader')
            }
          />
        )}
      </Loaded>
      {canEdit && editing === null && !copying && (
        <div className="section-actions button-row">
          <button
            type="button"
            disabled={addNational.pending}
            aria-busy={addNational.pending}
            onClick={() => {
              setNational(null);
              void addNational.submit({ year });
            }}
            data-testid="add-national-holidays"
          >
            {addNational.pending ? t('action.saving') : t('holidays.national', { year })}
          </button>
          <button
            type="button"
            className="button-secondary"
            onClick={() => setEditing('new')}
            data-testid="add-holiday"
          >
            {t('holidays.add')}
          </button>
          <button type="button" className="button-secondary" onClick={() => setCopying(true)}>
            {t('holidays.copy')}
          </button>
        </div>
      )}
      {editing !== null && (
        <HolidayForm
          key={editing === 'new' ? 'new' : editing.id}
          base={base}
          year={year}
          holiday={editing === 'new' ? null : editing}
          onSaved={() => {
            setEditing(null);
            holidays.reload();
          }}
          onCancel={() => setEditing(null)}
        />
      )}
      {copying && (
        <CopyHolidays
          base={base}
          siteId={siteId}
          year={year}
          onCopied={holidays.reload}
          onClose={() => setCopying(false)}
        />
      )}
    </Section>
  );
}

function HolidayForm({
  base,
  year,
  holiday,
  onSaved,
  onCancel,
}: {
  base: string;
  year: number;
  holiday: Holiday | null;
  onSaved: () => void;
  onCancel: () => void;
}) {
  const { t } = useI18n();
  const api = useApi();
  const submission = useSubmit(async (body: z.output<typeof CreateHolidayRequest>) => {
    if (holiday) await api.patch(`${base}/${encodeURIComponent(holiday.id)}`, body);
    else await api.post(base, body);
    onSaved();
  }, CreateHolidayRequest);
  const onSubmit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const values = formValues(event.currentTarget);
    await submission.submit({
      date: values['date'] ?? '',
      name: (values['name'] ?? '').trim(),
      kind: values['kind'] ?? '',
    });
  };
  const errors = submission.fieldErrors;
  return (
    <form
      className="form form-panel"
      onSubmit={(event) => void onSubmit(event)}
      noValidate
      data-testid="holiday-form"
    >
      <h3>{holiday ? t('holidays.editNamed', { name: holiday.name }) : t('holidays.add')}</h3>
      <ErrorBanner error={submission.error} />
      <TextField
        label={t('holidays.date')}
        name="date"
        type="date"
        min={`${year}-01-01`}
        max={`${year}-12-31`}
        defaultValue={holiday?.date ?? ''}
        error={errors['date']}
      />
      <TextField
        label={t('holidays.name')}
        name="name"
        defaultValue={holiday?.name ?? ''}
        hint={t('holidays.nameHint')}
        error={errors['name']}
      />
      <SelectField
        label={t('holidays.kind')}
        name="kind"
        defaultValue={holiday?.kind ?? 'national'}
        error={errors['kind']}
      >
        {HOLIDAY_KINDS.map((kind) => (
          <option key={kind} value={kind}>
            {t(`holidayKind.${kind}`)}
          </option>
        ))}
      </SelectField>
      <FormButtons pending={submission.pending} label={t('action.save')} onCancel={onCancel} />
    </form>
  );
}

function CopyHolidays({
  base,
  siteId,
  year,
  onCopied,
  onClose,
}: {
  base: string;
  siteId: string;
  year: number;
  onCopied: () => void;
  onClose: () => void;
}) {
  const { t } = useI18n();
  const api = useApi();
  const sites = useSites();
  const [fromSiteId, setFromSiteId] = useState('');
  const [result, setResult] = useState<{ copied: number; skipped: number } | null>(null);
  const [fromError, setFromError] = useState<string | undefined>();
  const copy = useSubmit(async (body: { fromSiteId: string; year: number }) => {
    setResult(await api.post<{ copied: number; skipped: number }>(`${base}/copy`, body));
    onCopied();
  });
  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setResult(null);
    if (!fromSiteId) return setFromError(t('validation.required'));
    setFromError(undefined);
    void copy.submit({ fromSiteId, year });
  };
  const others = { ...sites, items: sites.items.filter((site) => site.id !== siteId) };
  return (
    <form className="form form-panel" onSubmit={onSubmit} noValidate data-testid="holiday-copy">
      <h3>{t('holidays.copyTitle', { year })}</h3>
      <ErrorBanner error={copy.error} />
      {result && <SuccessBanner>{t('holidays.copied', result)}</SuccessBanner>}
      <SiteSelect
        sites={others}
        label={t('holidays.copyFrom')}
        name="fromSiteId"
        value={fromSiteId}
        onChange={setFromSiteId}
        emptyOption={{ label: t('holidays.copyChoose'), selectable: false }}
        hint={t('holidays.copyHint')}
        error={fromError ?? copy.fieldErrors['fromSiteId']}
      />
      <FormButtons
        pending={copy.pending}
        label={t('holidays.copySubmit')}
        cancelLabel={t('action.close')}
        onCancel={onClose}
      />
    </form>
  );
}
