/** /organisations/:id — one organisation, with the way back to the list for those who have it. */
import { Link, useParams } from 'react-router';
import { canSee } from '../../app/nav.js';
import { useSession } from '../../app/session-context.js';
import { useI18n } from '../../i18n/i18n-context.js';
import { OrganisationDetail } from './organisation-detail.js';

export function OrganisationPage() {
  const { t } = useI18n();
  const { roles } = useSession();
  const { id = '' } = useParams();
  return (
    <OrganisationDetail
      key={id}
      id={id}
      actions={
        canSee('organisations', roles) && (
          <Link to="/organisations" className="link-button link-button-secondary">
            {t('organisations.backToList')}
          </Link>
        )
      }
    />
  );
}
