/**
 * Yearly capital, sales and workers, the size class the API derives from them (PP 7/2021) and
 * the history of class changes — "naik kelas" is what the programme is measured by, so each
 * move up is marked. Amounts are integer Rupiah, typed with or without thousands dots.
 */
import { useState, type FormEvent } from 'react';
import { z } from 'zod';
import { useApi } from '../../app/session-context.js';
import { AddToggle } from '../../components/add-toggle.js';
import { type Column } from '../../components/data-table.js';
import { ErrorBanner, SuccessBanner } from '../../components/error-banner.js';
import { RupiahField, TextField } from '../../components/field.js';
import { FormButtons } from '../../components/form-buttons.js';
import { Loaded } from '../../components/loaded.js';
import { Section } from '../../components/page.js';
import { TableOrEmpty } from '../../components/table-or-empty.js';
import { useI18n } from '../../i18n/i18n-context.js';
import type { MessageKey } from '../../i18n/translate.js';
import { FinancialYearRequest } from '../../lib/contracts.js';
import {
  dayIn,
  formatCount,
  formatDate,
  formatRupiah,
  formatRupiahInput,
  parseRupiahInput,
  PLATFORM_TIME_ZONE,
} from '../../lib/format.js';
import { useResource } from '../../lib/use-resource.js';
import { formValues, useSubmit } from '../../lib/use-submit.js';
import { SizeClassChip } from './size-class.js';
import type {
  FinancialsT,
  FinancialYearSavedT,
  FinancialYearT,
  OrganisationT,
  SizeClassChangeT,
} from './types.js';

const problem = (messageKey: MessageKey) => ({
  code: 'custom' as const,
  message: messageKey,
  params: { messageKey },
});

/** Text of a Rupiah field → integer Rupiah or null, then the contract's own bounds. */
const rupiahText = z
  .string()
  .transform((text, ctx) => {
    const amount = parseRupiahInput(text);
    if (amount === 'invalid') {
      ctx.addIssue(problem('organisations.financials.rupiahInvalid'));
      return z.NEVER;
    }
    return amount;
  })
  .pipe(FinancialYearRequest.shape.capital.unwrap());

const FinancialYearForm = z.object({
  year: z
    .string()
    .trim()
    .transform((text, ctx) => {
      const year = Number(text);
      if (!/^\d{4}$/.test(text) || year < 1900 || year > 2100) {
        ctx.addIssue(problem('organisations.financials.yearInvalid'));
        return z.NEVER;
      }
      return year;
    }),
  capital: rupiahText,
  annualSales: rupiahText,
  workers: z
    .string()
    .trim()
    .transform((text, ctx) => {
      if (text === '') return null;
      if (!/^\d{1,7}$/.test(text)) {
        ctx.addIssue(problem('organisations.financials.workersInvalid'));
        return z.NEVER;
      }
      return Number(text);
    })
    .pipe(FinancialYearRequest.shape.workers.unwrap()),
});
type FinancialYearInput = z.output<typeof FinancialYearForm>;

export function FinancialsSection({
  organisation,
  onClassChanged,
}: {
  organisation: OrganisationT;
  /** The class shown elsewhere (the profile header) needs a refresh. */
  onClassChanged: () => void;
}) {
  const { t, locale } = useI18n();
  const financials = useResource<FinancialsT>(
    `/api/organisations/${encodeURIComponent(organisation.id)}/financials`,
  );
  const [editing, setEditing] = useState<FinancialYearT | 'new' | null>(null);
  const [saved, setSaved] = useState<FinancialYearSavedT | null>(null);

  const amount = (value: number | null) => (value === null ? '—' : formatRupiah(value));
  const columns: Column<FinancialYearT>[] = [
    { key: 'year', header: t('organisations.financials.year'), render: (row) => row.year },
    {
      key: 'capital',
      header: t('organisations.financials.capital'),
      className: 'numeric',
      render: (row) => amount(row.capital),
    },
    {
      key: 'sales',
      header: t('organisations.financials.annualSales'),
      className: 'numeric',
      render: (row) => amount(row.annualSales),
    },
    {
      key: 'workers',
      header: t('organisations.financials.workers'),
      className: 'numeric',
      render: (row) => (row.workers === null ? '—' : formatCount(row.workers, locale)),
    },
  ];
  if (organisation.canEdit) {
    columns.push({
      key: 'actions',
      header: t('table.actions'),
      render: (row) => (
        <button
          type="button"
          className="button-secondary"
          onClick={() => {
            setSaved(null);
            setEditing(row);
          }}
          aria-label={t('organisations.financials.editYear', { year: row.year })}
        >
          {t('action.edit')}
        </button>
      ),
    });
  }

  return (
    <Section title={t('organisations.financials.title')} testId="organisation-financials">
      <Loaded resource={financials}>
        {(data) => (
          <>
            <p className="current-class">
              {t('organisations.financials.currentClass')}{' '}
              <SizeClassChip sizeClass={data.sizeClass} />
            </p>
            {saved && <SavedYear saved={saved} />}

            <h3>{t('organisations.financials.history')}</h3>
            {data.changes.length === 0 ? (
              <p className="muted">{t('organisations.financials.historyEmpty')}</p>
            ) : (
              <ClassHistory changes={data.changes} />
            )}

            <h3>{t('organisations.financials.years')}</h3>
            <TableOrEmpty
              caption={t('organisations.financials.years')}
              columns={columns}
              rows={data.years}
              rowKey={(row) => String(row.year)}
              testId="financial-years"
              emptyTitle={t('organisations.financials.empty.title')}
              emptyBody={
                organisation.canEdit
                  ? t('organisations.financials.empty.bodyEditor')
                  : t('organisations.financials.empty.bodyReader')
              }
            />

            {organisation.canEdit && (
              <AddToggle
                label={t('organisations.financials.add')}
                testId="add-financial-year"
                editing={editing}
                onOpen={() => setSaved(null)}
                onEdit={setEditing}
              >
                {(close, year) => (
                  <YearForm
                    key={year?.year ?? 'new'}
                    organisationId={organisation.id}
                    year={year}
                    knownYears={data.years.map((row) => row.year)}
                    onSaved={(result) => {
                      close();
                      setSaved(result);
                      financials.reload();
                      if (result.change) onClassChanged();
                    }}
                    onCancel={close}
                  />
                )}
              </AddToggle>
            )}
          </>
        )}
      </Loaded>
    </Section>
  );
}

