/**
 * /subsidies — programme subsidies for administrators and programme officers: who gets how much
 * (percent of the machine charge, by member class, capped in hours or Rupiah a month), the
 * administrator's form to add one, and the monthly claim report behind what a programme owes
 * the sites (on screen, and as XLSX for the claim letter).
 */
import { useState, type FormEvent } from 'react';
import type { z } from 'zod';
import { useApi, useSession } from '../../app/session-context.js';
import { AddToggle } from '../../components/add-toggle.js';
import { type Column } from '../../components/data-table.js';
import { ErrorBanner, SuccessBanner } from '../../components/error-banner.js';
import { RupiahField, SelectField, TextField } from '../../components/field.js';
import { FormButtons } from '../../components/form-buttons.js';
import { Loaded } from '../../components/loaded.js';
import { Page, Section } from '../../components/page.js';
import { TableOrEmpty } from '../../components/table-or-empty.js';
import { useI18n } from '../../i18n/i18n-context.js';
import { toQueryString } from '../../lib/api.js';
import { CUSTOMER_CLASSES, SubsidyRequest, type Programme } from '../../lib/contracts.js';
import {
  dayIn,
  formatDate,
  formatRupiah,
  parseRupiahInput,
  PLATFORM_TIME_ZONE,
} from '../../lib/format.js';
import { useCursorList } from '../../lib/use-cursor-list.js';
import { useResource } from '../../lib/use-resource.js';
import { formValues, useSubmit } from '../../lib/use-submit.js';
import { SiteSelect, useSites } from '../organisations/site-select.js';
import {
  formatMonth,
  hoursOf,
  isMonth,
  previousMonth,
  type ClaimReportT,
  type CustomerClassT,
  type SubsidyT,
} from './types.js';
import { ValidityFields } from './validity-fields.js';

export function SubsidiesPage() {
  const { t, locale } = useI18n();
  const { roles } = useSession();
  const admin = roles.includes('administrator');
  const subsidies = useResource<{ items: SubsidyT[] }>('/api/subsidies');
  const sites = useSites();
  const [added, setAdded] = useState<string | null>(null);
  const siteName = (id: string | null) => {
    if (id === null) return t('subsidies.allSitesOfProgramme');
    const site = sites.items.find((candidate) => candidate.id === id);
    return site ? site.code : '…';
  };
  const validity = (s: SubsidyT) =>
    `${formatDate(s.validFrom, locale)} – ${s.validTo ? formatDate(s.validTo, locale) : t('billing.open')}`;

  const columns: Column<SubsidyT>[] = [
    {
      key: 'name',
      header: t('subsidies.name'),
      render: (s) => (
        <>
          {s.name}
          <br />
          <span className="muted">{s.programmeName}</span>
        </>
      ),
    },
    { key: 'percent', header: t('subsidies.percent'), render: (s) => `${s.percent}%` },
    {
      key: 'classes',
      header: t('subsidies.classes'),
      render: (s) => s.classes.map((c) => t(`customerClass.${c}`)).join(', '),
    },
    {
      key: 'caps',
      header: t('subsidies.caps'),
      render: (s) =>
        [
          s.maxHoursPerMonth !== null &&
            t('subsidies.capHours', { hours: hoursOf(s.maxHoursPerMonth * 60, locale) }),
          s.maxAmountPerMonth !== null &&
            t('subsidies.capAmount', { amount: formatRupiah(s.maxAmountPerMonth) }),
        ]
          .filter(Boolean)
          .join(' · ') || t('subsidies.noCap'),
    },
    { key: 'site', header: t('subsidies.site'), render: (s) => siteName(s.siteId) },
    {
      key: 'valid',
      header: t('billing.validity'),
      render: (s) => <span className="nowrap">{validity(s)}</span>,
    },
  ];

  return (
    <Page title={t('subsidies.title')} lead={t('subsidies.lead')}>
      {added && <SuccessBanner>{added}</SuccessBanner>}
      <Section title={t('subsidies.list')} testId="subsidies">
        <Loaded resource={subsidies}>
          {(data) => (
            <TableOrEmpty
              caption={t('subsidies.list')}
              columns={columns}
              rows={data.items}
              rowKey={(s) => s.id}
              testId="subsidy-table"
              emptyTitle={t('subsidies.empty.title')}
              emptyBody={admin ? t('subsidies.empty.bodyAdmin') : t('subsidies.empty.bodyReader')}
            />
          )}
        </Loaded>
        {admin && (
          <AddToggle label={t('subsidies.add')} testId="add-subsidy" onOpen={() => setAdded(null)}>
            {(close) => (
              <SubsidyForm
                onCancel={close}
                onSaved={(subsidy) => {
                  close();
                  setAdded(t('subsidies.added', { name: subsidy.name }));
                  subsidies.reload();
                }}
              />
            )}
          </AddToggle>
        )}
      </Section>
      {subsidies.data && subsidies.data.items.length > 0 && (
        <ClaimSection subsidies={subsidies.data.items} />
      )}
    </Page>
  );
}

