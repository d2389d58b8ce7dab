/** A lot's quality status as a coloured chip, and the names of kinds and product types. */
import { useI18n } from '../../i18n/i18n-context.js';
import { isKnownProduct, type LotKindT, type LotStatusT } from './types.js';

export function LotStatusChip({ status }: { status: LotStatusT }) {
  const { t } = useI18n();
  return (
    <span
      className={`state-chip lot-status-${status}`}
      data-testid="lot-status"
      data-status={status}
    >
      {t(`lotStatus.${status}`)}
    </span>
  );
}

/** The product's name in the UI language; the API's (Indonesian) name for a type we do not know. */
export function useProductName() {
  const { t } = useI18n();
  return (code: string, fallback?: string) =>
    isKnownProduct(code) ? t(`productType.${code}`) : (fallback ?? code);
}

export function useKindName() {
  const { t } = useI18n();
  return (kind: LotKindT) => t(`lotKind.${kind}`);
}
