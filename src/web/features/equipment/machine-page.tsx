/**
 * /equipment/:id — one machine: what it is and costs, its status with the way to change it and
 * its history, its documents and photos. Times are in the site's zone. A machine outside the
 * user's sites is "not found" (the API answers 404 for both).
 */
import { Link, useParams } from 'react-router';
import { canSee } from '../../app/nav.js';
import { useSession } from '../../app/session-context.js';
import { EmptyState } from '../../components/empty-state.js';
import { Loaded } from '../../components/loaded.js';
import { Page, Section } from '../../components/page.js';
import { useI18n } from '../../i18n/i18n-context.js';
import type { TimeZone } from '../../lib/contracts.js';
import {
  formatCount,
  formatDate,
  formatDateTime,
  formatRupiah,
  PLATFORM_TIME_ZONE,
} from '../../lib/format.js';
import { useResource } from '../../lib/use-resource.js';
import { TariffsSection } from '../billing/tariffs-section.js';
import { DocumentsSection } from './documents-section.js';
import { MachineStatusChip, StatusChangeForm } from './machine-status.js';
import { Rates } from './machine-table.js';
import { PhotosSection } from './photos-section.js';
import { machinePath, type MachineT, type StatusChangeT } from './types.js';

const STATUS_CHANGERS = ['administrator', 'site_manager', 'site_operator'];

export function MachinePage() {
  const { t, locale } = useI18n();
  const { roles } = useSession();
  const { id = '' } = useParams();
  const machine = useResource<MachineT>(machinePath(id));
  const history = useResource<{ items: StatusChangeT[] }>(`${machinePath(id)}/status-history`);
  const site = useResource<{ timeZone: TimeZone }>(
    machine.data ? `/api/sites/${encodeURIComponent(machine.data.siteId)}` : null,
  );
  const timeZone = site.data?.timeZone ?? PLATFORM_TIME_ZONE;
  const canEdit = canSee('machineEdit', roles);
  const canChangeStatus = roles.some((role) => STATUS_CHANGERS.includes(role));
  const data = machine.data;

  return (
    <Page
      title={data ? `${data.name} (${data.code})` : t('machine.detail')}
      lead={
        data && (
          <>
            <MachineStatusChip status={data.status} /> ·{' '}
            <Link to={`/sites/${data.siteId}`}>{data.siteName}</Link> · {data.province}
          </>
        )
      }
      actions={
        <div className="button-row">
          {data && (
            <Link
              to={`/equipment/${data.id}/calendar`}
              className="link-button"
              data-testid="open-calendar"
            >
              {t('calendar.open')}
            </Link>
          )}
          {data && canEdit && (
            <Link
              to={`/equipment/${data.id}/edit`}
              className="link-button link-button-secondary"
              data-testid="edit-machine"
            >
              {t('machine.edit')}
            </Link>
          )}
          <Link to="/equipment" className="link-button link-button-secondary">
            {t('equipment.backToList')}
          </Link>
        </div>
      }
    >
      <Loaded resource={machine}>
        {(current) => (
          <>
            <Section title={t('machine.profile')} testId="machine-profile">
              <dl className="facts">
                <dt>{t('machine.field.capabilities')}</dt>
                <dd>{current.capabilities.map((c) => t(`capability.${c}`)).join(', ')}</dd>
                <dt>{t('equipment.column.capacity')}</dt>
                <dd>
                  {current.capacity
                    ? t(`machine.capacity.${current.capacity.basis}`, {
                        value: formatCount(current.capacity.value, locale),
                        unit: current.capacity.unit,
                      })
                    : '—'}
                </dd>
                <dt>{t('equipment.column.rate')}</dt>
                <dd data-testid="machine-rates">
                  <Rates machine={current} />
                </dd>
                <dt>{t('machine.field.acquisitionValue')}</dt>
                <dd>
                  {formatRupiah(current.acquisitionValue)}
                  {current.acquiredOn && ` · ${formatDate(current.acquiredOn, locale)}`}
                </dd>
                <dt>{t('machine.field.fundingProgramme')}</dt>
                <dd>{current.fundingProgrammeName ?? t('machine.field.fundingNone')}</dd>
                <dt>{t('machine.field.manufacturer')}</dt>
                <dd>
                  {[current.manufacturer, current.model, current.serialNumber]
                    .filter(Boolean)
                    .join(' · ') || '—'}
                </dd>
                <dt>{t('equipment.column.site')}</dt>
                <dd>
                  {current.siteName} ({current.siteCode}) · {current.clusterName}
                </dd>
              </dl>
              {Object.keys(current.specs).length > 0 && (
                <>
                  <h3>{t('machine.form.specs')}</h3>
                  <dl className="facts" data-testid="machine-specs">
                    {Object.entries(current.specs).map(([name, value]) => (
                      <div key={name} className="facts-pair">
                        <dt>{name}</dt>
                        <dd>
                          {typeof value === 'boolean'
                            ? t(value ? 'machine.specs.yes' : 'machine.specs.no')
                            : typeof value === 'number'
                              ? value.toLocaleString(locale === 'id' ? 'id-ID' : 'en-GB')
                              : value}
                        </dd>
                      </div>
                    ))}
                  </dl>
                </>
              )}
            </Section>
            <Section title={t('machine.status.section')} testId="machine-status-section">
              {canChangeStatus && (
                <StatusChangeForm
                  machine={current}
                  timeZone={timeZone}
                  onChanged={(changed) => {
                    machine.replace(changed);
                    history.reload();
                  }}
                />
              )}
              <h3>{t('machine.history.title')}</h3>
              <Loaded resource={history}>
                {(data) =>
                  data.items.length === 0 ? (
                    <EmptyState title={t('machine.history.empty.title')}>
                      {t('machine.history.empty.body')}
                    </EmptyState>
                  ) : (
                    <ol className="timeline" data-testid="status-history">
                      {data.items.map((change, index) => (
                        <li key={`${change.at}-${index}`} className="timeline-item">
                          <span>
                            {change.from && (
                              <>
                                <MachineStatusChip status={change.from} /> →{' '}
                              </>
                            )}
                            <MachineStatusChip status={change.to} />
                          </span>
                          <span className="muted">
                            {formatDateTime(change.at, timeZone, locale)} · {change.by}
                          </span>
                          {change.reason && <span>{change.reason}</span>}
                        </li>
                      ))}
                    </ol>
                  )
                }
              </Loaded>
            </Section>
            <TariffsSection machineId={current.id} timeZone={timeZone} />
            <DocumentsSection machine={current} canEdit={canEdit} timeZone={timeZone} />
            <PhotosSection machine={current} canEdit={canEdit} />
          </>
        )}
      </Loaded>
    </Page>
  );
}
