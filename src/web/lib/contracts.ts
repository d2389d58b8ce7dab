/**
 * The web app's only door to code outside src/web: API shapes (zod schemas and their types)
 * from the contract files. Everything here is shared with the server, so the UI and the API
 * cannot drift apart silently. Never import server code (services, repositories) from the web.
 */
export {
  DEFAULT_LOCALE,
  ErrorEnvelope,
  FieldIssue,
  LOCALES,
  Locale,
} from '../../contracts/api.contract.js';
export {
  ApiToken,
  ApiTokenList,
  ChangePasswordRequest,
  CreateTokenRequest,
  CreateTokenResponse,
  CreateUserRequest,
  Grant,
  LoginRequest,
  MeResponse,
  PASSWORD_MIN_LENGTH,
  ROLE_SCOPES,
  ROLES,
  Role,
  SCOPE_TYPES,
  ScopeType,
  UpdateMeRequest,
  UserList,
  UserSummary,
} from '../../features/accounts/accounts.contract.js';
export { AuditEntry, AuditList, AuditQuery } from '../../features/audit/audit.contract.js';
export {
  JOB_STATES,
  JobList,
  JobQuery,
  JobSummary,
  OUTBOX_STATES,
  OutboxList,
  OutboxMessage,
} from '../../features/jobs/jobs.contract.js';
export {
  ScopeOption,
  ScopeOptionList,
  ScopeOptionQuery,
  SiteList,
  SiteSummary,
  TIME_ZONES,
  TimeZone,
} from '../../features/registry/registry.contract.js';
export {
  AddKbliRequest,
  CERTIFICATE_TYPES,
  Certificate,
  CertificateList,
  CertificatePatch,
  CertificateRequest,
  CreateOrganisationRequest,
  FinancialYear,
  FinancialYearRequest,
  FinancialYearSaved,
  Financials,
  KbliCode,
  KbliList,
  LEGAL_FORMS,
  ORGANISATION_KINDS,
  Organisation,
  OrganisationList,
  OrganisationListQuery,
  OrganisationSaved,
  OrganisationSummary,
  Product,
  ProductList,
  ProductPatch,
  ProductRequest,
  SIZE_CLASSES,
  SizeClassChange,
  UpdateOrganisationRequest,
  Warning,
} from '../../features/organisations/organisations.contract.js';
export {
  ExportQuery,
  ImportPreview,
  ImportResult,
  ImportStrategy,
  RowProblem,
} from '../../features/imports/imports.contract.js';
