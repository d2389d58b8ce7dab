/**
 * /programmes/:id — a programme's budget against realisation and its investments; administrators
 * add investments (Rupiah). An investment beyond the budget is refused by the API (409) and the
 * message says so.
 */
import { useState, type FormEvent } from 'react';
import { Link, useParams } from 'react-router';
import type { z } from 'zod';
import { useApi, useSession } from '../../app/session-context.js';
import { DataTable, type Column } from '../../components/data-table.js';
import { EmptyState } from '../../components/empty-state.js';
import { ErrorBanner } from '../../components/error-banner.js';
import { RupiahField, SelectField, TextField } from '../../components/field.js';
import { Loaded } from '../../components/loaded.js';
import { SubmitButton } from '../../components/loading.js';
import { Page, Section } from '../../components/page.js';
import { PagedList } from '../../components/paged-list.js';
import { useI18n } from '../../i18n/i18n-context.js';
import { CreateInvestmentRequest, INVESTMENT_KINDS } from '../../lib/contracts.js';
import { formatDate, formatRupiah, parseRupiahInput } from '../../lib/format.js';
import { useCursorList } from '../../lib/use-cursor-list.js';
import { useResource } from '../../lib/use-resource.js';
import { formValues, useSubmit } from '../../lib/use-submit.js';
import { BudgetBar } from './budget-bar.js';
import { ClustersSection } from './clusters-section.js';
import type { InvestmentT, ProgrammeT } from './types.js';

export function ProgrammePage() {
  const { t, locale } = useI18n();
  const { roles } = useSession();
  const { id = '' } = useParams();
  const path = `/api/programmes/${encodeURIComponent(id)}`;
  const programme = useResource<ProgrammeT>(path);
  const investments = useCursorList<InvestmentT>(`${path}/investments`, { limit: 50 });
  const canAdd = roles.includes('administrator');
  const columns: Column<InvestmentT>[] = [
    {
      key: 'date',
      header: t('investments.date'),
      render: (i) => <span className="nowrap">{formatDate(i.investedOn, locale)}</span>,
    },
    {
      key: 'description',
      header: t('investments.description'),
      render: (i) => (
        <>
          {i.description}
          <br />
          <span className="muted">
            {t(`investmentKind.${i.kind}`)}
            {i.siteName && ` · ${i.siteName}`}
            {i.machineName && ` · ${i.machineName}`}
          </span>
        </>
      ),
    },
    {
      key: 'amount',
      header: t('investments.amount'),
      className: 'numeric',
      render: (i) => <span className="nowrap">{formatRupiah(i.amount)}</span>,
    },
  ];
  return (
    <Page
      title={
        programme.data ? `${programme.data.name} (${programme.data.code})` : t('programmes.detail')
      }
      actions={
        <Link to="/programmes" className="link-button link-button-secondary">
          {t('programmes.backToList')}
        </Link>
      }
    >
      <Loaded resource={programme}>
        {(current) => (
          <>
            <Section title={t('programmes.budget')} testId="programme-budget">
              <dl className="facts">
                <dt>{t('programmes.column.source')}</dt>
                <dd>
                  {t(`fundingSource.${current.fundingSource}`)} · {current.year}
                </dd>
                <dt>{t('programmes.budgetAmount')}</dt>
                <dd>{formatRupiah(current.budget)}</dd>
                <dt>{t('programmes.remaining')}</dt>
                <dd>{formatRupiah(current.remaining)}</dd>
              </dl>
              <BudgetBar budget={current.budget} realisation={current.realisation} />
              {current.description && <p>{current.description}</p>}
            </Section>
            <Section title={t('investments.title')} testId="programme-investments">
              <PagedList
                list={investments}
                empty={
                  <EmptyState title={t('investments.empty.title')}>
                    {canAdd ? t('investments.empty.bodyEditor') : t('investments.empty.bodyReader')}
                  </EmptyState>
                }
              >
                {(items) => (
                  <DataTable
                    caption={t('investments.title')}
                    columns={columns}
                    rows={items}
                    rowKey={(i) => i.id}
                    testId="investment-table"
                  />
                )}
              </PagedList>
              {canAdd && (
                <InvestmentForm
                  path={`${path}/investments`}
                  remaining={current.remaining}
                  onAdded={() => {
                    programme.reload();
                    investments.reload();
                  }}
                />
              )}
            </Section>
            <ClustersSection programmeId={current.id} />
          </>
        )}
      </Loaded>
    </Page>
  );
}

function InvestmentForm({
  path,
  remaining,
  onAdded,
}: {
  path: string;
  remaining: number;
  onAdded: () => void;
}) {
  const { t } = useI18n();
  const api = useApi();
  const [formKey, setFormKey] = useState(0);
  const [amountError, setAmountError] = useState<string | undefined>();
  const submission = useSubmit(async (body: z.output<typeof CreateInvestmentRequest>) => {
    await api.post(path, body);
    setFormKey((key) => key + 1);
    onAdded();
  }, CreateInvestmentRequest);
  const onSubmit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const values = formValues(event.currentTarget);
    const amount = parseRupiahInput(values['amount'] ?? '');
    if (amount === 'invalid') {
      setAmountError(t('validation.rupiah'));
      return;
    }
    setAmountError(undefined);
    await submission.submit({
      kind: values['kind'] ?? '',
      description: (values['description'] ?? '').trim(),
      amount,
      investedOn: values['investedOn'] ?? '',
    });
  };
  const errors = submission.fieldErrors;
  return (
    <form
      key={formKey}
      className="form form-panel"
      onSubmit={(event) => void onSubmit(event)}
      noValidate
      data-testid="investment-form"
    >
      <h3>{t('investments.add')}</h3>
      {submission.error?.status === 409 ? (
        <div className="banner banner-error" role="alert" data-testid="over-budget">
          <p className="banner-title">{t('investments.overBudget')}</p>
          <p>{submission.error.message}</p>
        </div>
      ) : (
        <ErrorBanner error={submission.error} />
      )}
      <SelectField
        label={t('investments.kind')}
        name="kind"
        defaultValue="machine"
        error={errors['kind']}
      >
        {INVESTMENT_KINDS.map((kind) => (
          <option key={kind} value={kind}>
            {t(`investmentKind.${kind}`)}
          </option>
        ))}
      </SelectField>
      <TextField
        label={t('investments.description')}
        name="description"
        error={errors['description']}
      />
      <RupiahField
        label={t('investments.amount')}
        name="amount"
        hint={t('investments.amountHint', { remaining: formatRupiah(remaining) })}
        error={amountError ?? errors['amount']}
      />
      <TextField
        label={t('investments.date')}
        name="investedOn"
        type="date"
        error={errors['investedOn']}
      />
      <div className="button-row">
        <SubmitButton
          pending={submission.pending}
          label={t('investments.add')}
          pendingLabel={t('action.saving')}
        />
      </div>
    </form>
  );
}
