import { useI18n } from '../i18n/i18n-context.js';

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

/** The progress of an upload (lib/use-upload.ts), shown while it is pending. */
export function UploadProgress({
  pending,
  fraction,
}: {
  pending: boolean;
  fraction: number | null;
}) {
  const { t } = useI18n();
  if (!pending) return null;
  const sent = fraction === null || fraction >= 1;
  return (
    <Progress
      label={
        sent ? t('upload.processing') : t('upload.sending', { percent: Math.round(fraction * 100) })
      }
      fraction={sent ? null : fraction}
    />
  );
}
