/**
 * Choosing a Kemendagri region step by step: province → regency/city → district → village
 * (GET /api/regions?parent=). The deepest level chosen is the value; a level can be left open.
 */
import { useState } from 'react';
import { SelectField } from '../../components/field.js';
import { useI18n } from '../../i18n/i18n-context.js';
import { REGION_DATA_SOURCE, REGION_LEVELS, type Region } from '../../lib/contracts.js';
import { useCursorList } from '../../lib/use-cursor-list.js';

/** "11.01.01.2001" → ["11", "11.01", "11.01.01", "11.01.01.2001"]. */
function chainOf(code: string | null): string[] {
  if (!code) return [];
  const parts = code.split('.');
  return parts.map((_, i) => parts.slice(0, i + 1).join('.'));
}

export function RegionPicker({
  value,
  onChange,
  error,
}: {
  value: string | null;
  onChange: (code: string | null) => void;
  error?: string | undefined;
}) {
  const { t } = useI18n();
  const [chain, setChain] = useState<string[]>(() => chainOf(value));
  const choose = (level: number, code: string) => {
    const next = code ? [...chain.slice(0, level), code] : chain.slice(0, level);
    setChain(next);
    onChange(next[next.length - 1] ?? null);
  };
  return (
    <fieldset data-testid="region-picker">
      <legend>{t('site.region')}</legend>
      {REGION_LEVELS.map((level, index) =>
        index === 0 || chain[index - 1] ? (
          <RegionLevelSelect
            key={`${level}-${chain[index - 1] ?? ''}`}
            level={level}
            parent={index === 0 ? null : (chain[index - 1] ?? null)}
            value={chain[index] ?? ''}
            onChange={(code) => choose(index, code)}
            error={
              index === chain.length - 1 || (chain.length === 0 && index === 0) ? error : undefined
            }
          />
        ) : null,
      )}
      <p className="field-hint">{t('site.regionSource', { source: REGION_DATA_SOURCE })}</p>
    </fieldset>
  );
}

function RegionLevelSelect({
  level,
  parent,
  value,
  onChange,
  error,
}: {
  level: (typeof REGION_LEVELS)[number];
  parent: string | null;
  value: string;
  onChange: (code: string) => void;
  error: string | undefined;
}) {
  const { t } = useI18n();
  const regions = useCursorList<Region>('/api/regions', { parent, limit: 200 });
  return (
    <SelectField
      label={t(`regionLevel.${level}`)}
      name={`region-${level}`}
      value={value}
      onChange={(event) => onChange(event.target.value)}
      hint={regions.loading ? t('state.loading') : undefined}
      error={error ?? regions.error?.message}
      liveHint
    >
      <option value="">{t('site.regionAny')}</option>
      {regions.items.map((region) => (
        <option key={region.code} value={region.code}>
          {region.name}
        </option>
      ))}
    </SelectField>
  );
}
