import type { ReactNode } from 'react';

/**
 * Nothing to show yet — and what to do about it. Every list has one, so an empty page is
 * never mistaken for a broken one.
 */
export function EmptyState({
  title,
  children,
  action,
}: {
  title: string;
  /** The next step, in one or two sentences. */
  children: ReactNode;
  action?: ReactNode;
}) {
  return (
    <div className="empty-state" data-testid="empty-state">
      <p className="empty-state-title">{title}</p>
      <p>{children}</p>
      {action}
    </div>
  );
}
