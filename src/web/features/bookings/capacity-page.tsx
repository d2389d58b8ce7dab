/**
 * /capacity — "Cari kapasitas": free machine time for a process across the sites of the user's
 * programmes ("a free dryer this week in my province"), ranked by the API by the day of the
 * earliest fit, then the distance from the chosen "near" site (by default the member's home
 * site, or the staff member's own), then the time. Each result names the machine, its site,
 * the earliest start in the site's own zone, the free hours in the range and the distance, and
 * opens the machine's calendar on that day — or, at a site where the member is not registered
 * (booking needs it), says so and names the site's contact to ask to join (RPB has no in-app
 * request to join a second site). The search lives in the address, so a result list can be
 * shared or returned to.
 */
import { useEffect, useState, type FormEvent } from 'react';
import { Link } from 'react-router';
import { DataTable, type Column } from '../../components/data-table.js';
import { EmptyState } from '../../components/empty-state.js';
import { Field, SelectField } from '../../components/field.js';
import { Loaded } from '../../components/loaded.js';
import { Page, Section } from '../../components/page.js';
import { useI18n } from '../../i18n/i18n-context.js';
import type { MessageKey } from '../../i18n/translate.js';
import { CAPABILITIES, type Cluster, type Region } from '../../lib/contracts.js';
import {
  addDays,
  dayIn,
  formatDateTime,
  PLATFORM_TIME_ZONE,
  zonedDayBoundary,
} from '../../lib/format.js';
import { useCursorList } from '../../lib/use-cursor-list.js';
import { useResource } from '../../lib/use-resource.js';
import { formValues } from '../../lib/use-submit.js';
import { oneOf, useUrlFilters } from '../../lib/use-url-filters.js';
import { sortedCapabilities } from '../equipment/capabilities.js';
import { siteLabel, SiteSelect, useSites } from '../organisations/site-select.js';
import { NameOptions } from './member-select.js';
import { calendarPath, type CapacityFitT } from './types.js';

const DATE = /^\d{4}-\d{2}-\d{2}$/;
/** The API searches at most 31 days at once. */
const MAX_DAYS = 31;

/** Problems of the search form, by field, before asking the API. */
export function searchProblems(v: {
  capability: string;
  from: string;
  to: string;
  hours: string;
}): Record<string, MessageKey> {
  const out: Record<string, MessageKey> = {};
  if (!v.capability) out['capability'] = 'validation.required';
  if (!DATE.test(v.from)) out['from'] = 'validation.required';
  if (!DATE.test(v.to)) out['to'] = 'validation.required';
  else if (DATE.test(v.from)) {
    const days = (Date.parse(v.to) - Date.parse(v.from)) / 86_400_000;
    if (days < 0) out['to'] = 'capacity.error.order';
    else if (days >= MAX_DAYS) out['to'] = 'capacity.error.tooLong';
  }
  const hours = Number(v.hours.replace(',', '.'));
  if (!v.hours.trim() || !Number.isFinite(hours) || hours * 60 < 5 || hours * 60 > 20160)
    out['hours'] = 'capacity.error.hours';
  return out;
}

