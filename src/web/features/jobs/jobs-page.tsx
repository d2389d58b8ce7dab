/**
 * Background work as administrators see it: the job queue (e-mail, scheduling runs...) and the
 * e-mail outbox, so a stuck or failing job is visible instead of silently lost.
 */
import { useState, type FormEvent } from 'react';
import type { z } from 'zod';
import { DataTable, type Column } from '../../components/data-table.js';
import { EmptyState } from '../../components/empty-state.js';
import { SelectField, TextField } from '../../components/field.js';
import { Page, Section } from '../../components/page.js';
import { PagedList } from '../../components/paged-list.js';
import { useI18n } from '../../i18n/i18n-context.js';
import { JOB_STATES, type JobSummary, type OutboxMessage } from '../../lib/contracts.js';
import { formatDateTime, PLATFORM_TIME_ZONE } from '../../lib/format.js';
import { useCursorList } from '../../lib/use-cursor-list.js';
import { formValues } from '../../lib/use-submit.js';

type Outbox = z.output<typeof OutboxMessage>;

export function JobsPage() {
  const { t } = useI18n();
  return (
    <Page title={t('jobs.title')} lead={t('jobs.lead')}>
      <JobsSection />
      <OutboxSection />
    </Page>
  );
}

function useWhen() {
  const { locale } = useI18n();
  return (instant: string | null) =>
    instant ? formatDateTime(instant, PLATFORM_TIME_ZONE, locale) : '—';
}

function JobsSection() {
  const { t } = useI18n();
  const when = useWhen();
  const [filters, setFilters] = useState({ queue: '', state: '' });
  const jobs = useCursorList<JobSummary>('/api/admin/jobs', {
    queue: filters.queue.trim(),
    state: filters.state,
  });

  const onFilter = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const values = formValues(event.currentTarget);
    setFilters({ queue: values['queue'] ?? '', state: values['state'] ?? '' });
  };

  const columns: Column<JobSummary>[] = [
    { key: 'queue', header: t('jobs.column.queue'), render: (job) => <code>{job.queue}</code> },
    {
      key: 'state',
      header: t('jobs.column.state'),
      render: (job) => (
        <span className={`state-chip state-${job.state}`}>{t(`jobs.state.${job.state}`)}</span>
      ),
    },
    {
      key: 'retries',
      header: t('jobs.column.retries'),
      className: 'numeric',
      render: (job) => `${job.retryCount}/${job.retryLimit}`,
    },
    { key: 'created', header: t('jobs.column.created'), render: (job) => when(job.createdAt) },
    { key: 'started', header: t('jobs.column.started'), render: (job) => when(job.startedAt) },
    {
      key: 'completed',
      header: t('jobs.column.completed'),
      render: (job) => when(job.completedAt),
    },
    {
      key: 'error',
      header: t('jobs.column.lastError'),
      render: (job) => (job.lastError ? <span className="error-text">{job.lastError}</span> : '—'),
    },
  ];

  return (
    <Section title={t('jobs.queue')} testId="jobs-section">
      <form
        className="form form-filters"
        onSubmit={onFilter}
        onReset={() => setFilters({ queue: '', state: '' })}
      >
        <TextField label={t('jobs.column.queue')} name="queue" type="search" />
        <SelectField label={t('jobs.column.state')} name="state" defaultValue="">
          <option value="">{t('jobs.state.any')}</option>
          {JOB_STATES.map((state) => (
            <option key={state} value={state}>
              {t(`jobs.state.${state}`)}
            </option>
          ))}
        </SelectField>
        <div className="button-row">
          <button type="submit">{t('action.filter')}</button>
          <button type="reset" className="button-secondary">
            {t('action.clearFilters')}
          </button>
        </div>
      </form>
      <PagedList
        list={jobs}
        empty={<EmptyState title={t('jobs.empty.title')}>{t('jobs.empty.body')}</EmptyState>}
      >
        {(items) => (
          <DataTable
            caption={t('jobs.queue')}
            columns={columns}
            rows={items}
            rowKey={(job) => job.id}
            testId="job-table"
          />
        )}
      </PagedList>
    </Section>
  );
}

function OutboxSection() {
  const { t } = useI18n();
  const when = useWhen();
  const messages = useCursorList<Outbox>('/api/admin/outbox');

  const columns: Column<Outbox>[] = [
    { key: 'to', header: t('outbox.column.to'), render: (message) => message.to },
    { key: 'subject', header: t('outbox.column.subject'), render: (message) => message.subject },
    {
      key: 'status',
      header: t('outbox.column.status'),
      render: (message) => (
        <span className={`state-chip state-${message.status}`}>
          {t(`outbox.status.${message.status}`)}
        </span>
      ),
    },
    {
      key: 'attempts',
      header: t('outbox.column.attempts'),
      className: 'numeric',
      render: (message) => String(message.attempts),
    },
    {
      key: 'created',
      header: t('jobs.column.created'),
      render: (message) => when(message.createdAt),
    },
    { key: 'sent', header: t('outbox.column.sent'), render: (message) => when(message.sentAt) },
    {
      key: 'error',
      header: t('jobs.column.lastError'),
      render: (message) =>
        message.lastError ? <span className="error-text">{message.lastError}</span> : '—',
    },
  ];

  return (
    <Section title={t('outbox.title')} testId="outbox-section">
      <PagedList
        list={messages}
        empty={<EmptyState title={t('outbox.empty.title')}>{t('outbox.empty.body')}</EmptyState>}
      >
        {(items) => (
          <DataTable
            caption={t('outbox.title')}
            columns={columns}
            rows={items}
            rowKey={(message) => message.id}
            testId="outbox-table"
          />
        )}
      </PagedList>
    </Section>
  );
}
