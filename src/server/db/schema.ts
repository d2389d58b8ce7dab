/**
 * Kysely table types, written by hand to match the migrations. `Generated<T>` marks columns
 * with a database default. bigint columns arrive as strings from `pg`; repositories convert.
 */
import type { ColumnType, Generated } from 'kysely';

type Timestamp = ColumnType<Date, Date | string, Date | string>;
type GeneratedTimestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type BigIntColumn = ColumnType<string, number | bigint | string, number | bigint | string>;
type Json = ColumnType<unknown, string | null, string | null>;

export interface UsersTable {
  id: Generated<string>;
  email: string;
  name: string;
  password_hash: string;
  locale: Generated<'id' | 'en'>;
  is_demo: Generated<boolean>;
  disabled_at: Timestamp | null;
  failed_login_count: Generated<number>;
  locked_until: Timestamp | null;
  last_login_at: Timestamp | null;
  password_changed_at: GeneratedTimestamp;
  created_at: GeneratedTimestamp;
  updated_at: GeneratedTimestamp;
}

export interface SessionsTable {
  id_hash: string;
  user_id: string;
  csrf_token: string;
  created_at: GeneratedTimestamp;
  last_seen_at: GeneratedTimestamp;
  expires_at: Timestamp;
  ip: string | null;
  user_agent: string | null;
}

export interface ApiTokensTable {
  id: Generated<string>;
  user_id: string;
  name: string;
  token_hash: string;
  prefix: string;
  created_at: GeneratedTimestamp;
  last_used_at: Timestamp | null;
  expires_at: Timestamp | null;
  revoked_at: Timestamp | null;
}

export interface AuditLogTable {
  id: ColumnType<string, never, never>;
  at: GeneratedTimestamp;
  actor_user_id: string | null;
  actor_label: string;
  action: string;
  entity_type: string;
  entity_id: string | null;
  before: Json;
  after: Json;
  request_id: string | null;
  ip: string | null;
}

export interface OutboxMessagesTable {
  id: Generated<string>;
  channel: Generated<'email'>;
  to_address: string;
  subject: string;
  body_text: string;
  body_html: string | null;
  status: Generated<'pending' | 'sent' | 'failed'>;
  attempts: Generated<number>;
  next_attempt_at: GeneratedTimestamp;
  last_error: string | null;
  dedupe_key: string | null;
  created_at: GeneratedTimestamp;
  sent_at: Timestamp | null;
}

export interface ProgrammesTable {
  id: Generated<string>;
  code: string;
  name: string;
  funding_source: 'apbn_tp' | 'dak' | 'lpdb' | 'csr' | 'apbd';
  year: number;
  budget: BigIntColumn;
  description: string | null;
  created_at: GeneratedTimestamp;
  updated_at: GeneratedTimestamp;
}

export interface OrganisationsTable {
  id: Generated<string>;
  kind: 'umkm' | 'cooperative' | 'buyer' | 'regional_government';
  name: string;
  nib: string | null;
  npwp: string | null;
  province: string | null;
  regency: string | null;
  created_at: GeneratedTimestamp;
  // 0003-organisations
  legal_form: string | null;
  address: string | null;
  region_code: string | null;
  phone: string | null;
  email: string | null;
  owner_name: string | null;
  owner_nik: string | null;
  owner_birth_date: ColumnType<string | null, string | null | undefined, string | null>;
  npwp15_legacy: string | null;
  nitku: string | null;
  nib_issued_on: ColumnType<string | null, string | null | undefined, string | null>;
  size_class: 'micro' | 'small' | 'medium' | 'large' | null;
  updated_at: GeneratedTimestamp;
  // 0012-registry-kbli-nik: the NIK sealed (owner_nik is then always null; see the migration)
  owner_nik_enc: string | null;
  owner_nik_bidx: string | null;
}

export interface KbliCodesTable {
  code: string;
  title: string;
  edition: Generated<string>;
  // 0012-registry-kbli-nik
  section: string | null;
}