function SubsidyForm({
  onSaved,
  onCancel,
}: {
  onSaved: (subsidy: SubsidyT) => void;
  onCancel: () => void;
}) {
  const { t } = useI18n();
  const api = useApi();
  const programmes = useCursorList<Programme>('/api/programmes', { limit: 200 });
  const allSites = useSites();
  const [siteId, setSiteId] = useState('');
  const [classes, setClasses] = useState<CustomerClassT[]>(['member_micro']);
  const [localErrors, setLocalErrors] = useState<Record<string, string>>({});
  const save = useSubmit(async (body: z.output<typeof SubsidyRequest>) => {
    onSaved(await api.post<SubsidyT>('/api/subsidies', body));
  }, SubsidyRequest);
  const today = dayIn(new Date(), PLATFORM_TIME_ZONE);

  const onSubmit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const values = formValues(event.currentTarget);
    const text = (name: string) => (values[name] ?? '').trim();
    const errors: Record<string, string> = {};
    const maxAmount = parseRupiahInput(text('maxAmountPerMonth'));
    if (maxAmount === 'invalid') errors['maxAmountPerMonth'] = t('validation.rupiah');
    const whole = (name: string) => (text(name) === '' ? null : Number(text(name)));
    setLocalErrors(errors);
    if (Object.keys(errors).length > 0) {
      save.reset();
      return;
    }
    await save.submit({
      programmeId: text('programmeId'),
      siteId: siteId || null,
      name: text('name'),
      percent: whole('percent'),
      classes,
      maxHoursPerMonth: whole('maxHoursPerMonth'),
      maxAmountPerMonth: maxAmount === 'invalid' ? null : maxAmount,
      validFrom: text('validFrom'),
      validTo: text('validTo') || null,
    });
  };
  const errors = { ...save.fieldErrors, ...localErrors };

  return (
    <form
      className="form form-panel"
      onSubmit={(event) => void onSubmit(event)}
      noValidate
      data-testid="subsidy-form"
    >
      <h3>{t('subsidies.add')}</h3>
      <ErrorBanner error={save.error} />
      <SelectField
        label={t('subsidies.programme')}
        name="programmeId"
        defaultValue=""
        error={errors['programmeId'] ?? programmes.error?.message}
        hint={programmes.loading ? t('state.loading') : undefined}
        liveHint
      >
        <option value="" disabled>
          {t('subsidies.programmeChoose')}
        </option>
        {programmes.items.map((programme) => (
          <option key={programme.id} value={programme.id}>
            {programme.name} ({programme.year})
          </option>
        ))}
      </SelectField>
      <SiteSelect
        sites={allSites}
        label={t('subsidies.site')}
        name="siteId"
        value={siteId}
        onChange={setSiteId}
        emptyOption={{ label: t('subsidies.allSitesOfProgramme'), selectable: true }}
        error={errors['siteId']}
      />
      <TextField label={t('subsidies.name')} name="name" error={errors['name']} />
      <TextField
        label={t('subsidies.percent')}
        name="percent"
        inputMode="numeric"
        defaultValue="50"
        hint={t('subsidies.percentHint')}
        error={errors['percent']}
      />
      <fieldset className="chip-group">
        <legend>{t('subsidies.classes')}</legend>
        {CUSTOMER_CLASSES.map((option) => (
          <button
            key={option}
            type="button"
            className="filter-chip"
            aria-pressed={classes.includes(option)}
            onClick={() =>
              setClasses((current) =>
                current.includes(option)
                  ? current.filter((c) => c !== option)
                  : [...current, option],
              )
            }
          >
            {t(`customerClass.${option}`)}
          </button>
        ))}
        {errors['classes'] && <p className="field-error">{errors['classes']}</p>}
      </fieldset>
      <div className="form-row">
        <TextField
          label={t('subsidies.maxHours')}
          name="maxHoursPerMonth"
          inputMode="numeric"
          hint={t('subsidies.optional')}
          error={errors['maxHoursPerMonth']}
        />
        <RupiahField
          label={t('subsidies.maxAmount')}
          name="maxAmountPerMonth"
          hint={t('subsidies.optional')}
          error={errors['maxAmountPerMonth']}
        />
      </div>
      <ValidityFields today={today} errors={errors} />
      <FormButtons pending={save.pending} label={t('subsidies.save')} onCancel={onCancel} />
    </form>
  );
}

