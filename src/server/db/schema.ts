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
  created_at: GeneratedTimestamp;
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
}

export interface KbliCodesTable {
  code: string;
  title: string;
  edition: Generated<string>;
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
  created_at: GeneratedTimestamp;
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
  created_at: GeneratedTimestamp;
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
  acquisition_value: BigIntColumn;
  status: Generated<'active' | 'maintenance' | 'broken' | 'retired'>;
  created_at: GeneratedTimestamp;
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
  role_grants: RoleGrantsTable;
  rpb_migrations: SchemaMigrationsTable;
}