export interface OrganisationKbliTable {
  organisation_id: string;
  code: string;
  added_at: GeneratedTimestamp;
}

export interface SizeClassRulesTable {
  valid_from: string;
  rule: string;
  capital_micro: BigIntColumn;
  capital_small: BigIntColumn;
  capital_medium: BigIntColumn;
  sales_micro: BigIntColumn;
  sales_small: BigIntColumn;
  sales_medium: BigIntColumn;
}

export interface OrganisationFinancialsTable {
  organisation_id: string;
  year: number;
  capital: ColumnType<string | null, number | string | null, number | string | null>;
  annual_sales: ColumnType<string | null, number | string | null, number | string | null>;
  workers: number | null;
  updated_at: GeneratedTimestamp;
}

export interface SizeClassChangesTable {
  id: ColumnType<string, never, never>;
  organisation_id: string;
  from_class: string | null;
  to_class: string;
  rule: string;
  basis: 'sales' | 'capital';
  financial_year: number;
  effective_on: string;
  recorded_at: GeneratedTimestamp;
}

export interface OrganisationProductsTable {
  id: Generated<string>;
  organisation_id: string;
  name: string;
  description: string | null;
  unit: string | null;
  created_at: GeneratedTimestamp;
  updated_at: GeneratedTimestamp;
}

export interface OrganisationCertificatesTable {
  id: Generated<string>;
  organisation_id: string;
  type: 'SNI' | 'halal' | 'PIRT' | 'BPOM_MD' | 'ISO_9001';
  number: string;
  issuer: string;
  issued_on: ColumnType<string | null, string | null | undefined, string | null>;
  expires_on: ColumnType<string | null, string | null | undefined, string | null>;
  product_id: string | null;
  file: Buffer | null;
  file_name: string | null;
  file_content_type: string | null;
  file_size: number | null;
  created_at: GeneratedTimestamp;
  updated_at: GeneratedTimestamp;
}

export interface ClustersTable {
  id: Generated<string>;
  programme_id: string;
  name: string;
  commodity: string;
  province: string;
  regency: string;
  region_code: string | null;
  created_at: GeneratedTimestamp;
  updated_at: GeneratedTimestamp;
}

export interface SitesTable {
  id: Generated<string>;
  cluster_id: string;
  code: string;
  name: string;
  operator_org_id: string | null;
  asset_owner_org_id: string | null;
  province: string;
  regency: string;
  region_code: string | null;
  address: string | null;
  time_zone: 'Asia/Jakarta' | 'Asia/Pontianak' | 'Asia/Makassar' | 'Asia/Jayapura';
  time_zone_overridden: Generated<boolean>;
  contacts: ColumnType<unknown, string | undefined, string>;
  created_at: GeneratedTimestamp;
  updated_at: GeneratedTimestamp;
  // 0006-bookings
  latitude: ColumnType<string | null, number | null | undefined, number | null>;
  longitude: ColumnType<string | null, number | null | undefined, number | null>;
}

export interface SiteMembersTable {
  site_id: string;
  organisation_id: string;
  joined_on: ColumnType<string, string | undefined, string>;
}

export interface MachinesTable {
  id: Generated<string>;
  site_id: string;
  code: string;
  name: string;
  process: string;
  capacity: ColumnType<string | null, number | string | null, number | string | null>;
  capacity_unit: string | null;
  // default 0 in the database
  acquisition_value: ColumnType<
    string,
    number | bigint | string | undefined,
    number | bigint | string
  >;
  status: Generated<'active' | 'maintenance' | 'broken' | 'retired'>;
  capabilities: ColumnType<string[], string[] | undefined, string[]>;
  capacity_basis: 'per_hour' | 'per_batch' | null;
  hourly_rate: ColumnType<
    string | null,
    number | string | null | undefined,
    number | string | null
  >;
  batch_rate: ColumnType<string | null, number | string | null | undefined, number | string | null>;
  specs: ColumnType<unknown, string | undefined, string>;
  funding_programme_id: string | null;
  acquired_on: ColumnType<string | null, string | null | undefined, string | null>;
  manufacturer: string | null;
  model: string | null;
  serial_number: string | null;
  created_at: GeneratedTimestamp;
  updated_at: GeneratedTimestamp;
}

