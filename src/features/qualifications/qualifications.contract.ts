/**
 * API shapes of people (members' owners and workers), training sessions with attendance,
 * machine qualifications and the rules of how long a qualification lasts without use.
 * Machine types are the equipment capabilities (one controlled list, from the equipment
 * contract). Dates are calendar dates (YYYY-MM-DD) at the site where things happen.
 */
import { z } from 'zod';
import { page, PageQuery } from '../../contracts/api.contract.js';
import { CAPABILITIES, Capability } from '../equipment/equipment.contract.js';

export const MACHINE_TYPES = CAPABILITIES;
export const MachineType = Capability;
export type MachineType = z.infer<typeof MachineType>;

const IsoDate = z.iso.date().describe('YYYY-MM-DD');
const text = (max: number) => z.string().trim().min(1).max(max);
const Id = z.string().uuid();

// People ------------------------------------------------------------------------------------

export const PERSON_ROLES = ['owner', 'worker'] as const;
export const PersonRole = z.enum(PERSON_ROLES);

export const PersonRequest = z.strictObject({
  name: text(120),
  nik: z.string().trim().max(40).nullable().default(null).describe('16 digits; separators allowed'),
  phone: z.string().trim().max(30).nullable().default(null).describe('08…, 628… or +628…'),
  email: z.string().trim().toLowerCase().email().max(254).nullable().default(null),
  role: PersonRole.default('worker'),
  active: z.boolean().default(true),
});
export type PersonRequest = z.infer<typeof PersonRequest>;

export const PersonPatch = z.strictObject({
  name: text(120).optional(),
  nik: z.string().trim().max(40).nullable().optional(),
  phone: z.string().trim().max(30).nullable().optional(),
  email: z.string().trim().toLowerCase().email().max(254).nullable().optional(),
  role: PersonRole.optional(),
  active: z.boolean().optional(),
});
export type PersonPatch = z.infer<typeof PersonPatch>;

export const Person = z.object({
  id: Id,
  organisationId: Id,
  organisationName: z.string(),
  name: z.string(),
  nik: z
    .string()
    .nullable()
    .describe('Masked (3201********0001) unless you are the organisation or an administrator'),
  nikMasked: z.boolean(),
  phone: z.string().nullable(),
  email: z.string().nullable(),
  role: PersonRole,
  active: z.boolean(),
  canEdit: z.boolean(),
  createdAt: z.string().datetime(),
  updatedAt: z.string().datetime(),
});
export type Person = z.infer<typeof Person>;
export const PersonList = page(Person);

const ActiveFilter = z
  .enum(['true', 'false'])
  .transform((v) => v === 'true')
  .optional()
  .describe('Only active (true) or inactive (false) people');

export const PeopleQuery = PageQuery.extend({
  q: z.string().trim().min(1).max(100).optional().describe('Part of the name (trigram search)'),
  organisationId: Id.optional(),
  siteId: Id.optional().describe("People of this site's member organisations"),
  active: ActiveFilter,
});
export type PeopleQuery = z.infer<typeof PeopleQuery>;
export const OrganisationPeopleQuery = PageQuery.extend({
  q: z.string().trim().min(1).max(100).optional(),
  active: ActiveFilter,
});

export const OrgParams = z.object({ id: Id });
export const PersonParams = z.object({ id: Id, personId: Id });

// Training ----------------------------------------------------------------------------------

export const TrainingSessionRequest = z.strictObject({
  siteId: Id,
  machineType: MachineType,
  heldOn: IsoDate,
  trainerUserId: Id.optional().describe('The trainer (a user); you if omitted'),
  title: text(200),
  notes: text(2000).nullable().default(null),
});
export type TrainingSessionRequest = z.infer<typeof TrainingSessionRequest>;

export const Attendance = z.object({
  personId: Id,
  personName: z.string(),
  organisationId: Id,
  organisationName: z.string(),
  passed: z.boolean(),
  recordedAt: z.string().datetime(),
});
export type Attendance = z.infer<typeof Attendance>;

