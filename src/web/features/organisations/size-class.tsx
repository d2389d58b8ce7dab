import { useI18n } from '../../i18n/i18n-context.js';
import type { SizeClass } from './types.js';

/** An organisation's size class (PP 7/2021) as a coloured chip: Mikro, Kecil, Menengah, Besar. */
export function SizeClassChip({ sizeClass }: { sizeClass: SizeClass | null }) {
  const { t } = useI18n();
  if (!sizeClass) return <span className="muted">{t('sizeClass.none')}</span>;
  return (
    <span className={`size-chip size-${sizeClass}`} data-testid="size-class">
      {t(`sizeClass.${sizeClass}`)}
    </span>
  );
}
