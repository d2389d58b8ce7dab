/**
 * "Pekerja" on an organisation's page: its owner and workers, active or not, with a form to
 * add or change one. A person with training or qualification records cannot be deleted (409
 * person_in_use): they are deactivated instead, and the banner offers that at once.
 */
import { useState, type FormEvent } from 'react';
import { Link } from 'react-router';
import type { z } from 'zod';
import { useApi } from '../../app/session-context.js';
import { AddToggle } from '../../components/add-toggle.js';
import { DataTable, type Column } from '../../components/data-table.js';
import { EmptyState } from '../../components/empty-state.js';
import { ErrorBanner } from '../../components/error-banner.js';
import { SelectField, TextField } from '../../components/field.js';
import { FormButtons } from '../../components/form-buttons.js';
import { Section } from '../../components/page.js';
import { PagedList } from '../../components/paged-list.js';
import { useI18n } from '../../i18n/i18n-context.js';
import { ApiError } from '../../lib/api.js';
import { PERSON_ROLES, PersonPatch, PersonRequest } from '../../lib/contracts.js';
import { useCursorList } from '../../lib/use-cursor-list.js';
import { formValues, useSubmit } from '../../lib/use-submit.js';
import type { OrganisationT } from '../organisations/types.js';
import type { PersonRoleT, PersonT } from './types.js';

type ActiveFilter = 'true' | 'false' | '';
const FILTERS: readonly ActiveFilter[] = ['true', 'false', ''];

export const personPath = (person: Pick<PersonT, 'organisationId' | 'id'>) =>
  `/organisations/${encodeURIComponent(person.organisationId)}/people/${encodeURIComponent(person.id)}`;

export function PeopleSection({ organisation }: { organisation: OrganisationT }) {
  const { t } = useI18n();
  const api = useApi();
  const [active, setActive] = useState<ActiveFilter>('true');
  const [editing, setEditing] = useState<PersonT | 'new' | null>(null);
  const base = `/api/organisations/${encodeURIComponent(organisation.id)}/people`;
  const people = useCursorList<PersonT>(base, { active, limit: 50 });
  const [inUse, setInUse] = useState<PersonT | null>(null);

  const change = useSubmit(async ({ person, patch }: { person: PersonT; patch: PersonPatch }) => {
    await api.patch(`${base}/${encodeURIComponent(person.id)}`, patch);
    setInUse(null);
    people.reload();
  });
  const remove = useSubmit(async (person: PersonT) => {
    setInUse(null);
    try {
      await api.delete(`${base}/${encodeURIComponent(person.id)}`);
    } catch (error) {
      if (error instanceof ApiError && error.code === 'person_in_use') setInUse(person);
      throw error;
    }
    people.reload();
  });
  const setActiveOf = (person: PersonT, value: boolean) => {
    change.reset();
    remove.reset();
    void change.submit({ person, patch: { active: value } });
  };

  const columns: Column<PersonT>[] = [
    {
      key: 'name',
      header: t('people.name'),
      render: (p) => (
        <>
          <Link to={personPath(p)} data-testid="person-link">
            {p.name}
          </Link>
          <br />
          <span className="muted">{t(`personRole.${p.role}`)}</span>
          {!p.active && (
            <>
              {' '}
              <span className="state-chip state-cancelled">{t('people.inactive')}</span>
            </>
          )}
        </>
      ),
    },
    { key: 'nik', header: t('people.nik'), render: (p) => p.nik ?? '—' },
    {
      key: 'contact',
      header: t('people.contact'),
      render: (p) => [p.phone, p.email].filter(Boolean).join(' · ') || '—',
    },
    {
      key: 'actions',
      header: t('table.actions'),
      render: (p) =>
        p.canEdit ? (
          <div className="button-row">
            <button
              type="button"
              className="button-secondary"
              onClick={() => setEditing(p)}
              aria-label={t('people.editNamed', { name: p.name })}
            >
              {t('action.edit')}
            </button>
            <button
              type="button"
              className="button-secondary"
              disabled={change.pending}
              onClick={() => setActiveOf(p, !p.active)}
              data-testid={p.active ? 'person-deactivate' : 'person-reactivate'}
            >
              {p.active ? t('people.deactivate') : t('people.reactivate')}
            </button>
            <button
              type="button"
              className="button-danger"
              disabled={remove.pending}
              onClick={() => {
                change.reset();
                if (window.confirm(t('people.removeConfirm', { name: p.name })))
                  void remove.submit(p);
              }}
              aria-label={t('people.removeNamed', { name: p.name })}
            >
              {t('action.remove')}
            </button>
          </div>
        ) : (
          <Link to={personPath(p)}>{t('people.qualifications')}</Link>
        ),
    },
  ];

  return (
    <Section title={t('people.title')} testId="organisation-people">
      <fieldset className="chip-group">
        <legend>{t('people.show')}</legend>
        {FILTERS.map((option) => (
          <button
            key={option || 'all'}
            type="button"
            className="filter-chip"
            aria-pressed={active === option}
            onClick={() => setActive(option)}
          >
            {t(`people.filter.${option || 'all'}`)}
          </button>
        ))}
      </fieldset>
      <ErrorBanner error={change.error} />
      <ErrorBanner error={remove.error} />
      {inUse && inUse.active && (
        <div className="button-row">
          <button
            type="button"
            onClick={() => setActiveOf(inUse, false)}
            data-testid="person-deactivate-instead"
          >
            {t('people.deactivateNamed', { name: inUse.name })}
          </button>
        </div>
      )}
      <PagedList
        list={people}
        empty={
          <EmptyState
            title={active === 'false' ? t('people.emptyInactive.title') : t('people.empty.title')}
          >
            {active === 'false'
              ? t('people.emptyInactive.body')
              : organisation.canEdit
                ? t('people.empty.bodyEditor')
                : t('people.empty.bodyReader')}
          </EmptyState>
        }
      >
        {(items) => (
          <DataTable
            caption={t('people.title')}
            columns={columns}
            rows={items}
            rowKey={(p) => p.id}
            testId="people-table"
          />
        )}
      </PagedList>
      {organisation.canEdit && (
        <AddToggle
          label={t('people.add')}
          testId="add-person"
          editing={editing}
          onEdit={setEditing}
        >
          {(close, person) => (
            <PersonForm
              key={person?.id ?? 'new'}
              base={base}
              person={person}
              onSaved={() => {
                close();
                people.reload();
              }}
              onCancel={close}
            />
          )}
        </AddToggle>
      )}
    </Section>
  );
}

