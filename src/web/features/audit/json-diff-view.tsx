import { EmptyState } from '../../components/empty-state.js';
import { useI18n } from '../../i18n/i18n-context.js';
import { diffJson } from './json-diff.js';

/** Before/after of one audit entry, changed fields first-class, unchanged ones muted. */
export function JsonDiffView({ before, after }: { before: unknown; after: unknown }) {
  const { t } = useI18n();
  const rows = diffJson(before, after);
  if (rows.length === 0) {
    return <EmptyState title={t('audit.diff.emptyTitle')}>{t('audit.diff.emptyBody')}</EmptyState>;
  }
  return (
    <table className="diff-table" data-testid="audit-diff">
      <caption className="visually-hidden">{t('audit.diff.caption')}</caption>
      <thead>
        <tr>
          <th scope="col">{t('audit.diff.field')}</th>
          <th scope="col">{t('audit.diff.before')}</th>
          <th scope="col">{t('audit.diff.after')}</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((row) => (
          <tr key={row.path} className={`diff-${row.kind}`}>
            <th scope="row">
              <code>{row.path || '·'}</code>
              {row.kind !== 'unchanged' && (
                <span className="diff-kind"> {t(`audit.diff.${row.kind}`)}</span>
              )}
            </th>
            <td data-label={t('audit.diff.before')}>
              <code>{row.before ?? '—'}</code>
            </td>
            <td data-label={t('audit.diff.after')}>
              <code>{row.after ?? '—'}</code>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