export interface RegionsTable {
  code: string;
  level: 'province' | 'regency' | 'district' | 'village';
  parent_code: string | null;
  name: string;
  code_system: Generated<'kemendagri'>;
  edition: Generated<string>;
}

export interface InvestmentsTable {
  id: Generated<string>;
  programme_id: string;
  site_id: string | null;
  machine_id: string | null;
  kind: 'machine' | 'building' | 'land' | 'training' | 'other';
  description: string;
  amount: BigIntColumn;
  invested_on: ColumnType<string, string, string>;
  created_by: string | null;
  created_at: GeneratedTimestamp;
}

export interface SiteOpeningHoursTable {
  site_id: string;
  weekday: number;
  opens: string;
  closes: string;
}

export interface SiteHolidaysTable {
  id: Generated<string>;
  site_id: string;
  date: ColumnType<string, string, string>;
  name: string;
  kind: 'national' | 'cuti_bersama' | 'local';
  created_at: GeneratedTimestamp;
}

export interface MachineStatusHistoryTable {
  id: ColumnType<string, never, never>;
  machine_id: string;
  from_status: 'active' | 'maintenance' | 'broken' | 'retired' | null;
  to_status: 'active' | 'maintenance' | 'broken' | 'retired';
  at: Timestamp;
  reason: string | null;
  by_user_id: string | null;
  by_label: string;
}

export interface MachineDocumentsTable {
  id: Generated<string>;
  machine_id: string;
  kind: 'calibration_certificate' | 'manual' | 'warranty' | 'other';
  title: string;
  number: string | null;
  issued_on: ColumnType<string | null, string | null, string | null>;
  expires_on: ColumnType<string | null, string | null, string | null>;
  filename: string;
  content_type: string;
  size_bytes: number;
  file: Buffer;
  uploaded_by: string | null;
  uploaded_at: GeneratedTimestamp;
}

export interface MachinePhotosTable {
  id: Generated<string>;
  machine_id: string;
  caption: string | null;
  filename: string;
  content_type: string;
  size_bytes: number;
  file: Buffer;
  uploaded_by: string | null;
  uploaded_at: GeneratedTimestamp;
}

// 0005-qualifications
type DateColumn = ColumnType<string, string, string>;
type NullableDateColumn = ColumnType<string | null, string | null | undefined, string | null>;

export interface PeopleTable {
  id: Generated<string>;
  organisation_id: string;
  name: string;
  nik: string | null;
  // 0015-people-nik: the NIK sealed (nik is then always null; see the migration)
  nik_enc: string | null;
  nik_bidx: string | null;
  phone: string | null;
  email: string | null;
  role: Generated<'owner' | 'worker'>;
  active: Generated<boolean>;
  created_at: GeneratedTimestamp;
  updated_at: GeneratedTimestamp;
}

export interface QualificationRulesTable {
  machine_type: string;
  months_without_use: number;
  updated_at: GeneratedTimestamp;
  updated_by: string | null;
}

export interface TrainingSessionsTable {
  id: Generated<string>;
  site_id: string;
  machine_type: string;
  held_on: DateColumn;
  trainer_user_id: string;
  title: string;
  notes: string | null;
  created_by: string | null;
  created_at: GeneratedTimestamp;
}

export interface TrainingAttendanceTable {
  session_id: string;
  person_id: string;
  passed: boolean;
  recorded_at: GeneratedTimestamp;
  recorded_by: string | null;
}

