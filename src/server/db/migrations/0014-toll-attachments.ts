/**
 * Migration 0014 — attachments of toll processing and quality (issue #6): intake photos of a
 * lot and laboratory reports of inspections.
 *
 * - `lot_photos` (0009) had no index: the lot page, the receipt and the photo download read a
 *   lot's photos, so they get one on (lot_id, uploaded_at).
 * - Lab reports. 0009 gave `inspections` one `lab_report` bytea and its name, but an inspection
 *   is a signed record from the moment it is written (trigger `inspections_immutable`): a report
 *   that arrives after the on-site check could never be added, and the column had no type or
 *   size check. Reports are rows of their own instead, linked to the inspection, append-only
 *   like the record they belong to (same trigger function): attaching one never changes the
 *   signed inspection. The two unused 0009 columns are dropped (never written by any release).
 */
export const name = '0014-toll-attachments';

export const up = /* sql */ `
create index lot_photos_lot_idx on lot_photos (lot_id, uploaded_at);

create table inspection_lab_reports (
  id uuid primary key default gen_random_uuid(),
  inspection_id uuid not null references inspections (id),
  filename text not null check (length(filename) between 1 and 255),
  content_type text not null
    check (content_type in ('application/pdf', 'image/jpeg', 'image/png', 'image/webp')),
  size_bytes integer not null check (size_bytes between 1 and 10485760),
  file bytea not null,
  check (octet_length(file) = size_bytes),
  uploaded_by uuid references users (id) on delete set null,
  uploaded_by_label text not null,
  uploaded_at timestamptz not null
);
create index inspection_lab_reports_inspection_idx
  on inspection_lab_reports (inspection_id, uploaded_at);
create trigger inspection_lab_reports_immutable before update or delete on inspection_lab_reports
  for each row execute function quality_records_immutable();

alter table inspections drop column lab_report, drop column lab_report_name;
`;
