/**
 * API tokens for scripts and integrations. A new token's secret is shown once, with a copy
 * button: the server keeps only its hash, so nobody can show it again.
 */
import { useState, type FormEvent } from 'react';
import type { z } from 'zod';
import { useApi } from '../../app/session-context.js';
import { DataTable, type Column } from '../../components/data-table.js';
import { CopyButton } from '../../components/copy-button.js';
import { EmptyState } from '../../components/empty-state.js';
import { ErrorBanner } from '../../components/error-banner.js';
import { SelectField, TextField } from '../../components/field.js';
import { SubmitButton } from '../../components/loading.js';
import { Section } from '../../components/page.js';
import { PagedList } from '../../components/paged-list.js';
import { useI18n } from '../../i18n/i18n-context.js';
import {
  CreateTokenRequest,
  type ApiToken,
  type CreateTokenResponse,
} from '../../lib/contracts.js';
import { formatDateTime, PLATFORM_TIME_ZONE } from '../../lib/format.js';
import { useCursorList } from '../../lib/use-cursor-list.js';
import { formValues, useSubmit } from '../../lib/use-submit.js';

/** Choices for the expiry; "" means never. */
const EXPIRY_DAYS = ['30', '90', '365', ''] as const;

export function TokensSection() {
  const { t, locale } = useI18n();
  const api = useApi();
  const tokens = useCursorList<ApiToken>('/api/tokens');
  const [created, setCreated] = useState<z.output<typeof CreateTokenResponse> | null>(null);

  const create = useSubmit(async (body: z.output<typeof CreateTokenRequest>) => {
    setCreated(await api.post<z.output<typeof CreateTokenResponse>>('/api/tokens', body));
    tokens.reload();
  }, CreateTokenRequest);

  const revoke = useSubmit(async (token: ApiToken) => {
    await api.delete(`/api/tokens/${encodeURIComponent(token.id)}`);
    tokens.reload();
  });

  const onCreate = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = event.currentTarget;
    const values = formValues(form);
    const days = values['expiresInDays'];
    const ok = await create.submit({
      name: values['name'],
      expiresInDays: days ? Number(days) : null,
    });
    if (ok) form.reset();
  };

  const when = (instant: string | null) =>
    instant ? formatDateTime(instant, PLATFORM_TIME_ZONE, locale) : '—';

  const columns: Column<ApiToken>[] = [
    { key: 'name', header: t('tokens.column.name'), render: (token) => token.name },
    {
      key: 'prefix',
      header: t('tokens.column.prefix'),
      render: (token) => <code>{token.prefix}…</code>,
    },
    {
      key: 'created',
      header: t('tokens.column.created'),
      render: (token) => when(token.createdAt),
    },
    { key: 'used', header: t('tokens.column.lastUsed'), render: (token) => when(token.lastUsedAt) },
    {
      key: 'expires',
      header: t('tokens.column.expires'),
      render: (token) => (token.expiresAt ? when(token.expiresAt) : t('tokens.never')),
    },
    {
      key: 'actions',
      header: t('table.actions'),
      render: (token) => (
        <button
          type="button"
          className="button-danger"
          disabled={revoke.pending}
          onClick={() => {
            if (window.confirm(t('tokens.revokeConfirm', { name: token.name }))) {
              void revoke.submit(token);
            }
          }}
        >
          {t('tokens.revoke')}
        </button>
      ),
    },
  ];

  return (
    <Section title={t('tokens.title')} testId="tokens-section">
      <p>
        {t('tokens.lead')} <a href="/api/docs">{t('tokens.docs')}</a>
      </p>

      {created && (
        <div className="banner banner-success secret" role="status" data-testid="token-secret">
          <p>
            <strong>{t('tokens.createdTitle', { name: created.token.name })}</strong>{' '}
            {t('tokens.createdBody')}
          </p>
          <code id="new-token-secret" className="secret-value">
            {created.secret}
          </code>
          <div className="button-row">
            <CopyButton text={created.secret} targetId="new-token-secret" />
            <button type="button" className="button-secondary" onClick={() => setCreated(null)}>
              {t('action.done')}
            </button>
          </div>
        </div>
      )}

      <form className="form form-inline" onSubmit={(event) => void onCreate(event)} noValidate>
        <ErrorBanner error={create.error} />
        <TextField
          label={t('tokens.field.name')}
          name="name"
          hint={t('tokens.field.nameHint')}
          error={create.fieldErrors['name']}
        />
        <SelectField
          label={t('tokens.field.expires')}
          name="expiresInDays"
          defaultValue="90"
          error={create.fieldErrors['expiresInDays']}
        >
          {EXPIRY_DAYS.map((days) => (
            <option key={days} value={days}>
              {days ? t('tokens.days', { days }) : t('tokens.never')}
            </option>
          ))}
        </SelectField>
        <SubmitButton
          pending={create.pending}
          label={t('tokens.create')}
          pendingLabel={t('action.saving')}
        />
      </form>

      <ErrorBanner error={revoke.error} />
      <PagedList
        list={tokens}
        empty={<EmptyState title={t('tokens.empty.title')}>{t('tokens.empty.body')}</EmptyState>}
      >
        {(items) => (
          <DataTable
            caption={t('tokens.title')}
            columns={columns}
            rows={items}
            rowKey={(token) => token.id}
            testId="token-table"
          />
        )}
      </PagedList>
    </Section>
  );
}