export interface QualificationsTable {
  id: Generated<string>;
  person_id: string;
  machine_type: string;
  site_id: string;
  granted_by: string | null;
  granted_by_label: string;
  granted_on: DateColumn;
  last_used_on: NullableDateColumn;
  training_session_id: string | null;
  revoked_at: Timestamp | null;
  revoked_by: string | null;
  revoked_reason: string | null;
  created_at: GeneratedTimestamp;
  updated_at: GeneratedTimestamp;
}

// 0006-bookings ------------------------------------------------------------------------------

export interface MachineBookingRulesTable {
  machine_id: string;
  slot_minutes: number;
  min_minutes: number;
  max_minutes: number;
  lead_minutes: number;
  horizon_days: number;
  approval_required: boolean;
  qualification_required: boolean;
  service_mode_allowed: boolean;
  no_show_grace_minutes: number;
  offer_hold_minutes: number;
  weekly_hours_micro: number | null;
  weekly_hours_small: number | null;
  weekly_hours_medium: number | null;
  weekly_hours_large: number | null;
  updated_at: GeneratedTimestamp;
  updated_by: string | null;
}

export interface BookingSeriesTable {
  id: Generated<string>;
  machine_id: string;
  member_org_id: string;
  frequency: 'daily' | 'weekly';
  interval: number;
  until_date: NullableDateColumn;
  occurrences: number | null;
  first_starts_at: Timestamp;
  first_ends_at: Timestamp;
  created_by: string | null;
  created_at: GeneratedTimestamp;
}

export type BookingStatus =
  | 'requested'
  | 'confirmed'
  | 'offered'
  | 'checked_in'
  | 'completed'
  | 'cancelled'
  | 'rejected'
  | 'no_show'
  | 'expired';

export interface BookingsTable {
  id: Generated<string>;
  machine_id: string;
  kind: 'booking' | 'outage';
  status: BookingStatus;
  starts_at: Timestamp;
  ends_at: Timestamp;
  member_org_id: string | null;
  person_id: string | null;
  mode: 'self' | 'service' | null;
  operator_user_id: string | null;
  series_id: string | null;
  booked_by: string | null;
  booked_by_label: string;
  notes: string | null;
  outage_kind: 'maintenance' | 'breakdown' | null;
  reason: string | null;
  offer_expires_at: Timestamp | null;
  decided_by: string | null;
  decided_at: Timestamp | null;
  decision_reason: string | null;
  cancelled_at: Timestamp | null;
  cancelled_by: string | null;
  cancel_reason: string | null;
  displaced_by_outage_id: string | null;
  checked_in_at: Timestamp | null;
  checked_in_by: string | null;
  checked_out_at: Timestamp | null;
  checked_out_by: string | null;
  no_show_at: Timestamp | null;
  reminder_sent_at: Timestamp | null;
  created_at: GeneratedTimestamp;
  updated_at: GeneratedTimestamp;
  /** 0018: the machine status change that created this outage. */
  status_change_id: string | null;
}

export interface WaitlistEntriesTable {
  id: Generated<string>;
  seq: ColumnType<string, never, never>;
  machine_id: string;
  member_org_id: string;
  window_start: Timestamp;
  window_end: Timestamp;
  minutes: number;
  status: 'waiting' | 'offered' | 'booked' | 'cancelled' | 'expired';
  offer_booking_id: string | null;
  created_by: string | null;
  created_at: GeneratedTimestamp;
  updated_at: GeneratedTimestamp;
}

export interface CalendarFeedsTable {
  id: Generated<string>;
  token_hash: string;
  machine_id: string | null;
  organisation_id: string | null;
  created_by: string | null;
  created_at: GeneratedTimestamp;
  revoked_at: Timestamp | null;
}

// 0007-member-registrations
export interface MemberRegistrationsTable {
  id: Generated<string>;
  organisation_id: string;
  site_id: string;
  applicant_user_id: string;
  status: Generated<'pending' | 'approved' | 'rejected'>;
  submitted_at: GeneratedTimestamp;
  decided_at: Timestamp | null;
  decided_by: string | null;
  reject_reason: string | null;
}

