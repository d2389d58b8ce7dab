/**
 * Members in and out as spreadsheets: import (for those who register members) and export of
 * the members the user may see, as XLSX or CSV with the import's columns. The export starts
 * with the filters the list had (kind, site), carried in the address.
 */
import { useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { canSee } from '../../app/nav.js';
import { useSession } from '../../app/session-context.js';
import { SelectField } from '../../components/field.js';
import { Page, Section } from '../../components/page.js';
import { useI18n } from '../../i18n/i18n-context.js';
import { toQueryString } from '../../lib/api.js';
import { ORGANISATION_KINDS, type SiteSummary } from '../../lib/contracts.js';
import type { CursorList } from '../../lib/use-cursor-list.js';
import { TableImport } from '../transfer/table-import.js';
import { SiteSelect, useSites } from './site-select.js';

export function MembersTransferPage() {
  const { t } = useI18n();
  const { roles } = useSession();
  const sites = useSites();
  const registrar = canSee('organisationNew', roles);
  return (
    <Page
      title={registrar ? t('transfer.title') : t('transfer.exportTitle')}
      lead={registrar ? t('transfer.lead') : t('transfer.exportLead')}
      actions={
        <Link to="/organisations" className="link-button link-button-secondary">
          {t('organisations.backToList')}
        </Link>
      }
    >
      {registrar && <TableImport table="members" sites={sites} />}
      <MembersExport sites={sites} />
    </Page>
  );
}

function MembersExport({ sites }: { sites: CursorList<SiteSummary> }) {
  const { t } = useI18n();
  const [params] = useSearchParams();
  const [kind, setKind] = useState(
    ORGANISATION_KINDS.find((option) => option === params.get('kind')) ?? '',
  );
  const [siteId, setSiteId] = useState(params.get('siteId') ?? '');
  const href = (format: 'xlsx' | 'csv') =>
    `/api/exports/members${toQueryString({ format, siteId, kind })}`;
  return (
    <Section title={t('transfer.export.title')} testId="members-export">
      <p>{t('transfer.export.lead')}</p>
      <div className="form form-filters">
        <SelectField
          label={t('organisations.field.kind')}
          name="exportKind"
          value={kind}
          onChange={(event) =>
            setKind(ORGANISATION_KINDS.find((option) => option === event.target.value) ?? '')
          }
        >
          <option value="">{t('organisations.allKinds')}</option>
          {ORGANISATION_KINDS.map((option) => (
            <option key={option} value={option}>
              {t(`organisationKind.${option}`)}
            </option>
          ))}
        </SelectField>
        <SiteSelect
          sites={sites}
          label={t('organisations.field.site')}
          name="exportSiteId"
          value={siteId}
          onChange={setSiteId}
          emptyOption={{ label: t('organisations.allSites'), selectable: true }}
        />
      </div>
      <div className="button-row">
        <a className="link-button" href={href('xlsx')} download data-testid="export-xlsx">
          {t('transfer.export.xlsx')}
        </a>
        <a
          className="link-button link-button-secondary"
          href={href('csv')}
          download
          data-testid="export-csv"
        >
          {t('transfer.export.csv')}
        </a>
      </div>
    </Section>
  );
}
