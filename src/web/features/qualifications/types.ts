/** Types of the people and qualification API shapes (see lib/contracts.ts). */
import type { z } from 'zod';
import type {
  Attendance,
  PERSON_ROLES,
  Person,
  Qualification,
  QualificationRuleList,
  TrainingSession,
  TrainingSessionSummary,
} from '../../lib/contracts.js';

export type PersonT = z.infer<typeof Person>;
export type PersonRoleT = (typeof PERSON_ROLES)[number];
export type AttendanceT = z.infer<typeof Attendance>;
export type QualificationT = z.infer<typeof Qualification>;
export type TrainingSessionT = z.infer<typeof TrainingSession>;
export type TrainingSessionSummaryT = z.infer<typeof TrainingSessionSummary>;
export type QualificationRuleListT = z.infer<typeof QualificationRuleList>;
