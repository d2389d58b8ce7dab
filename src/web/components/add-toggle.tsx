/**
 * The "add …" button under a list, which opens the form in its place. The form gets `close` for
 * its cancel and for when it is done; `onOpen` runs as it opens, e.g. to clear the banner of the
 * last thing added. Where a row's "edit" opens the same form, the page holds what is open in
 * `editing` ('new' while adding, the row while changing it, null while closed) and `onEdit`
 * changes it; the form then also gets the row, or null while adding.
 */
import { useState } from 'react';
import type { ReactNode } from 'react';

export function AddToggle<T = never>({
  label,
  testId,
  secondary = false,
  onOpen,
  editing,
  onEdit,
  children,
}: {
  label: string;
  testId: string;
  /** The list's main action is primary; a secondary one beside other content is not. */
  secondary?: boolean;
  onOpen?: () => void;
  editing?: T | 'new' | null;
  onEdit?: (editing: T | 'new' | null) => void;
  children: (close: () => void, row: T | null) => ReactNode;
}) {
  const [openHere, setOpen] = useState(false);
  if (editing === undefined ? openHere : editing !== null)
    return children(
      () => {
        setOpen(false);
        onEdit?.(null);
      },
      editing === undefined || editing === 'new' ? null : editing,
    );
  return (
    <div className="section-actions button-row">
      <button
        type="button"
        className={secondary ? 'button-secondary' : undefined}
        onClick={() => {
          onOpen?.();
          setOpen(true);
          onEdit?.('new');
        }}
        data-testid={testId}
      >
        {label}
      </button>
    </div>
  );
}
