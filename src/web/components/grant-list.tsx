/** A user's roles with where they apply: "Manajer Situs — RPB Minyak Nilam Aceh Jaya". */
import { useI18n } from '../i18n/i18n-context.js';
import type { Grant } from '../lib/contracts.js';

export function GrantList({ grants }: { grants: readonly Grant[] }) {
  const { t } = useI18n();
  return (
    <ul className="grant-list">
      {grants.map((grant, index) => (
        <li key={`${grant.role}-${grant.scopeType}-${grant.scopeId ?? index}`}>
          <span className={`role-chip role-${grant.role}`}>{t(`role.${grant.role}`)}</span>{' '}
          <span className="grant-scope">
            {grant.scopeType === 'system'
              ? t('scope.system')
              : `${t(`scope.${grant.scopeType}`)}: ${grant.scopeName ?? '—'}`}
          </span>
        </li>
      ))}
    </ul>
  );
}
