/**
 * /hour-packs — prepaid hour packs ("Paket jam"). Members see their packs with the hours used
 * and left; site staff see their sites' packs, and managers sell a pack to a member (billed on
 * the member's next invoice; machine use then draws on the pack before it is charged).
 */
import { useState, type FormEvent } from 'react';
import type { z } from 'zod';
import { useApi, useCurrentUser } from '../../app/session-context.js';
import { AddToggle } from '../../components/add-toggle.js';
import { type Column } from '../../components/data-table.js';
import { ErrorBanner, SuccessBanner } from '../../components/error-banner.js';
import { RupiahField, SelectField, TextField } from '../../components/field.js';
import { FormButtons } from '../../components/form-buttons.js';
import { Loaded } from '../../components/loaded.js';
import { Page, Section } from '../../components/page.js';
import { TableOrEmpty } from '../../components/table-or-empty.js';
import { useI18n } from '../../i18n/i18n-context.js';
import { HourPackRequest, type OrganisationSummary } from '../../lib/contracts.js';
import {
  addDays,
  dayIn,
  formatDate,
  formatRupiah,
  parseRupiahInput,
  PLATFORM_TIME_ZONE,
} from '../../lib/format.js';
import { useCursorList } from '../../lib/use-cursor-list.js';
import { useResource } from '../../lib/use-resource.js';
import { formValues, useSubmit } from '../../lib/use-submit.js';
import type { MachineT } from '../equipment/types.js';
import { SiteSelect, useSites } from '../organisations/site-select.js';
import { hoursOf, managesAnySite, managesSite, type HourPackT } from './types.js';
import { ValidityFields } from './validity-fields.js';

export function HourPacksPage() {
  const { t, locale } = useI18n();
  const user = useCurrentUser();
  const packs = useResource<{ items: HourPackT[] }>('/api/hour-packs');
  const seller = managesAnySite(user.grants);
  const staff = user.grants.some((grant) => grant.role !== 'umkm_member' && grant.role !== 'buyer');
  const [sold, setSold] = useState<string | null>(null);
  const today = dayIn(new Date(), PLATFORM_TIME_ZONE);

  const columns: Column<HourPackT>[] = [
    {
      key: 'name',
      header: t('packs.name'),
      render: (p) => (
        <>
          {p.name}
          <br />
          <span className="muted">{p.machineName ?? t('packs.anyMachine')}</span>
        </>
      ),
    },
  ];
  if (staff)
    columns.push({ key: 'member', header: t('packs.member'), render: (p) => p.memberName });
  columns.push(
    {
      key: 'hours',
      header: t('packs.hours'),
      render: (p) => <PackUse pack={p} />,
    },
    {
      key: 'price',
      header: t('packs.price'),
      className: 'numeric',
      render: (p) => <span className="nowrap">{formatRupiah(p.price)}</span>,
    },
    {
      key: 'valid',
      header: t('billing.validity'),
      render: (p) => (
        <span className={p.validTo < today ? 'nowrap muted' : 'nowrap'}>
          {formatDate(p.validFrom, locale)} – {formatDate(p.validTo, locale)}
          {p.validTo < today && ` · ${t('packs.expired')}`}
        </span>
      ),
    },
  );

  return (
    <Page title={t('packs.title')} lead={seller ? t('packs.leadSeller') : t('packs.leadMember')}>
      {sold && <SuccessBanner>{sold}</SuccessBanner>}
      <Section title={t('packs.list')} testId="hour-packs">
        <Loaded resource={packs}>
          {(data) => (
            <TableOrEmpty
              caption={t('packs.list')}
              columns={columns}
              rows={data.items}
              rowKey={(p) => p.id}
              testId="pack-table"
              emptyTitle={t('packs.empty.title')}
              emptyBody={seller ? t('packs.empty.bodySeller') : t('packs.empty.bodyMember')}
            />
          )}
        </Loaded>
        {seller && (
          <AddToggle label={t('packs.sell')} testId="sell-pack" onOpen={() => setSold(null)}>
            {(close) => (
              <SellPackForm
                onCancel={close}
                onSold={(pack) => {
                  close();
                  setSold(t('packs.sold', { name: pack.name, member: pack.memberName }));
                  packs.reload();
                }}
              />
            )}
          </AddToggle>
        )}
      </Section>
    </Page>
  );
}

