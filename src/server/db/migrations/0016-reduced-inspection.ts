/**
 * Migration 0016 — the responsible authority's approval of reduced inspection (ISO 2859-1
 * clause 9.3.3 c), stored on the inspection plan:
 *
 * - `reduced_allowed` is the decision in force (default no: without it the switching rules never
 *   go from normal to reduced inspection, whatever the switching score).
 * - `reduced_approved_by` / `reduced_approved_at` say who made the latest decision and when (the
 *   audit log keeps every change with its reason). Set together, or both empty.
 * - The decision is a dedicated action on the plan row: it does not retire the plan (an edit of
 *   the plan's sampling parameters does, and starts the switching history afresh), so changing
 *   it keeps the history.
 */
export const name = '0016-reduced-inspection';

export const up = /* sql */ `
alter table inspection_plans
  -- The responsible authority allows switching to reduced inspection (9.3.3 c).
  add column reduced_allowed boolean not null default false,
  -- Who made the latest decision on it, and when.
  add column reduced_approved_by uuid references users (id) on delete set null,
  add column reduced_approved_at timestamptz,
  add constraint inspection_plans_reduced_decision
    check ((reduced_approved_by is null) or (reduced_approved_at is not null));
`;
