/**
 * Progress for work that takes a moment. role="status" lets screen readers announce it; the
 * spinner is decorative and stops for people who asked for reduced motion (styles.css).
 */
export function Loading({ label }: { label: string }) {
  return (
    <div className="loading" role="status" aria-live="polite" data-testid="loading">
      <span className="spinner" aria-hidden="true" />
      <span>{label}</span>
    </div>
  );
}

/** A submit button that shows it is working and cannot be pressed twice. */
export function SubmitButton({
  pending,
  label,
  pendingLabel,
  className,
}: {
  pending: boolean;
  label: string;
  pendingLabel: string;
  className?: string;
}) {
  return (
    <button type="submit" className={className} disabled={pending} aria-busy={pending}>
      {pending && <span className="spinner spinner-small" aria-hidden="true" />}
      {pending ? pendingLabel : label}
    </button>
  );
}
