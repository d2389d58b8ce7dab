/**
 * The states every API list goes through — loading, failed, empty, filled, more to load — in
 * one place, so each page only says how to draw its items and what to do when there are none.
 */
import type { ReactNode } from 'react';
import { useI18n } from '../i18n/i18n-context.js';
import type { CursorList } from '../lib/use-cursor-list.js';
import { ErrorBanner } from './error-banner.js';
import { Loading } from './loading.js';

export function PagedList<T>({
  list,
  empty,
  paginate = true,
  children,
}: {
  list: CursorList<T>;
  /** Usually an <EmptyState> that says what to do next. */
  empty: ReactNode;
  /** false: show the first page only (a preview that links to the full list). */
  paginate?: boolean;
  children: (items: T[]) => ReactNode;
}) {
  const { t } = useI18n();
  if (list.loading) return <Loading label={t('state.loading')} />;
  if (list.items.length === 0) {
    return list.error ? <ErrorBanner error={list.error} onRetry={list.reload} /> : <>{empty}</>;
  }
  return (
    <>
      {children(list.items)}
      <ErrorBanner error={list.error} />
      {paginate && list.hasMore && (
        <div className="list-more">
          <button
            type="button"
            className="button-secondary"
            onClick={list.loadMore}
            disabled={list.loadingMore}
            aria-busy={list.loadingMore}
          >
            {list.loadingMore && <span className="spinner spinner-small" aria-hidden="true" />}
            {list.loadingMore ? t('state.loading') : t('action.loadMore')}
          </button>
        </div>
      )}
    </>
  );
}
