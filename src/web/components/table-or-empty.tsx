/**
 * A list's table, or its empty state while there are no rows: the choice every list makes, so
 * that no page forgets the empty case.
 */
import type { ReactNode } from 'react';
import { DataTable, type DataTableProps } from './data-table.js';
import { EmptyState } from './empty-state.js';

export function TableOrEmpty<T>({
  emptyTitle,
  emptyBody,
  ...table
}: DataTableProps<T> & {
  emptyTitle: string;
  /** The next step, as EmptyState's body. */
  emptyBody: ReactNode;
}) {
  if (table.rows.length === 0) return <EmptyState title={emptyTitle}>{emptyBody}</EmptyState>;
  return <DataTable {...table} />;
}