// 0008-billing -------------------------------------------------------------------------------

type Money = ColumnType<string, bigint | number | string, bigint | number | string>;
type Qty = ColumnType<string, number | string, number | string>;
type MoneyDefault = ColumnType<
  string,
  bigint | number | string | undefined,
  bigint | number | string
>;

export interface SiteBillingSettingsTable {
  site_id: string;
  pkp: Generated<boolean>;
  seller_name: string;
  seller_npwp: string | null;
  seller_address: string | null;
  bank_account: string | null;
  charge_basis: Generated<'actual' | 'booked'>;
  rounding: Generated<'slot_up' | 'minute'>;
  no_show_percent: Generated<number>;
  late_cancel_percent: Generated<number>;
  late_cancel_window_minutes: Generated<number>;
  payment_terms_days: Generated<number>;
  updated_at: GeneratedTimestamp;
  updated_by: string | null;
}

export interface PpnRatesTable {
  valid_from: DateColumn;
  rate_bp: number;
  dpp_numerator: number;
  dpp_denominator: number;
  source: string;
}

export type CustomerClassColumn =
  'member_micro' | 'member_small' | 'member_medium' | 'member_large' | 'non_member';

export interface TariffsTable {
  id: Generated<string>;
  machine_id: string;
  basis: 'per_hour' | 'per_batch' | 'per_kg';
  customer_class: CustomerClassColumn;
  unit_price: Money;
  operator_fee_per_hour: Money;
  valid_from: DateColumn;
  valid_to: NullableDateColumn;
  created_by: string | null;
  created_at: GeneratedTimestamp;
}

export interface PricedItemsTable {
  id: Generated<string>;
  site_id: string;
  code: string;
  name: string;
  unit: string;
  unit_price: Money;
  taxable: Generated<boolean>;
  valid_from: DateColumn;
  valid_to: NullableDateColumn;
  created_at: GeneratedTimestamp;
}

export interface SubsidiesTable {
  id: Generated<string>;
  programme_id: string;
  site_id: string | null;
  name: string;
  percent: number;
  classes: CustomerClassColumn[];
  max_minutes_per_month: number | null;
  max_amount_per_month: ColumnType<
    string | null,
    bigint | number | string | null,
    bigint | number | string | null
  >;
  valid_from: DateColumn;
  valid_to: NullableDateColumn;
  created_by: string | null;
  created_at: GeneratedTimestamp;
}

export interface HourPacksTable {
  id: Generated<string>;
  site_id: string;
  member_org_id: string;
  machine_id: string | null;
  name: string;
  minutes_total: number;
  minutes_used: Generated<number>;
  price: Money;
  valid_from: DateColumn;
  valid_to: DateColumn;
  created_by: string | null;
  created_at: GeneratedTimestamp;
}

export interface InvoiceCountersTable {
  site_id: string;
  year: number;
  kind: 'invoice' | 'credit_note';
  last_seq: Generated<number>;
}

export interface InvoicesTable {
  id: Generated<string>;
  site_id: string;
  member_org_id: string;
  kind: 'invoice' | 'credit_note';
  year: number;
  seq: number;
  number: string;
  credited_invoice_id: string | null;
  reason: string | null;
  issued_on: DateColumn;
  due_on: DateColumn;
  period_from: NullableDateColumn;
  period_to: NullableDateColumn;
  seller: ColumnType<unknown, string, string>;
  buyer: ColumnType<unknown, string, string>;
  pkp: boolean;
  ppn_rate_bp: number;
  dpp_numerator: number;
  dpp_denominator: number;
  subtotal: Money;
  discounts: Money;
  subsidies: Money;
  net: Money;
  dpp: Money;
  ppn: Money;
  total: Money;
  created_by: string | null;
  created_by_label: string;
  created_at: GeneratedTimestamp;
}

