/**
 * The "add …" button under a list, which opens the form in its place. The form gets `close` for
 * its cancel and for when it is done; `onOpen` runs as it opens, e.g. to clear the banner of the
 * last thing added.
 */
import { useState } from 'react';
import type { ReactNode } from 'react';

export function AddToggle({
  label,
  testId,
  secondary = false,
  onOpen,
  children,
}: {
  label: string;
  testId: string;
  /** The list's main action is primary; a secondary one beside other content is not. */
  secondary?: boolean;
  onOpen?: () => void;
  children: (close: () => void) => ReactNode;
}) {
  const [open, setOpen] = useState(false);
  if (open) return children(() => setOpen(false));
  return (
    <div className="section-actions button-row">
      <button
        type="button"
        className={secondary ? 'button-secondary' : undefined}
        onClick={() => {
          onOpen?.();
          setOpen(true);
        }}
        data-testid={testId}
      >
        {label}
      </button>
    </div>
  );
}
