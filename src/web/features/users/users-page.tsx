/** Administrators: everyone who can log in, and a form to add someone. */
import { useState } from 'react';
import { DataTable, type Column } from '../../components/data-table.js';
import { EmptyState } from '../../components/empty-state.js';
import { SuccessBanner } from '../../components/error-banner.js';
import { GrantList } from '../../components/grant-list.js';
import { Page, Section } from '../../components/page.js';
import { PagedList } from '../../components/paged-list.js';
import { useI18n } from '../../i18n/i18n-context.js';
import type { UserSummary } from '../../lib/contracts.js';
import { formatDateTime, PLATFORM_TIME_ZONE } from '../../lib/format.js';
import { useCursorList } from '../../lib/use-cursor-list.js';
import { useNow } from '../../lib/use-now.js';
import { CreateUserForm } from './create-user-form.js';

export function UsersPage() {
  const { t, locale } = useI18n();
  const users = useCursorList<UserSummary>('/api/users');
  const [formOpen, setFormOpen] = useState(false);
  const [created, setCreated] = useState<UserSummary | null>(null);
  const now = useNow();

  const status = (user: UserSummary) => {
    if (user.disabled) return t('users.status.disabled');
    if (user.lockedUntil && new Date(user.lockedUntil) > now) return t('users.status.locked');
    return t('users.status.active');
  };

  const columns: Column<UserSummary>[] = [
    {
      key: 'name',
      header: t('users.column.name'),
      render: (user) => (
        <>
          <strong>{user.name}</strong>
          <br />
          <span className="muted">{user.email}</span>
        </>
      ),
    },
    {
      key: 'roles',
      header: t('users.column.roles'),
      render: (user) => <GrantList grants={user.grants} />,
    },
    { key: 'status', header: t('users.column.status'), render: status },
    {
      key: 'language',
      header: t('field.language'),
      render: (user) => t(`language.${user.locale}`),
    },
    {
      key: 'lastLogin',
      header: t('users.column.lastLogin'),
      render: (user) =>
        user.lastLoginAt
          ? formatDateTime(user.lastLoginAt, PLATFORM_TIME_ZONE, locale)
          : t('users.neverLoggedIn'),
    },
  ];

  return (
    <Page
      title={t('users.title')}
      lead={t('users.lead')}
      actions={
        !formOpen && (
          <button type="button" onClick={() => setFormOpen(true)} data-testid="open-create-user">
            {t('users.add')}
          </button>
        )
      }
    >
      {created && (
        <SuccessBanner>
          {t('users.created', { name: created.name, email: created.email })}
        </SuccessBanner>
      )}
      {formOpen && (
        <Section title={t('users.add')} testId="create-user">
          <CreateUserForm
            onCreated={(user) => {
              setCreated(user);
              setFormOpen(false);
              users.reload();
            }}
            onCancel={() => setFormOpen(false)}
          />
        </Section>
      )}
      <Section title={t('users.list')}>
        <PagedList
          list={users}
          empty={<EmptyState title={t('users.empty.title')}>{t('users.empty.body')}</EmptyState>}
        >
          {(items) => (
            <DataTable
              caption={t('users.list')}
              columns={columns}
              rows={items}
              rowKey={(user) => user.id}
              testId="user-table"
            />
          )}
        </PagedList>
      </Section>
    </Page>
  );
}