export interface InvoiceLinesTable {
  id: Generated<string>;
  invoice_id: string;
  position: number;
  description: string;
  quantity: Qty;
  unit: string;
  unit_price: Money;
  gross: Money;
  discount: Money;
  subsidy: Money;
  net: Money;
  taxable: boolean;
}

export interface ChargesTable {
  id: Generated<string>;
  site_id: string;
  member_org_id: string;
  booking_id: string | null;
  machine_id: string | null;
  kind: 'usage' | 'operator_fee' | 'no_show' | 'late_cancel' | 'item' | 'pack' | 'adjustment';
  description: string;
  usage_date: DateColumn;
  quantity: Qty;
  unit: string;
  unit_price: Money;
  gross: Money;
  discount: MoneyDefault;
  subsidy: MoneyDefault;
  subsidy_id: string | null;
  subsidised_minutes: Generated<number>;
  pack_id: string | null;
  pack_minutes: Generated<number>;
  net: Money;
  taxable: Generated<boolean>;
  invoice_id: string | null;
  invoice_line_id: string | null;
  created_by: string | null;
  created_at: GeneratedTimestamp;
}

export interface PaymentsTable {
  id: Generated<string>;
  site_id: string;
  member_org_id: string;
  method: 'cash' | 'bank_transfer' | 'virtual_account' | 'qris';
  reference: string | null;
  amount: Money;
  received_on: DateColumn;
  notes: string | null;
  recorded_by: string | null;
  created_at: GeneratedTimestamp;
}

export interface PaymentAllocationsTable {
  payment_id: string;
  invoice_id: string;
  amount: Money;
}

// 0009-toll-quality ---------------------------------------------------------------------------

type Kg = ColumnType<string, number | string, number | string>;
type NullableNum = ColumnType<string | null, number | string | null | undefined, number | string | null>;
export type LotStatus =
  | 'quarantine'
  | 'released'
  | 'rejected'
  | 'downgraded'
  | 'scrapped' // 0013
  | 'returned' // 0013
  | 'consumed'
  | 'handed_over';
export type Stage = 'incoming' | 'in_process' | 'final';

export interface ProductTypesTable {
  code: string;
  name_id: string;
  name_en: string;
}

export interface LotsTable {
  id: Generated<string>;
  site_id: string;
  code: string;
  kind: 'intake' | 'output' | 'byproduct';
  product_type: string;
  owner_org_id: string | null;
  pooled: Generated<boolean>;
  quantity_kg: Kg;
  grade: string | null;
  moisture_percent: NullableNum;
  notes: string | null;
  job_id: string | null;
  status: LotStatus;
  received_at: Timestamp;
  received_by: string | null;
  received_by_label: string;
  created_at: GeneratedTimestamp;
  updated_at: GeneratedTimestamp;
}

export interface LotOwnersTable {
  lot_id: string;
  owner_org_id: string;
  share_bp: number;
  kg: Kg;
}

export interface LotPhotosTable {
  id: Generated<string>;
  lot_id: string;
  content_type: 'image/jpeg' | 'image/png' | 'image/webp';
  size_bytes: number;
  file: Buffer;
  uploaded_by: string | null;
  uploaded_at: GeneratedTimestamp;
}

export interface ProcessJobsTable {
  id: Generated<string>;
  site_id: string;
  booking_id: string;
  machine_id: string;
  process: string;
  pooled: Generated<boolean>;
  status: 'open' | 'completed';
  operator_user_id: string | null;
  started_at: Timestamp | null;
  ended_at: Timestamp | null;
  waste_kg: NullableNum;
  stated_gain_kg: NullableNum;
  kwh: NullableNum;
  lpg_kg: NullableNum;
  water_m3: NullableNum;
  notes: string | null;
  created_by: string | null;
  created_at: GeneratedTimestamp;
  completed_at: Timestamp | null;
}

export interface JobInputsTable {
  job_id: string;
  lot_id: string;
  kg: Kg;
}

