/**
 * The one table of the app. On a phone (< 40rem) styles.css turns each row into a card and
 * prints each cell's column name from `data-label`, so no page needs its own mobile markup.
 * Rows can open a details panel (e.g. an audit entry's before/after).
 */
import { Fragment, useState } from 'react';
import type { ReactNode } from 'react';
import { useI18n } from '../i18n/i18n-context.js';

export interface Column<T> {
  key: string;
  header: string;
  render: (row: T) => ReactNode;
  /** e.g. "numeric" to right-align amounts on wide screens. */
  className?: string;
}

export interface DataTableProps<T> {
  /** Names the table for screen readers (visually hidden: the section heading shows it). */
  caption: string;
  columns: readonly Column<T>[];
  rows: readonly T[];
  rowKey: (row: T) => string;
  /** When given, each row gets a "details" toggle that shows this under it. */
  details?: (row: T) => ReactNode;
  testId?: string;
}

export function DataTable<T>({
  caption,
  columns,
  rows,
  rowKey,
  details,
  testId,
}: DataTableProps<T>) {
  const { t } = useI18n();
  const [open, setOpen] = useState<ReadonlySet<string>>(new Set());
  const toggle = (key: string) =>
    setOpen((current) => {
      const next = new Set(current);
      if (next.has(key)) next.delete(key);
      else next.add(key);
      return next;
    });
  const columnCount = columns.length + (details ? 1 : 0);

  return (
    <div className="table-wrap">
      <table className="data-table" data-testid={testId}>
        <caption className="visually-hidden">{caption}</caption>
        <thead>
          <tr>
            {details && (
              <th scope="col">
                <span className="visually-hidden">{t('table.details')}</span>
              </th>
            )}
            {columns.map((column) => (
              <th key={column.key} scope="col" className={column.className}>
                {column.header}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => {
            const key = rowKey(row);
            const isOpen = open.has(key);
            const detailsId = `details-${key}`;
            return (
              <Fragment key={key}>
                <tr data-testid="table-row">
                  {details && (
                    <td className="cell-toggle">
                      <button
                        type="button"
                        className="button-link"
                        aria-expanded={isOpen}
                        aria-controls={detailsId}
                        onClick={() => toggle(key)}
                      >
                        {isOpen ? t('table.hideDetails') : t('table.showDetails')}
                      </button>
                    </td>
                  )}
                  {columns.map((column) => (
                    <td key={column.key} data-label={column.header} className={column.className}>
                      {/* One wrapper, so the phone layout has exactly label + value per cell. */}
                      <div className="cell-value">{column.render(row)}</div>
                    </td>
                  ))}
                </tr>
                {details && isOpen && (
                  <tr className="details-row" id={detailsId}>
                    <td colSpan={columnCount}>{details(row)}</td>
                  </tr>
                )}
              </Fragment>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