const sessionFields = {
  id: Id,
  siteId: Id,
  siteName: z.string(),
  machineType: MachineType,
  heldOn: z.string(),
  trainer: z.object({ id: Id, name: z.string() }),
  title: z.string(),
  notes: z.string().nullable(),
  canEdit: z.boolean(),
};
export const TrainingSessionSummary = z.object({
  ...sessionFields,
  attendees: z.number().int(),
  passed: z.number().int(),
});
export type TrainingSessionSummary = z.infer<typeof TrainingSessionSummary>;
export const TrainingSession = z.object({
  ...sessionFields,
  attendance: z
    .array(Attendance)
    .describe('Attendees you may see (people of organisations in your scope)'),
});
export type TrainingSession = z.infer<typeof TrainingSession>;
export const TrainingSessionList = page(TrainingSessionSummary);
export const TrainingSessionQuery = PageQuery.extend({
  siteId: Id.optional(),
  machineType: MachineType.optional(),
});
export type TrainingSessionQuery = z.infer<typeof TrainingSessionQuery>;
export const SessionParams = z.object({ id: Id });
export const AttendanceParams = z.object({ id: Id, personId: Id });
export const AttendanceRequest = z.strictObject({ passed: z.boolean() });

// Qualifications ----------------------------------------------------------------------------

export const QUALIFICATION_STATUSES = ['valid', 'expired', 'revoked'] as const;
export const QualificationStatus = z.enum(QUALIFICATION_STATUSES);

export const GrantQualificationRequest = z.strictObject({
  personId: Id,
  machineType: MachineType,
  siteId: Id.describe('The site granting it (you must be its manager or operator)'),
  grantedOn: IsoDate.optional().describe('Today at the site if omitted; never in the future'),
  trainingSessionId: Id.nullable()
    .default(null)
    .describe('A session of this machine type the person attended and passed'),
});
export type GrantQualificationRequest = z.infer<typeof GrantQualificationRequest>;

export const RevokeQualificationRequest = z.strictObject({ reason: text(500) });
export const RecordUseRequest = z.strictObject({
  on: IsoDate.optional().describe('Today at the site if omitted; never in the future'),
  siteId: Id.optional().describe('Where the machine was used; the granting site if omitted'),
});
export type RecordUseRequest = z.infer<typeof RecordUseRequest>;

export const Qualification = z.object({
  id: Id,
  personId: Id,
  personName: z.string(),
  organisationId: Id,
  organisationName: z.string(),
  machineType: MachineType,
  siteId: Id,
  siteName: z.string(),
  grantedBy: z.string(),
  grantedOn: z.string(),
  lastUsedOn: z.string().nullable(),
  trainingSessionId: Id.nullable(),
  monthsWithoutUse: z.number().int(),
  expiresOn: z
    .string()
    .describe('The day it lapses: (last use, else grant) + monthsWithoutUse calendar months'),
  valid: z.boolean().describe('Valid today at the granting site'),
  status: QualificationStatus,
  revokedAt: z.string().datetime().nullable(),
  revokedReason: z.string().nullable(),
  canEdit: z.boolean(),
});
export type Qualification = z.infer<typeof Qualification>;
export const QualificationList = page(Qualification);
export const QualificationItems = z.object({ items: z.array(Qualification) });

export const QualificationQuery = PageQuery.extend({
  siteId: Id.optional().describe('Granted at this site'),
  personId: Id.optional(),
  organisationId: Id.optional(),
  machineType: MachineType.optional(),
  status: QualificationStatus.optional(),
  expiringWithinDays: z.coerce
    .number()
    .int()
    .min(0)
    .max(366)
    .optional()
    .describe('Only valid ones that lapse within this many days (soonest first)'),
});
export type QualificationQuery = z.infer<typeof QualificationQuery>;
export const QualificationParams = z.object({ id: Id });

// Rules -------------------------------------------------------------------------------------

export const QualificationRule = z.object({
  machineType: MachineType,
  monthsWithoutUse: z.number().int(),
  isDefault: z.boolean().describe('No rule of its own: the default applies'),
  updatedAt: z.string().datetime().nullable(),
});
export const QualificationRuleList = z.object({
  defaultMonths: z.number().int(),
  items: z.array(QualificationRule),
});
export const UpdateQualificationRulesRequest = z.strictObject({
  items: z
    .array(
      z.strictObject({
        machineType: MachineType,
        monthsWithoutUse: z
          .number()
          .int()
          .min(1)
          .max(120)
          .nullable()
          .describe('null returns the type to the default'),
      }),
    )
    .min(1)
    .max(MACHINE_TYPES.length),
});
export type UpdateQualificationRulesRequest = z.infer<typeof UpdateQualificationRulesRequest>;