export interface HandoversTable {
  id: Generated<string>;
  lot_id: string;
  to_org_id: string;
  kg: Kg;
  handed_at: Timestamp;
  handed_by: string | null;
  handed_by_label: string;
  received_by_name: string;
  notes: string | null;
  created_at: GeneratedTimestamp;
  /** 0013: set by the trigger when the lot was `returned` (non-conforming material). */
  nonconforming_return: Generated<boolean>;
}

export interface CharacteristicsTable {
  id: Generated<string>;
  code: string;
  name_id: string;
  name_en: string;
  kind: 'numeric' | 'attribute';
  unit: string | null;
  physical_min: NullableNum;
  physical_max: NullableNum;
  test_method: string | null;
}

export interface SpecificationsTable {
  id: Generated<string>;
  product_type: string;
  name: string;
  source: string;
  buyer_org_id: string | null;
  created_at: GeneratedTimestamp;
}

export interface SpecificationItemsTable {
  specification_id: string;
  characteristic_id: string;
  lower_limit: NullableNum;
  upper_limit: NullableNum;
  target: NullableNum;
  expected_pass: boolean | null;
  position: number;
}

export interface InspectionPlansTable {
  id: Generated<string>;
  site_id: string | null;
  product_type: string;
  stage: Stage;
  specification_id: string;
  inspection_level: Generated<'S-1' | 'S-2' | 'S-3' | 'S-4' | 'I' | 'II' | 'III'>;
  aql: ColumnType<string, number | string | undefined, number | string>;
  unit_kg: ColumnType<string, number | string | undefined, number | string>;
  active: Generated<boolean>;
  created_at: GeneratedTimestamp;
  /** 0016: the responsible authority allows reduced inspection (ISO 2859-1 9.3.3 c). */
  reduced_allowed: Generated<boolean>;
  reduced_approved_by: string | null;
  reduced_approved_at: Timestamp | null;
}

export interface InspectionsTable {
  id: Generated<string>;
  lot_id: string;
  plan_id: string | null;
  specification_id: string;
  stage: Stage;
  sample_size: number | null;
  defectives: number | null;
  verdict: 'pass' | 'fail';
  supersedes_id: string | null;
  inspector_user_id: string | null;
  inspector_label: string;
  inspected_at: Timestamp;
  notes: string | null;
  created_at: GeneratedTimestamp;
}

/** 0014: lab reports of an inspection (append-only, like the inspection). */
export interface InspectionLabReportsTable {
  id: Generated<string>;
  inspection_id: string;
  filename: string;
  content_type: 'application/pdf' | 'image/jpeg' | 'image/png' | 'image/webp';
  size_bytes: number;
  file: Buffer;
  uploaded_by: string | null;
  uploaded_by_label: string;
  uploaded_at: Date;
}

export interface InspectionResultsTable {
  inspection_id: string;
  characteristic_id: string;
  value: NullableNum;
  passed: boolean;
}

export interface NonConformancesTable {
  id: Generated<string>;
  site_id: string;
  lot_id: string;
  inspection_id: string | null;
  title: string;
  status: 'open' | 'closed';
  disposition: 'rework' | 'downgrade' | 'scrap' | 'return' | null;
  root_cause: string | null;
  verification: string | null;
  opened_at: Timestamp;
  closed_at: Timestamp | null;
  closed_by: string | null;
}

export interface NcActionsTable {
  id: Generated<string>;
  nc_id: string;
  description: string;
  owner_user_id: string | null;
  due_on: DateColumn;
  done_at: Timestamp | null;
  created_at: GeneratedTimestamp;
}

export interface CertificatesTable {
  id: Generated<string>;
  lot_id: string;
  number: string;
  content: ColumnType<unknown, string, string>;
  content_sha256: string;
  public_token: string;
  issued_at: Timestamp;
  issued_by: string | null;
}

// 0010-spc-points ----------------------------------------------------------------------------

