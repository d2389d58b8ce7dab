/**
 * The audit log: who changed what, when. Filters go to the API (the log is too large to
 * filter in the browser); dates are whole days in WIB, the zone the times are shown in.
 */
import { useState, type FormEvent } from 'react';
import { DataTable, type Column } from '../../components/data-table.js';
import { EmptyState } from '../../components/empty-state.js';
import { TextField } from '../../components/field.js';
import { Page, Section } from '../../components/page.js';
import { PagedList } from '../../components/paged-list.js';
import { useI18n } from '../../i18n/i18n-context.js';
import type { AuditEntry } from '../../lib/contracts.js';
import {
  formatDateTime,
  PLATFORM_TIME_ZONE,
  zoneLabel,
  zonedDayBoundary,
} from '../../lib/format.js';
import type { Query } from '../../lib/api.js';
import { useCursorList } from '../../lib/use-cursor-list.js';
import { formValues } from '../../lib/use-submit.js';
import { JsonDiffView } from './json-diff-view.js';

interface Filters {
  action: string;
  entityType: string;
  actor: string;
  from: string;
  to: string;
}

const NO_FILTERS: Filters = { action: '', entityType: '', actor: '', from: '', to: '' };

export function toAuditQuery(filters: Filters): Query {
  return {
    action: filters.action.trim(),
    entityType: filters.entityType.trim(),
    actor: filters.actor.trim(),
    from: filters.from ? zonedDayBoundary(filters.from, PLATFORM_TIME_ZONE, 'start') : undefined,
    to: filters.to ? zonedDayBoundary(filters.to, PLATFORM_TIME_ZONE, 'end') : undefined,
  };
}

export function AuditPage() {
  const { t, locale } = useI18n();
  const [filters, setFilters] = useState<Filters>(NO_FILTERS);
  const entries = useCursorList<AuditEntry>('/api/audit', toAuditQuery(filters));
  const filtered = Object.values(filters).some(Boolean);

  const onFilter = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setFilters({ ...NO_FILTERS, ...formValues(event.currentTarget) });
  };

  const columns: Column<AuditEntry>[] = [
    {
      key: 'at',
      header: t('audit.column.at'),
      render: (entry) => formatDateTime(entry.at, PLATFORM_TIME_ZONE, locale),
    },
    { key: 'actor', header: t('audit.column.actor'), render: (entry) => entry.actorLabel },
    {
      key: 'action',
      header: t('audit.column.action'),
      render: (entry) => <code className="nowrap">{entry.action}</code>,
    },
    {
      key: 'entity',
      header: t('audit.column.entity'),
      render: (entry) => (
        <>
          {entry.entityType}
          {entry.entityId && <span className="muted"> {entry.entityId}</span>}
        </>
      ),
    },
  ];

  return (
    <Page title={t('audit.title')} lead={t('audit.lead')}>
      <Section title={t('audit.filters')}>
        {/* Uncontrolled: the form holds what is typed, `filters` what was applied. */}
        <form
          className="form form-filters"
          onSubmit={onFilter}
          onReset={() => setFilters(NO_FILTERS)}
        >
          <TextField label={t('audit.field.action')} name="action" placeholder="user.create" />
          <TextField label={t('audit.field.entityType')} name="entityType" placeholder="user" />
          <TextField label={t('audit.field.actor')} name="actor" type="search" />
          <TextField
            label={t('audit.field.from', { zone: zoneLabel(PLATFORM_TIME_ZONE) })}
            name="from"
            type="date"
          />
          <TextField
            label={t('audit.field.to', { zone: zoneLabel(PLATFORM_TIME_ZONE) })}
            name="to"
            type="date"
          />
          <div className="button-row">
            <button type="submit">{t('action.filter')}</button>
            <button type="reset" className="button-secondary">
              {t('action.clearFilters')}
            </button>
          </div>
        </form>
      </Section>
      <Section title={t('audit.entries')}>
        <PagedList
          list={entries}
          empty={
            filtered ? (
              <EmptyState title={t('audit.emptyFiltered.title')}>
                {t('audit.emptyFiltered.body')}
              </EmptyState>
            ) : (
              <EmptyState title={t('audit.empty.title')}>{t('audit.empty.body')}</EmptyState>
            )
          }
        >
          {(items) => (
            <DataTable
              caption={t('audit.entries')}
              columns={columns}
              rows={items}
              rowKey={(entry) => entry.id}
              details={(entry) => <JsonDiffView before={entry.before} after={entry.after} />}
              testId="audit-table"
            />
          )}
        </PagedList>
      </Section>
    </Page>
  );
}
