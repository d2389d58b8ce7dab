/**
 * Choosing among named records ({ id, name }): the options themselves, and the select of the
 * member organisation a booking or a waitlist entry is for.
 */
import type { ComponentProps, ReactNode } from 'react';
import { SelectField } from '../../components/field.js';
import { useI18n } from '../../i18n/i18n-context.js';

export interface Named {
  id: string;
  name: string;
}

/** One option a record, its id as the value and its name as the text. */
export function NameOptions({ items }: { items: readonly Named[] }) {
  return (
    <>
      {items.map((item) => (
        <option key={item.id} value={item.id}>
          {item.name}
        </option>
      ))}
    </>
  );
}

/** "Anggota" (memberOrgId) over the given organisations. */
export function MemberSelect({
  orgs,
  children,
  ...select
}: Omit<ComponentProps<typeof SelectField>, 'label' | 'name' | 'children'> & {
  orgs: readonly Named[];
  /** Options before the organisations, e.g. a disabled prompt to choose. */
  children?: ReactNode;
}) {
  const { t } = useI18n();
  return (
    <SelectField label={t('booking.member')} name="memberOrgId" {...select}>
      {children}
      <NameOptions items={orgs} />
    </SelectField>
  );
}