/** Derived by triggers from inspections and their results: never written by the application. */
export interface SpcPointsTable {
  inspection_id: string;
  characteristic_id: string;
  product_type: string;
  site_id: string;
  machine_id: string | null;
  inspected_at: Timestamp;
  lot_code: string;
  value: number | null;
  sample_size: number | null;
  defectives: number | null;
}

/** 0013: a manager restarted discontinued sampling (ISO 2859-1 9.4) at tightened inspection. */
export interface SamplingRestartsTable {
  id: Generated<string>;
  plan_id: string;
  site_id: string;
  owner_org_id: string | null;
  reason: string;
  restarted_at: Timestamp;
  restarted_by: string | null;
}

export interface RoleGrantsTable {
  id: Generated<string>;
  user_id: string;
  role: string;
  programme_id: string | null;
  site_id: string | null;
  organisation_id: string | null;
  created_at: GeneratedTimestamp;
}

export interface SchemaMigrationsTable {
  name: string;
  applied_at: GeneratedTimestamp;
}

export interface DB {
  users: UsersTable;
  sessions: SessionsTable;
  api_tokens: ApiTokensTable;
  audit_log: AuditLogTable;
  outbox_messages: OutboxMessagesTable;
  programmes: ProgrammesTable;
  organisations: OrganisationsTable;
  kbli_codes: KbliCodesTable;
  organisation_kbli: OrganisationKbliTable;
  size_class_rules: SizeClassRulesTable;
  organisation_financials: OrganisationFinancialsTable;
  size_class_changes: SizeClassChangesTable;
  organisation_products: OrganisationProductsTable;
  organisation_certificates: OrganisationCertificatesTable;
  clusters: ClustersTable;
  sites: SitesTable;
  site_members: SiteMembersTable;
  machines: MachinesTable;
  regions: RegionsTable;
  investments: InvestmentsTable;
  site_opening_hours: SiteOpeningHoursTable;
  site_holidays: SiteHolidaysTable;
  machine_status_history: MachineStatusHistoryTable;
  machine_documents: MachineDocumentsTable;
  machine_photos: MachinePhotosTable;
  people: PeopleTable;
  qualification_rules: QualificationRulesTable;
  training_sessions: TrainingSessionsTable;
  training_attendance: TrainingAttendanceTable;
  qualifications: QualificationsTable;
  machine_booking_rules: MachineBookingRulesTable;
  booking_series: BookingSeriesTable;
  bookings: BookingsTable;
  waitlist_entries: WaitlistEntriesTable;
  calendar_feeds: CalendarFeedsTable;
  site_billing_settings: SiteBillingSettingsTable;
  ppn_rates: PpnRatesTable;
  tariffs: TariffsTable;
  priced_items: PricedItemsTable;
  subsidies: SubsidiesTable;
  hour_packs: HourPacksTable;
  invoice_counters: InvoiceCountersTable;
  invoices: InvoicesTable;
  invoice_lines: InvoiceLinesTable;
  charges: ChargesTable;
  payments: PaymentsTable;
  payment_allocations: PaymentAllocationsTable;
  product_types: ProductTypesTable;
  lots: LotsTable;
  lot_owners: LotOwnersTable;
  lot_photos: LotPhotosTable;
  process_jobs: ProcessJobsTable;
  job_inputs: JobInputsTable;
  handovers: HandoversTable;
  characteristics: CharacteristicsTable;
  specifications: SpecificationsTable;
  specification_items: SpecificationItemsTable;
  inspection_plans: InspectionPlansTable;
  inspections: InspectionsTable;
  inspection_results: InspectionResultsTable;
  inspection_lab_reports: InspectionLabReportsTable;
  non_conformances: NonConformancesTable;
  nc_actions: NcActionsTable;
  certificates: CertificatesTable;
  spc_points: SpcPointsTable;
  sampling_restarts: SamplingRestartsTable;
  member_registrations: MemberRegistrationsTable;
  role_grants: RoleGrantsTable;
  rpb_migrations: SchemaMigrationsTable;
}
