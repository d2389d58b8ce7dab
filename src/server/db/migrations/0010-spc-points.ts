/**
 * Migration 0010 — a read model for control charts (issue #6: a chart of 100,000 measurements
 * in < 200 ms). The series key of a chart (characteristic, product type, time) lives in three
 * tables (inspection_results, inspections, lots) and the effective records are found with an
 * anti-join against corrections, so every chart joined, anti-joined and sorted the whole
 * history. `spc_points` holds one row per effective result, already keyed and ordered for a
 * chart, and covering indexes answer a chart with one index-only range scan.
 *
 * The table is derived, never written by the application: triggers keep it equal to what the
 * inspection records say, in the same transaction as the write, on every path (the quality
 * service, imports, bulk loads):
 * - inserting inspection results adds their points, unless the inspection is superseded;
 * - inserting a correction (an inspection with supersedes_id) deletes the superseded
 *   inspection's points (its own points come with its results);
 * - changing a lot's code, product type, site or job (or a job's machine), which no use case
 *   does today, rewrites the points of the lot's inspections.
 * Inspections and their results are immutable (0009), so nothing else can change a point.
 * A result adds a point only when some chart can use it: a value (I-MR, X̄-R) or a sample with
 * a count of defectives (p chart).
 */
export const name = '0010-spc-points';

/** The points of the given results, leaving out superseded inspections (shared by all paths). */
const POINTS_OF = (results: string) => `
  select r.inspection_id, r.characteristic_id, l.product_type, l.site_id, j.machine_id,
         i.inspected_at, l.code, r.value::double precision, i.sample_size, i.defectives
  from ${results} r
  join inspections i on i.id = r.inspection_id
  join lots l on l.id = i.lot_id
  left join process_jobs j on j.id = l.job_id
  where (r.value is not null or (i.sample_size is not null and i.defectives is not null))
    and not exists (select 1 from inspections x where x.supersedes_id = i.id)`;
const COLUMNS = `(inspection_id, characteristic_id, product_type, site_id, machine_id,
  inspected_at, lot_code, value, sample_size, defectives)`;

/** The points of every recorded result (the backfill; tests run it again to compare). */
export const BACKFILL = `insert into spc_points ${COLUMNS}
${POINTS_OF('inspection_results')}`;

export const up = /* sql */ `
-- One row per effective (not superseded) inspection result that a chart can use. machine_id is
-- the machine of the job that made the lot (null for intake lots). value is the result's
-- numeric as double precision: the same number the charts computed from the numeric text
-- (both conversions round correctly to the nearest double).
create table spc_points (
  inspection_id uuid not null references inspections (id),
  characteristic_id uuid not null references characteristics (id),
  product_type text not null,
  site_id uuid not null,
  machine_id uuid,
  inspected_at timestamptz not null,
  lot_code text not null,
  value double precision,
  sample_size integer,
  defectives integer,
  primary key (inspection_id, characteristic_id)
);
-- A chart reads one range of one of these in chart order (time, then inspection id), with
-- every column it shows included, so neither the table nor a sort is touched.
create index spc_points_series on spc_points
  (characteristic_id, product_type, inspected_at, inspection_id)
  include (value, lot_code, site_id, machine_id, sample_size, defectives);
create index spc_points_machine on spc_points
  (characteristic_id, product_type, machine_id, inspected_at, inspection_id)
  include (value, lot_code, site_id, sample_size, defectives);

-- Results recorded: their points (one statement per insert statement, however many rows).
create function spc_points_add() returns trigger language plpgsql as $$
begin
  insert into spc_points ${COLUMNS}
  ${POINTS_OF('new_results')};
  return null;
end $$;
create trigger inspection_results_spc_points after insert on inspection_results
  referencing new table as new_results
  for each statement execute function spc_points_add();

-- A correction recorded: the record it supersedes leaves every chart.
create function spc_points_supersede() returns trigger language plpgsql as $$
begin
  delete from spc_points p using new_inspections n where p.inspection_id = n.supersedes_id;
  return null;
end $$;
create trigger inspections_spc_points after insert on inspections
  referencing new table as new_inspections
  for each statement execute function spc_points_supersede();

-- A lot's identity or a job's machine changed (no use case does it; kept true regardless).
create function spc_points_relabel() returns trigger language plpgsql as $$
declare ids uuid[];
begin
  if tg_table_name = 'lots' then
    ids := array[new.id];
  else
    select array_agg(l.id) into ids from lots l where l.job_id = new.id;
  end if;
  delete from spc_points p using inspections i
    where p.inspection_id = i.id and i.lot_id = any(ids);
  insert into spc_points ${COLUMNS}
  ${POINTS_OF(`(select r.* from inspection_results r join inspections i on i.id = r.inspection_id
                where i.lot_id = any(ids))`)};
  return null;
end $$;
create trigger lots_spc_points after update of code, product_type, site_id, job_id on lots
  for each row
  when (old.code is distinct from new.code or old.product_type is distinct from new.product_type
        or old.site_id is distinct from new.site_id or old.job_id is distinct from new.job_id)
  execute function spc_points_relabel();
create trigger process_jobs_spc_points after update of machine_id on process_jobs
  for each row when (old.machine_id is distinct from new.machine_id)
  execute function spc_points_relabel();

-- What is already recorded.
${BACKFILL};
`;
