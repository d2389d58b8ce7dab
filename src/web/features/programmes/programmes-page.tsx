/** /programmes — programmes with their funding source, year and budget against realisation. */
import { Link } from 'react-router';
import { DataTable, type Column } from '../../components/data-table.js';
import { EmptyState } from '../../components/empty-state.js';
import { Page } from '../../components/page.js';
import { PagedList } from '../../components/paged-list.js';
import { useI18n } from '../../i18n/i18n-context.js';
import { useCursorList } from '../../lib/use-cursor-list.js';
import { BudgetBar } from './budget-bar.js';
import type { ProgrammeT } from './types.js';

export function ProgrammesPage() {
  const { t } = useI18n();
  const list = useCursorList<ProgrammeT>('/api/programmes', { limit: 50 });
  const columns: Column<ProgrammeT>[] = [
    {
      key: 'name',
      header: t('programmes.column.name'),
      render: (p) => (
        <>
          <Link to={`/programmes/${p.id}`}>
            <strong>{p.name}</strong>
          </Link>
          <span className="muted nowrap"> {p.code}</span>
        </>
      ),
    },
    {
      key: 'source',
      header: t('programmes.column.source'),
      render: (p) => `${t(`fundingSource.${p.fundingSource}`)} · ${p.year}`,
    },
    {
      key: 'budget',
      header: t('programmes.column.realisation'),
      render: (p) => <BudgetBar budget={p.budget} realisation={p.realisation} />,
    },
  ];
  return (
    <Page title={t('programmes.title')} lead={t('programmes.lead')}>
      <PagedList
        list={list}
        empty={
          <EmptyState title={t('programmes.empty.title')}>{t('programmes.empty.body')}</EmptyState>
        }
      >
        {(items) => (
          <DataTable
            caption={t('programmes.title')}
            columns={columns}
            rows={items}
            rowKey={(p) => p.id}
            testId="programme-table"
          />
        )}
      </PagedList>
    </Page>
  );
}