function PersonForm({
  base,
  person,
  onSaved,
  onCancel,
}: {
  base: string;
  person: PersonT | null;
  onSaved: () => void;
  onCancel: () => void;
}) {
  const { t } = useI18n();
  const api = useApi();
  const create = useSubmit(async (body: z.output<typeof PersonRequest>) => {
    await api.post(base, body);
    onSaved();
  }, PersonRequest);
  const update = useSubmit(async (body: z.output<typeof PersonPatch>) => {
    await api.patch(`${base}/${encodeURIComponent(person?.id ?? '')}`, body);
    onSaved();
  }, PersonPatch);
  const submission = person ? update : create;
  // A masked NIK cannot be sent back: the field starts empty and empty keeps it.
  const keepsNik = person?.nikMasked === true;

  const onSubmit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const values = formValues(event.currentTarget);
    const optional = (name: string) => (values[name] ?? '').trim() || null;
    const nik = optional('nik');
    await submission.submit({
      name: (values['name'] ?? '').trim(),
      ...(keepsNik && nik === null ? {} : { nik }),
      phone: optional('phone'),
      email: optional('email'),
      role: (values['role'] ?? 'worker') as PersonRoleT,
    });
  };
  const errors = submission.fieldErrors;

  return (
    <form
      className="form form-panel"
      onSubmit={(event) => void onSubmit(event)}
      noValidate
      data-testid="person-form"
    >
      <h3>{person ? t('people.editNamed', { name: person.name }) : t('people.add')}</h3>
      <ErrorBanner error={submission.error} />
      <TextField
        label={t('people.name')}
        name="name"
        autoComplete="off"
        defaultValue={person?.name ?? ''}
        error={errors['name']}
      />
      <TextField
        label={t('people.nik')}
        name="nik"
        inputMode="numeric"
        autoComplete="off"
        defaultValue={keepsNik ? '' : (person?.nik ?? '')}
        placeholder={keepsNik ? (person?.nik ?? undefined) : undefined}
        hint={keepsNik ? t('people.nikKeepHint') : t('people.nikHint')}
        error={errors['nik']}
      />
      <TextField
        label={t('people.phone')}
        name="phone"
        type="tel"
        autoComplete="off"
        defaultValue={person?.phone ?? ''}
        hint={t('people.phoneHint')}
        error={errors['phone']}
      />
      <TextField
        label={t('people.email')}
        name="email"
        type="email"
        autoComplete="off"
        defaultValue={person?.email ?? ''}
        error={errors['email']}
      />
      <SelectField
        label={t('people.role')}
        name="role"
        defaultValue={person?.role ?? 'worker'}
        error={errors['role']}
      >
        {PERSON_ROLES.map((role) => (
          <option key={role} value={role}>
            {t(`personRole.${role}`)}
          </option>
        ))}
      </SelectField>
      <FormButtons pending={submission.pending} label={t('action.save')} onCancel={onCancel} />
    </form>
  );
}
