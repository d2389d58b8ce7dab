/**
 * Choosing a site, from the sites the user may see (GET /api/sites, scoped by the API): for
 * site staff registering or importing members, and as a filter of lists and exports.
 */
import { SelectField } from '../../components/field.js';
import { useI18n } from '../../i18n/i18n-context.js';
import type { SiteSummary } from '../../lib/contracts.js';
import { useCursorList, type CursorList } from '../../lib/use-cursor-list.js';

/** Every visible site: even a national view has far fewer than the API's page limit. */
export function useSites(): CursorList<SiteSummary> {
  return useCursorList<SiteSummary>('/api/sites', { limit: 200 });
}

export const siteLabel = (site: SiteSummary) => `${site.name} (${site.code})`;

export function SiteSelect({
  sites,
  label,
  name,
  value,
  onChange,
  emptyOption,
  error,
  hint,
}: {
  sites: CursorList<SiteSummary>;
  label: string;
  name: string;
  value: string;
  onChange: (siteId: string) => void;
  /** The first option: "all sites" for a filter, "choose a site" when one is required. */
  emptyOption: { label: string; selectable: boolean };
  error?: string | undefined;
  hint?: string | undefined;
}) {
  const { t } = useI18n();
  return (
    <SelectField
      label={label}
      name={name}
      value={value}
      onChange={(event) => onChange(event.target.value)}
      error={error ?? sites.error?.message}
      hint={sites.loading ? t('state.loading') : hint}
      liveHint
    >
      <option value="" disabled={!emptyOption.selectable}>
        {emptyOption.label}
      </option>
      {sites.items.map((site) => (
        <option key={site.id} value={site.id}>
          {siteLabel(site)}
        </option>
      ))}
    </SelectField>
  );
}
