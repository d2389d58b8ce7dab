/**
 * One organisation: profile, size class and financials, KBLI codes, products, certificates,
 * people (owner and workers).
 * Shared by /organisations/:id and a member's "My organisation". Controls to change anything
 * appear only when the API says the user may (canEdit); the API checks again.
 */
import { useEffect, useState, type ReactNode } from 'react';
import { useLocation, useNavigate } from 'react-router';
import { Loaded } from '../../components/loaded.js';
import { Page } from '../../components/page.js';
import { useI18n } from '../../i18n/i18n-context.js';
import { useCursorList } from '../../lib/use-cursor-list.js';
import { useResource } from '../../lib/use-resource.js';
import { PeopleSection } from '../qualifications/people-section.js';
import { CertificatesSection } from './certificates-section.js';
import { FinancialsSection } from './financials-section.js';
import { KbliSection } from './kbli-section.js';
import { ProductsSection } from './products-section.js';
import { ProfileSection, type ProfileNotice } from './profile-section.js';
import { SizeClassChip } from './size-class.js';
import type { OrganisationT, ProductT } from './types.js';

/** Navigation state a page leaves after saving, for the profile to report it. */
export interface OrganisationLocationState {
  notice?: ProfileNotice;
}

export function OrganisationDetail({ id, actions }: { id: string; actions?: ReactNode }) {
  const { t } = useI18n();
  const path = `/api/organisations/${encodeURIComponent(id)}`;
  const organisation = useResource<OrganisationT>(path);
  // One page as large as the API gives: certificates name their product from this list too.
  const products = useCursorList<ProductT>(`${path}/products`, { limit: 200 });

  // A notice handed over by the registration form is shown once: the history entry forgets
  // it, so a reload does not announce the registration again.
  const location = useLocation();
  const navigate = useNavigate();
  const handed = (location.state as OrganisationLocationState | null)?.notice ?? null;
  const [notice, setNotice] = useState<ProfileNotice | null>(handed);
  useEffect(() => {
    if (handed) void navigate(location.pathname + location.search, { replace: true, state: null });
  }, [handed, navigate, location.pathname, location.search]);

  const data = organisation.data;
  return (
    <Page
      title={data?.name ?? t('organisations.detail')}
      lead={
        data && (
          <>
            {t(`organisationKind.${data.kind}`)} · <SizeClassChip sizeClass={data.sizeClass} />
          </>
        )
      }
      actions={actions}
    >
      <Loaded resource={organisation}>
        {(current) => (
          <>
            <ProfileSection
              organisation={current}
              notice={notice}
              onSaved={(saved) => {
                organisation.replace(saved.organisation);
                setNotice({ saved: 'updated', warnings: saved.warnings });
              }}
            />
            <FinancialsSection organisation={current} onClassChanged={organisation.reload} />
            <KbliSection
              organisation={current}
              onChange={(kbli) => organisation.replace({ ...current, kbli })}
            />
            <ProductsSection organisation={current} products={products} />
            <CertificatesSection organisation={current} products={products} />
            <PeopleSection organisation={current} />
          </>
        )}
      </Loaded>
    </Page>
  );
}
