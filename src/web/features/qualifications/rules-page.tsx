/**
 * /qualification-rules — for administrators: how many months a qualification lasts without
 * use, per machine type (empty = the default). Everyone else's expiry dates follow from it.
 */
import { useState, type FormEvent } from 'react';
import { useApi } from '../../app/session-context.js';
import { DataTable, type Column } from '../../components/data-table.js';
import { ErrorBanner, SuccessBanner } from '../../components/error-banner.js';
import { Field } from '../../components/field.js';
import { Loaded } from '../../components/loaded.js';
import { SubmitButton } from '../../components/loading.js';
import { Page, Section } from '../../components/page.js';
import { useI18n } from '../../i18n/i18n-context.js';
import { UpdateQualificationRulesRequest } from '../../lib/contracts.js';
import { dayIn, formatDate, PLATFORM_TIME_ZONE } from '../../lib/format.js';
import { useResource } from '../../lib/use-resource.js';
import { formValues, useSubmit } from '../../lib/use-submit.js';
import type { QualificationRuleListT } from './types.js';

type Rule = QualificationRuleListT['items'][number];

export function QualificationRulesPage() {
  const { t } = useI18n();
  const rules = useResource<QualificationRuleListT>('/api/qualification-rules');
  return (
    <Page title={t('nav.qualificationRules')} lead={t('rules.lead')}>
      <Loaded resource={rules}>
        {(data) => (
          <RulesForm
            key={data.items.map((r) => r.updatedAt).join()}
            data={data}
            onSaved={rules.replace}
          />
        )}
      </Loaded>
    </Page>
  );
}

function RulesForm({
  data,
  onSaved,
}: {
  data: QualificationRuleListT;
  onSaved: (data: QualificationRuleListT) => void;
}) {
  const { t, locale } = useI18n();
  const api = useApi();
  const [saved, setSaved] = useState(false);
  const save = useSubmit(async (body: UpdateQualificationRulesRequest) => {
    onSaved(await api.put<QualificationRuleListT>('/api/qualification-rules', body));
    setSaved(true);
  }, UpdateQualificationRulesRequest);
  const sorted = [...data.items].sort((a, b) =>
    t(`capability.${a.machineType}`).localeCompare(t(`capability.${b.machineType}`)),
  );

  const onSubmit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setSaved(false);
    const values = formValues(event.currentTarget);
    // Only what changed is sent; an empty field returns the type to the default.
    const items = data.items.flatMap((rule) => {
      const text = (values[rule.machineType] ?? '').trim();
      const months = text === '' ? null : Number(text);
      const before = rule.isDefault ? null : rule.monthsWithoutUse;
      return months === before ? [] : [{ machineType: rule.machineType, monthsWithoutUse: months }];
    });
    if (items.length === 0) {
      setSaved(true);
      return;
    }
    await save.submit({ items });
  };

  const indexOf = (rule: Rule) => data.items.indexOf(rule);
  const columns: Column<Rule>[] = [
    {
      key: 'type',
      header: t('qualifications.machineType'),
      render: (rule) => <strong>{t(`capability.${rule.machineType}`)}</strong>,
    },
    {
      key: 'months',
      header: t('rules.months'),
      render: (rule) => (
        <Field
          label={t('rules.monthsFor', { type: t(`capability.${rule.machineType}`) })}
          error={save.fieldErrors[`items.${indexOf(rule)}.monthsWithoutUse`]}
        >
          {(control) => (
            <input
              type="number"
              inputMode="numeric"
              min={1}
              max={120}
              name={rule.machineType}
              defaultValue={rule.isDefault ? '' : String(rule.monthsWithoutUse)}
              placeholder={String(data.defaultMonths)}
              data-testid={`rule-${rule.machineType}`}
              {...control}
            />
          )}
        </Field>
      ),
    },
    {
      key: 'applies',
      header: t('rules.applies'),
      render: (rule) =>
        rule.isDefault
          ? t('rules.default', { months: data.defaultMonths })
          : t('rules.own', {
              months: rule.monthsWithoutUse,
              date: rule.updatedAt
                ? formatDate(dayIn(rule.updatedAt, PLATFORM_TIME_ZONE), locale)
                : '—',
            }),
    },
  ];

  return (
    <Section title={t('rules.title')} testId="qualification-rules">
      <p>{t('rules.explain', { months: data.defaultMonths })}</p>
      <form className="form" onSubmit={(event) => void onSubmit(event)} noValidate>
        {saved && <SuccessBanner>{t('rules.saved')}</SuccessBanner>}
        <ErrorBanner error={save.error} />
        <DataTable
          caption={t('rules.title')}
          columns={columns}
          rows={sorted}
          rowKey={(rule) => rule.machineType}
          testId="rules-table"
        />
        <div className="button-row">
          <SubmitButton
            pending={save.pending}
            label={t('action.save')}
            pendingLabel={t('action.saving')}
          />
        </div>
      </form>
    </Section>
  );
}