export function CapacityPage() {
  const { t, locale } = useI18n();
  const { params, update } = useUrlFilters([
    'capability',
    'from',
    'to',
    'hours',
    'province',
    'clusterId',
    'nearSiteId',
  ] as const);
  const [today] = useState(() => dayIn(new Date(), PLATFORM_TIME_ZONE));
  const capability = oneOf(CAPABILITIES, params.get('capability'));
  const from = params.get('from') ?? '';
  const to = params.get('to') ?? '';
  const hours = params.get('hours') ?? '';
  const province = params.get('province') ?? '';
  const clusterId = params.get('clusterId') ?? '';
  const nearSiteId = params.get('nearSiteId') ?? '';
  const sites = useSites();
  const [formNear, setFormNear] = useState(nearSiteId);
  const [problems, setProblems] = useState<Record<string, MessageKey>>({});
  const provinces = useCursorList<Region>('/api/regions', { limit: 100 });
  const [formProvince, setFormProvince] = useState(province);
  const clusters = useCursorList<Cluster>('/api/clusters', {
    province: formProvince || undefined,
    limit: 100,
  });

  const searched = Boolean(capability && from && to && hours);
  const valid =
    searched && Object.keys(searchProblems({ capability, from, to, hours })).length === 0;
  const results = useResource<{ items: CapacityFitT[]; nearSiteId: string | null }>(
    valid ? '/api/capacity' : null,
    {
      capability,
      // Days are read in WIB: opening hours never start before 02:00 WIT, so no site loses time.
      from: valid ? zonedDayBoundary(from, PLATFORM_TIME_ZONE, 'start') : undefined,
      to: valid ? zonedDayBoundary(to, PLATFORM_TIME_ZONE, 'end') : undefined,
      minutes: valid ? Math.round(Number(hours.replace(',', '.')) * 60) : undefined,
      province: province || undefined,
      clusterId: clusterId || undefined,
      nearSiteId: nearSiteId || undefined,
      limit: 20,
    },
  );
  // Until the user picks a site, the picker shows the one the API measured from (the home site).
  const measuredFrom = results.data?.nearSiteId ?? '';
  useEffect(() => {
    if (!nearSiteId && measuredFrom) setFormNear(measuredFrom);
  }, [nearSiteId, measuredFrom]);
  const nearSite = sites.items.find((site) => site.id === (nearSiteId || measuredFrom));

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const v = formValues(event.currentTarget);
    const input = {
      capability: v['capability'] ?? '',
      from: v['from'] ?? '',
      to: v['to'] ?? '',
      hours: (v['hours'] ?? '').trim(),
    };
    const found = searchProblems(input);
    setProblems(found);
    if (Object.keys(found).length > 0) return;
    update({
      ...input,
      province: v['province'] ?? '',
      clusterId: v['clusterId'] ?? '',
      nearSiteId: v['nearSiteId'] ?? '',
    });
    if (valid) results.reload();
  };
  const error = (name: string) => (problems[name] ? t(problems[name]) : undefined);
  const provinceName = (code: string) => provinces.items.find((p) => p.code === code)?.name ?? code;
  const freeHours = (minutes: number) =>
    (minutes / 60).toLocaleString(locale === 'id' ? 'id-ID' : 'en-GB', {
      maximumFractionDigits: 1,
    });

  const columns: Column<CapacityFitT>[] = [
    {
      key: 'machine',
      header: t('capacity.column.machine'),
      render: (f) =>
        f.registered === false ? (
          <span data-testid="capacity-machine">
            {f.machineName} ({f.machineCode})
          </span>
        ) : (
          <Link
            to={calendarPath(f.machineId, dayIn(f.earliestStart, f.timeZone), 'day')}
            data-testid="capacity-machine"
          >
            {f.machineName} ({f.machineCode})
          </Link>
        ),
    },
    {
      key: 'site',
      header: t('capacity.column.site'),
      render: (f) => (
        <>
          {f.siteName} ({f.siteCode})
          <br />
          <span className="muted">{provinceName(f.province)}</span>
        </>
      ),
    },
    {
      key: 'earliest',
      header: t('capacity.column.earliest'),
      render: (f) => (
        <span data-testid="capacity-earliest">
          {formatDateTime(f.earliestStart, f.timeZone, locale)}
        </span>
      ),
    },
    {
      key: 'free',
      header: t('capacity.column.free'),
      className: 'numeric',
      render: (f) => t('capacity.hours.value', { hours: freeHours(f.freeMinutes) }),
    },
    {
      key: 'distance',
      header: t('capacity.column.distance'),
      className: 'numeric',
      render: (f) =>
        f.distanceKm === null
          ? '—'
          : t('capacity.km', {
              km: f.distanceKm.toLocaleString(locale === 'id' ? 'id-ID' : 'en-GB', {
                maximumFractionDigits: 1,
              }),
            }),
    },
    {
      key: 'book',
      header: t('capacity.column.book'),
      render: (f) =>
        f.registered === false ? (
          <JoinSite fit={f} />
        ) : (
          <Link
            to={calendarPath(f.machineId, dayIn(f.earliestStart, f.timeZone), 'day')}
            data-testid="capacity-calendar"
          >
            {t('capacity.viewCalendar')}
          </Link>
        ),
    },
  ];

  return (
    <Page title={t('capacity.title')} lead={t('capacity.lead')}>
      <Section title={t('capacity.search')}>
        <form
          className="form form-filters"
          role="search"
          onSubmit={onSubmit}
          noValidate
          data-testid="capacity-form"
        >
          <SelectField
            label={t('capacity.capability')}
            name="capability"
            defaultValue={capability}
            error={error('capability')}
          >
            <option value="">{t('capacity.capabilityChoose')}</option>
            {sortedCapabilities(t).map((option) => (
              <option key={option} value={option}>
                {t(`capability.${option}`)}
              </option>
            ))}
          </SelectField>
          <Field label={t('capacity.from')} error={error('from')}>
            {(control) => (
              <input type="date" name="from" defaultValue={from || today} {...control} />
            )}
          </Field>
          <Field label={t('capacity.to')} error={error('to')} hint={t('capacity.toHint')}>
            {(control) => (
              <input type="date" name="to" defaultValue={to || addDays(today, 6)} {...control} />
            )}
          </Field>
          <Field label={t('capacity.hours')} error={error('hours')} hint={t('capacity.hoursHint')}>
            {(control) => (
              <input
                type="text"
                name="hours"
                inputMode="decimal"
                autoComplete="off"
                defaultValue={hours || '2'}
                {...control}
              />
            )}
          </Field>
          <SelectField
            label={t('capacity.province')}
            name="province"
            value={formProvince}
            onChange={(event) => setFormProvince(event.target.value)}
            hint={provinces.loading ? t('state.loading') : undefined}
          >
            <option value="">{t('capacity.allProvinces')}</option>
            {provinces.items.map((p) => (
              <option key={p.code} value={p.code}>
                {p.name}
              </option>
            ))}
          </SelectField>
          <SelectField
            label={t('capacity.cluster')}
            name="clusterId"
            defaultValue={clusterId}
            key={formProvince}
            hint={clusters.loading ? t('state.loading') : undefined}
          >
            <option value="">{t('capacity.allClusters')}</option>
            <NameOptions items={clusters.items} />
          </SelectField>
          <SiteSelect
            sites={sites}
            label={t('capacity.near')}
            name="nearSiteId"
            value={formNear}
            onChange={setFormNear}
            emptyOption={{ label: t('capacity.nearDefault'), selectable: true }}
            hint={t('capacity.nearHint')}
          />
          <div className="button-row">
            <button type="submit" data-testid="capacity-submit">
              {t('capacity.submit')}
            </button>
          </div>
        </form>
      </Section>
      <Section title={t('capacity.results')} testId="capacity-results">
        {!valid ? (
          <EmptyState title={t('capacity.start.title')}>{t('capacity.start.body')}</EmptyState>
        ) : (
          <Loaded resource={results}>
            {(data) =>
              data.items.length === 0 ? (
                <EmptyState title={t('capacity.empty.title')}>
                  {t('capacity.empty.body')}
                </EmptyState>
              ) : (
                <>
                  {nearSite && (
                    <p className="muted" data-testid="capacity-near">
                      {t('capacity.distanceFrom', { site: siteLabel(nearSite) })}
                    </p>
                  )}
                  <DataTable
                    caption={t('capacity.results')}
                    columns={columns}
                    rows={data.items}
                    rowKey={(f) => f.machineId}
                    testId="capacity-table"
                  />
                </>
              )
            }
          </Loaded>
        )}
      </Section>
    </Page>
  );
}

/** At a site where the member is not registered: no booking, but whom to ask to join. */
function JoinSite({ fit }: { fit: CapacityFitT }) {
  const { t } = useI18n();
  const c = fit.contact;
  return (
    <div data-testid="capacity-join">
      <p>{c ? t('capacity.notRegistered') : t('capacity.noContact')}</p>
      {c && (
        <p>
          {c.name}
          {c.phone && (
            <>
              {' · '}
              <a href={`tel:${c.phone.replace(/[^+0-9]/g, '')}`}>{c.phone}</a>
            </>
          )}
          {c.email && (
            <>
              {' · '}
              <a href={`mailto:${c.email}`}>{c.email}</a>
            </>
          )}
        </p>
      )}
    </div>
  );
}