/** The claim of one subsidy for one month: the usage lines behind it and their totals. */
function ClaimSection({ subsidies }: { subsidies: SubsidyT[] }) {
  const { t, locale } = useI18n();
  const [subsidyId, setSubsidyId] = useState(subsidies[0]?.id ?? '');
  const [month, setMonth] = useState(
    previousMonth(dayIn(new Date(), PLATFORM_TIME_ZONE).slice(0, 7)),
  );
  const valid = subsidyId !== '' && isMonth(month);
  const path = valid ? `/api/subsidies/${encodeURIComponent(subsidyId)}/claim` : null;
  const claim = useResource<ClaimReportT>(path, { month });
  type Line = ClaimReportT['lines'][number] & { index: number };
  const columns: Column<Line>[] = [
    {
      key: 'date',
      header: t('claim.date'),
      render: (l) => <span className="nowrap">{formatDate(l.usageDate, locale)}</span>,
    },
    { key: 'member', header: t('claim.member'), render: (l) => `${l.memberName} · ${l.siteCode}` },
    {
      key: 'what',
      header: t('claim.description'),
      render: (l) => (l.machineName ? `${l.machineName}: ${l.description}` : l.description),
    },
    {
      key: 'hours',
      header: t('claim.hours'),
      className: 'numeric',
      render: (l) => hoursOf(l.minutes, locale),
    },
    {
      key: 'gross',
      header: t('claim.gross'),
      className: 'numeric',
      render: (l) => <span className="nowrap">{formatRupiah(l.gross)}</span>,
    },
    {
      key: 'subsidy',
      header: t('claim.subsidy'),
      className: 'numeric',
      render: (l) => <span className="nowrap">{formatRupiah(l.subsidy)}</span>,
    },
    {
      key: 'invoice',
      header: t('claim.invoice'),
      render: (l) => l.invoiceNumber ?? t('claim.notInvoiced'),
    },
  ];

  return (
    <Section title={t('claim.title')} testId="claim">
      <div className="form form-filters">
        <SelectField
          label={t('claim.subsidy')}
          name="subsidyId"
          value={subsidyId}
          onChange={(event) => setSubsidyId(event.target.value)}
        >
          {subsidies.map((s) => (
            <option key={s.id} value={s.id}>
              {s.name}
            </option>
          ))}
        </SelectField>
        <TextField
          label={t('claim.month')}
          name="month"
          type="month"
          placeholder="YYYY-MM"
          value={month}
          onChange={(event) => setMonth(event.target.value)}
          error={isMonth(month) ? undefined : t('invoicing.monthInvalid')}
        />
      </div>
      {path && (
        <Loaded resource={claim}>
          {(data) => (
            <>
              <p data-testid="claim-summary">
                {t('claim.summary', {
                  month: formatMonth(data.month, locale),
                  hours: hoursOf(data.totalMinutes, locale),
                  gross: formatRupiah(data.totalGross),
                  subsidy: formatRupiah(data.totalSubsidy),
                })}
              </p>
              <TableOrEmpty
                caption={t('claim.title')}
                columns={columns}
                rows={data.lines.map((line, index) => ({ ...line, index }))}
                rowKey={(l) => String(l.index)}
                testId="claim-table"
                emptyTitle={t('claim.empty.title')}
                emptyBody={t('claim.empty.body')}
              />
              <div className="section-actions button-row">
                <a
                  className="link-button link-button-secondary"
                  href={`${path}${toQueryString({ month, format: 'xlsx' })}`}
                  download
                  data-testid="claim-xlsx"
                >
                  {t('claim.downloadXlsx')}
                </a>
              </div>
            </>
          )}
        </Loaded>
      )}
    </Section>
  );
}