/** What saving a year did to the class: the one moment "naik kelas" is celebrated. */
function SavedYear({ saved }: { saved: FinancialYearSavedT }) {
  const { t } = useI18n();
  const change = saved.change;
  if (!change) {
    return (
      <SuccessBanner>
        {t('organisations.financials.saved', { year: saved.year.year })}
      </SuccessBanner>
    );
  }
  const to = t(`sizeClass.${change.toClass}`);
  if (!change.fromClass) {
    return <SuccessBanner>{t('organisations.financials.classSet', { to })}</SuccessBanner>;
  }
  const from = t(`sizeClass.${change.fromClass}`);
  return (
    <SuccessBanner>
      {change.movedUp
        ? t('organisations.financials.movedUp', { from, to })
        : t('organisations.financials.movedDown', { from, to })}
    </SuccessBanner>
  );
}

/** The class changes in order, oldest first: a small timeline with each move up marked. */
function ClassHistory({ changes }: { changes: readonly SizeClassChangeT[] }) {
  const { t, locale } = useI18n();
  return (
    <ol className="timeline" data-testid="class-history">
      {changes.map((change, index) => {
        const direction = !change.fromClass ? 'start' : change.movedUp ? 'up' : 'down';
        return (
          <li key={index} className={`timeline-item timeline-${direction}`}>
            <span className="timeline-date">{formatDate(change.effectiveOn, locale)}</span>
            <span className="timeline-move">
              {change.fromClass ? (
                <>
                  <SizeClassChip sizeClass={change.fromClass} /> →{' '}
                  <SizeClassChip sizeClass={change.toClass} />
                </>
              ) : (
                <>
                  {t('organisations.financials.firstClass')}{' '}
                  <SizeClassChip sizeClass={change.toClass} />
                </>
              )}
              {direction === 'up' && (
                <strong className="moved-up" data-testid="moved-up">
                  {t('organisations.financials.naikKelas')}
                </strong>
              )}
              {direction === 'down' && (
                <span className="moved-down">{t('organisations.financials.turunKelas')}</span>
              )}
            </span>
            <span className="timeline-basis muted">
              {t(
                change.basis === 'sales'
                  ? 'organisations.financials.basisSales'
                  : 'organisations.financials.basisCapital',
                { year: change.financialYear, rule: change.rule },
              )}
            </span>
          </li>
        );
      })}
    </ol>
  );
}

function YearForm({
  organisationId,
  year,
  knownYears,
  onSaved,
  onCancel,
}: {
  organisationId: string;
  /** The year to change, or null to add one. */
  year: FinancialYearT | null;
  knownYears: readonly number[];
  onSaved: (saved: FinancialYearSavedT) => void;
  onCancel: () => void;
}) {
  const { t } = useI18n();
  const api = useApi();
  const submission = useSubmit(async ({ year: which, ...body }: FinancialYearInput) => {
    onSaved(
      await api.put<FinancialYearSavedT>(
        `/api/organisations/${encodeURIComponent(organisationId)}/financials/${which}`,
        body,
      ),
    );
  }, FinancialYearForm);
  // The last full year is what a new entry usually is; WIB decides which year it is.
  const lastYear = Number(dayIn(new Date(), PLATFORM_TIME_ZONE).slice(0, 4)) - 1;
  const suggested = knownYears.includes(lastYear) ? '' : String(lastYear);

  const onSubmit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const values = formValues(event.currentTarget);
    await submission.submit({
      year: year ? String(year.year) : (values['year'] ?? ''),
      capital: values['capital'] ?? '',
      annualSales: values['annualSales'] ?? '',
      workers: values['workers'] ?? '',
    });
  };
  const errors = submission.fieldErrors;

  return (
    <form
      className="form form-panel"
      onSubmit={(event) => void onSubmit(event)}
      noValidate
      data-testid="financial-year-form"
    >
      <h3>
        {year
          ? t('organisations.financials.editYear', { year: year.year })
          : t('organisations.financials.add')}
      </h3>
      <ErrorBanner error={submission.error} />
      {!year && (
        <TextField
          label={t('organisations.financials.year')}
          name="year"
          inputMode="numeric"
          defaultValue={suggested}
          hint={t('organisations.financials.yearHint')}
          error={errors['year']}
        />
      )}
      <RupiahField
        label={t('organisations.financials.capital')}
        name="capital"
        defaultValue={formatRupiahInput(year?.capital ?? null)}
        hint={t('organisations.financials.capitalHint')}
        error={errors['capital']}
      />
      <RupiahField
        label={t('organisations.financials.annualSales')}
        name="annualSales"
        defaultValue={formatRupiahInput(year?.annualSales ?? null)}
        hint={t('organisations.financials.rupiahHint')}
        error={errors['annualSales']}
      />
      <TextField
        label={t('organisations.financials.workers')}
        name="workers"
        inputMode="numeric"
        defaultValue={year?.workers === null || !year ? '' : String(year.workers)}
        error={errors['workers']}
      />
      <FormButtons pending={submission.pending} label={t('action.save')} onCancel={onCancel} />
    </form>
  );
}
