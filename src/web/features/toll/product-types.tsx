/**
 * The product types lots, specifications and plans use, from GET /api/product-types (the
 * database's controlled list), so the forms offer exactly what the API accepts. Until the list
 * is in (or when it cannot be read) the forms offer the types this app knows by name.
 */
import type { z } from 'zod';
import type { ProductTypeItems } from '../../lib/contracts.js';
import { useResource } from '../../lib/use-resource.js';
import { useProductName } from './lot-status.js';
import { PRODUCT_TYPES } from './types.js';

export type ProductTypeT = z.infer<typeof ProductTypeItems>['items'][number];

export function useProductTypes(): { code: string; name: string }[] {
  const list = useResource<z.infer<typeof ProductTypeItems>>('/api/product-types');
  const productName = useProductName();
  return list.data
    ? list.data.items.map((p) => ({ code: p.code, name: productName(p.code, p.name) }))
    : PRODUCT_TYPES.map((code) => ({ code, name: productName(code) }));
}

/** The `<option>`s of a product select. */
export function ProductOptions({ types }: { types: { code: string; name: string }[] }) {
  return (
    <>
      {types.map((p) => (
        <option key={p.code} value={p.code}>
          {p.name}
        </option>
      ))}
    </>
  );
}