/** "3,5 of 5 hours used · 1,5 left", with a bar. */
function PackUse({ pack }: { pack: HourPackT }) {
  const { t, locale } = useI18n();
  const left = Math.max(0, pack.minutesTotal - pack.minutesUsed);
  const fraction = pack.minutesTotal === 0 ? 0 : Math.min(1, pack.minutesUsed / pack.minutesTotal);
  return (
    <div className="budget-bar" data-testid="pack-use">
      <div className="budget-bar-track" aria-hidden="true">
        <div className="budget-bar-fill" style={{ width: `${Math.round(fraction * 100)}%` }} />
      </div>
      <span className="budget-bar-label">
        {t('packs.used', {
          used: hoursOf(pack.minutesUsed, locale),
          total: hoursOf(pack.minutesTotal, locale),
        })}{' '}
        ·{' '}
        <strong data-testid="pack-left">{t('packs.left', { left: hoursOf(left, locale) })}</strong>
      </span>
    </div>
  );
}

function SellPackForm({
  onSold,
  onCancel,
}: {
  onSold: (pack: HourPackT) => void;
  onCancel: () => void;
}) {
  const { t } = useI18n();
  const api = useApi();
  const user = useCurrentUser();
  const allSites = useSites();
  const sites = {
    ...allSites,
    items: allSites.items.filter((site) => managesSite(user.grants, site.id)),
  };
  const [siteChoice, setSiteChoice] = useState('');
  const siteId = siteChoice || (sites.items.length === 1 ? (sites.items[0]?.id ?? '') : '');
  const members = useCursorList<OrganisationSummary>(siteId ? '/api/organisations' : null, {
    siteId,
    limit: 200,
  });
  const machines = useCursorList<MachineT>(siteId ? '/api/equipment' : null, {
    siteId,
    limit: 100,
  });
  const site = sites.items.find((candidate) => candidate.id === siteId);
  const today = dayIn(new Date(), site?.timeZone ?? PLATFORM_TIME_ZONE);
  const [localErrors, setLocalErrors] = useState<Record<string, string>>({});
  const sell = useSubmit(async (body: z.output<typeof HourPackRequest>) => {
    onSold(await api.post<HourPackT>('/api/hour-packs', body));
  }, HourPackRequest);

  const onSubmit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const values = formValues(event.currentTarget);
    const text = (name: string) => (values[name] ?? '').trim();
    const errors: Record<string, string> = {};
    const price = parseRupiahInput(text('price'));
    if (price === 'invalid') errors['price'] = t('validation.rupiah');
    if (!siteId) errors['siteId'] = t('validation.required');
    setLocalErrors(errors);
    if (Object.keys(errors).length > 0) {
      sell.reset();
      return;
    }
    await sell.submit({
      siteId,
      memberOrgId: text('memberOrgId'),
      machineId: text('machineId') || null,
      name: text('name'),
      hours: text('hours') === '' ? null : Number(text('hours')),
      price,
      validFrom: text('validFrom'),
      validTo: text('validTo'),
    });
  };
  const errors = { ...sell.fieldErrors, ...localErrors };

  return (
    <form
      className="form form-panel"
      onSubmit={(event) => void onSubmit(event)}
      noValidate
      data-testid="pack-form"
    >
      <h3>{t('packs.sell')}</h3>
      <ErrorBanner error={sell.error} />
      <SiteSelect
        sites={sites}
        label={t('packs.site')}
        name="siteId"
        value={siteId}
        onChange={setSiteChoice}
        emptyOption={{ label: t('invoicing.siteChoose'), selectable: false }}
        error={errors['siteId']}
      />
      <SelectField
        key={`member-${siteId}`}
        label={t('packs.member')}
        name="memberOrgId"
        defaultValue=""
        error={errors['memberOrgId'] ?? members.error?.message}
        hint={members.loading && siteId ? t('state.loading') : undefined}
        liveHint
      >
        <option value="" disabled>
          {t('packs.memberChoose')}
        </option>
        {members.items.map((member) => (
          <option key={member.id} value={member.id}>
            {member.name}
          </option>
        ))}
      </SelectField>
      <SelectField
        key={`machine-${siteId}`}
        label={t('packs.machine')}
        name="machineId"
        defaultValue=""
        error={errors['machineId']}
      >
        <option value="">{t('packs.anyMachine')}</option>
        {machines.items.map((machine) => (
          <option key={machine.id} value={machine.id}>
            {machine.name} ({machine.code})
          </option>
        ))}
      </SelectField>
      <TextField
        label={t('packs.name')}
        name="name"
        hint={t('packs.nameHint')}
        error={errors['name']}
      />
      <div className="form-row">
        <TextField
          label={t('packs.hoursTotal')}
          name="hours"
          inputMode="numeric"
          error={errors['hours']}
        />
        <RupiahField
          label={t('packs.price')}
          name="price"
          hint={t('packs.priceHint')}
          error={errors['price']}
        />
      </div>
      <ValidityFields today={today} errors={errors} defaultTo={addDays(today, 90)} />
      <FormButtons pending={sell.pending} label={t('packs.sellSubmit')} onCancel={onCancel} />
    </form>
  );
}
