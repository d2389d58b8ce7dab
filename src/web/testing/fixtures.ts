/** Object factories for component tests: defaults that satisfy the contracts, overridable. */
import type {
  Grant,
  Machine,
  MeResponse,
  Organisation,
  OrganisationSummary,
  Role,
  ScopeOption,
  SiteSummary,
} from '../lib/contracts.js';

let counter = 0;
const uuid = () => `00000000-0000-4000-8000-${String(++counter).padStart(12, '0')}`;

export function grant(role: Role, overrides: Partial<Grant> = {}): Grant {
  return { role, scopeType: 'system', scopeId: null, scopeName: null, ...overrides };
}

export function me(roles: Role[], overrides: Partial<MeResponse['user']> = {}): MeResponse {
  return {
    user: {
      id: uuid(),
      email: 'siti@example.id',
      name: 'Siti Aminah',
      locale: 'id',
      grants: roles.map((role) => grant(role)),
      ...overrides,
    },
    csrfToken: 'csrf-token',
  };
}

export function site(overrides: Partial<SiteSummary> = {}): SiteSummary {
  return {
    id: uuid(),
    code: 'ACH-01',
    name: 'RPB Nilam Aceh Jaya',
    clusterName: 'Klaster Nilam Aceh',
    programmeName: 'RPB 2024',
    commodity: 'Minyak nilam',
    province: 'Aceh',
    regency: 'Aceh Jaya',
    timeZone: 'Asia/Jakarta',
    operatorName: 'Koperasi Nilam Jaya',
    machineCount: 6,
    memberCount: 42,
    equipmentValue: 2_350_000_000,
    ...overrides,
  };
}

/** One entry of GET /api/scope-options (an organisation unless told otherwise). */
export function scopeOption(overrides: Partial<ScopeOption> = {}): ScopeOption {
  return { id: uuid(), name: 'CV Nilam Harum Tamiang', code: null, detail: 'umkm', ...overrides };
}

/** GET /api/organisations/:id: a UMKM the user may change, with a masked owner NIK. */
export function organisation(overrides: Partial<Organisation> = {}): Organisation {
  return {
    id: uuid(),
    kind: 'umkm',
    name: 'CV Nilam Harum Tamiang',
    legalForm: 'cv',
    nib: '9120208371645',
    nibIssuedOn: null,
    npwp: '0027311549107000',
    npwp15Legacy: '027311549107000',
    nitku: null,
    address: null,
    province: 'Aceh',
    regency: 'Kabupaten Aceh Tamiang',
    regionCode: null,
    phone: null,
    email: null,
    ownerName: 'Zulkifli',
    ownerNik: '1116********0001',
    ownerNikMasked: true,
    ownerBirthDate: null,
    sizeClass: 'micro',
    kbli: [],
    canEdit: true,
    createdAt: '2026-03-04T01:05:00.000Z',
    updatedAt: '2026-03-04T01:05:00.000Z',
    ...overrides,
  };
}

/** One item of GET /api/organisations. */
export function organisationSummary(
  overrides: Partial<OrganisationSummary> = {},
): OrganisationSummary {
  return {
    id: uuid(),
    kind: 'umkm',
    name: 'CV Nilam Harum Tamiang',
    nib: '9120208371645',
    province: 'Aceh',
    regency: 'Kabupaten Aceh Tamiang',
    sizeClass: 'micro',
    ...overrides,
  };
}

/** GET /api/equipment/:id: an active distiller at a WIB site in Aceh. */
export function machine(overrides: Partial<Machine> = {}): Machine {
  return {
    id: uuid(),
    siteId: uuid(),
    siteCode: 'ATM-01',
    siteName: 'RPB Nilam Bandar Pusaka',
    clusterId: uuid(),
    clusterName: 'Klaster Nilam Aceh Tamiang',
    programmeId: uuid(),
    province: 'Aceh',
    code: 'KTL-100A',
    name: 'Ketel suling nilam 100 kg A',
    capabilities: ['distillation'],
    capacity: null,
    hourlyRate: null,
    batchRate: null,
    specs: {},
    acquisitionValue: 385_000_000,
    acquiredOn: null,
    fundingProgrammeId: null,
    fundingProgrammeName: null,
    manufacturer: null,
    model: null,
    serialNumber: null,
    status: 'active',
    updatedAt: '2026-07-01T00:00:00.000Z',
    ...overrides,
  };
}
