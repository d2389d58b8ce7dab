/**
 * Progress of work that takes a while (an upload, an import): a bar while the share done is
 * known, a spinner once only the server knows (it is checking the file). Announced politely.
 */
export function Progress({ label, fraction }: { label: string; fraction: number | null }) {
  return (
    <div className="progress" role="status" aria-live="polite" data-testid="progress">
      {fraction === null ? (
        <span className="spinner" aria-hidden="true" />
      ) : (
        <progress max={1} value={fraction} aria-hidden="true" />
      )}
      <span>{label}</span>
    </div>
  );
}
