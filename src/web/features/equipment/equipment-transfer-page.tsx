/**
 * Machines in and out as spreadsheets: import for those who manage sites (each row names its
 * site in kode_situs), and export of the machines the user may see, with the import's columns.
 */
import { useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { canSee } from '../../app/nav.js';
import { useSession } from '../../app/session-context.js';
import { Page, Section } from '../../components/page.js';
import { useI18n } from '../../i18n/i18n-context.js';
import { toQueryString } from '../../lib/api.js';
import { SiteSelect, useSites } from '../organisations/site-select.js';
import { TableImport } from '../transfer/table-import.js';

export function EquipmentTransferPage() {
  const { t } = useI18n();
  const { roles } = useSession();
  const sites = useSites();
  const [params] = useSearchParams();
  const [siteId, setSiteId] = useState(params.get('siteId') ?? '');
  const importer = canSee('equipmentNew', roles);
  const href = (format: 'xlsx' | 'csv') =>
    `/api/exports/equipment${toQueryString({ format, siteId })}`;
  return (
    <Page
      title={importer ? t('transfer.equipment.title') : t('transfer.equipment.exportTitle')}
      lead={t('transfer.equipment.lead')}
      actions={
        <Link to="/equipment" className="link-button link-button-secondary">
          {t('nav.equipment')}
        </Link>
      }
    >
      {importer && <TableImport table="equipment" sites={sites} />}
      <Section title={t('transfer.equipment.exportTitle')} testId="equipment-export">
        <p>{t('transfer.equipment.exportLead')}</p>
        <div className="form form-filters">
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
    </Page>
  );
}
