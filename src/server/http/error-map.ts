/**
 * The one table at the edge: every error code of every feature gets its HTTP status here, and
 * its message in the request's language from the feature's catalogue. Adding a code to a
 * catalogue without a status here fails the type check.
 */
import type { Locale } from '../../contracts/api.contract.js';
import { accountsErrors } from '../../features/accounts/accounts.errors.js';
import { importsErrors } from '../../features/imports/imports.errors.js';
import { organisationsErrors } from '../../features/organisations/organisations.errors.js';
import { formatMessage } from '../domain-error.js';
import { tabularErrors } from '../tabular/tabular.errors.js';
import { httpErrors } from './http.errors.js';

const catalogue = {
  ...httpErrors,
  ...tabularErrors,
  ...accountsErrors,
  ...organisationsErrors,
  ...importsErrors,
};
export type ErrorCode = keyof typeof catalogue;

const status: Record<ErrorCode, number> = {
  validation_failed: 400,
  invalid_json: 400,
  invalid_cursor: 400,
  unsupported_media_type: 415,
  payload_too_large: 413,
  unauthenticated: 401,
  session_expired: 401,
  token_invalid: 401,
  csrf_invalid: 403,
  forbidden: 403,
  not_found: 404,
  route_not_found: 404,
  method_not_allowed: 405,
  rate_limited: 429,
  conflict: 409,
  service_unavailable: 503,
  internal_error: 500,
  invalid_credentials: 401,
  account_locked: 423,
  account_disabled: 403,
  demo_login_disabled: 403,
  wrong_current_password: 400,
  password_unchanged: 400,
  email_taken: 409,
  user_not_found: 404,
  token_not_found: 404,
  grant_scope_mismatch: 400,
  grant_scope_not_found: 400,
  table_unsupported_format: 415,
  table_unreadable: 400,
  table_too_large: 413,
  table_too_many_rows: 413,
  table_empty: 400,
  table_unknown_columns: 400,
  table_duplicate_column: 400,
  import_required: 400,
  import_too_long: 400,
  import_choice: 400,
  import_email: 400,
  import_date: 400,
  import_rupiah: 400,
  import_whole_number: 400,
  import_year: 400,
  import_duplicate_in_file: 400,
  import_site_required: 400,
  import_file_missing: 400,
  // organisations
  organisation_not_found: 404,
  nib_format: 400,
  nib_taken: 409,
  nik_format: 400,
  nik_province: 400,
  nik_birth_date: 400,
  nik_serial: 400,
  npwp_format: 400,
  npwp_length: 400,
  npwp_check_digit: 400,
  npwp_nik_invalid: 400,
  kbli_format: 400,
  kbli_unknown: 400,
  kbli_not_attached: 404,
  phone_format: 400,
  region_code_format: 400,
  site_required: 400,
  site_not_found: 404,
  product_not_found: 404,
  product_name_taken: 409,
  certificate_not_found: 404,
  certificate_number_taken: 409,
  certificate_dates: 400,
  certificate_file_missing: 404,
  certificate_file_type: 415,
  certificate_file_too_large: 413,
};

export const isKnownCode = (code: string): code is ErrorCode => Object.hasOwn(status, code);
export const statusOf = (code: ErrorCode): number => status[code];
export const messageOf = (
  code: ErrorCode,
  locale: Locale,
  details?: Record<string, unknown>,
): string => formatMessage(catalogue[code][locale], details);
export const allErrorCodes = (): ErrorCode[] => Object.keys(status) as ErrorCode[];
