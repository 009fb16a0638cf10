import { z } from 'zod';
import { ROLES } from '../../platform/auth/actor.js';

export const AGENCY_KINDS = [
  'ministry',
  'provincial_pc',
  'department',
  'pas_centre',
  'commune_pc',
  'one_stop_section',
  'other',
] as const;

/** Electronic identifier of an agency (Decision 20/2020/QĐ-TTg): dot-separated groups of A–Z, 0–9, at most 35 characters. */
export const AgencyCode = z
  .string()
  .max(35)
  .regex(/^[0-9A-Z]+(\.[0-9A-Z]+)*$/, 'must be dot-separated groups of digits and capital letters');

const TimeRange = z.tuple([z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/), z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/)]);
export const WorkingHours = z
  .object({
    mon: z.array(TimeRange).max(4),
    tue: z.array(TimeRange).max(4),
    wed: z.array(TimeRange).max(4),
    thu: z.array(TimeRange).max(4),
    fri: z.array(TimeRange).max(4),
    sat: z.array(TimeRange).max(4),
    sun: z.array(TimeRange).max(4),
  })
  .strict()
  .meta({ id: 'WorkingHours', description: 'Opening hours per weekday as [["07:00","11:30"],["13:30","17:00"]]; an empty list is a day off' });

export const Agency = z
  .object({
    code: z.string(),
    name: z.string(),
    kind: z.string(),
    parentCode: z.string().nullable(),
    unit: z.object({ structure: z.string(), code: z.string() }).nullable(),
    address: z.string().nullable(),
    phone: z.string().nullable(),
    email: z.string().nullable(),
    workingHours: z.unknown().nullable(),
    active: z.boolean(),
    version: z.number().int(),
  })
  .meta({ id: 'Agency' });

const Phone = z.string().regex(/^\+?[0-9 .-]{8,20}$/, 'not a phone number');

export const AgencyCreate = z
  .object({
    code: AgencyCode,
    name: z.string().trim().min(1).max(300),
    kind: z.enum(AGENCY_KINDS),
    parentCode: AgencyCode,
    unit: z.object({ structure: z.enum(['2025', 'pre2025']), code: z.string().regex(/^\d{2,5}$/) }).strict().nullable().optional(),
    address: z.string().trim().max(500).nullable().optional(),
    phone: Phone.nullable().optional(),
    email: z.email().max(200).nullable().optional(),
    workingHours: WorkingHours.nullable().optional(),
  })
  .strict()
  .meta({ id: 'AgencyCreate' });

export const AgencyUpdate = AgencyCreate.omit({ code: true, parentCode: true })
  .partial()
  .extend({ active: z.boolean().optional() })
  .strict()
  .meta({ id: 'AgencyUpdate' });

export const Unit = z
  .object({
    structure: z.enum(['2025', 'pre2025']),
    code: z.string(),
    level: z.enum(['province', 'district', 'commune']),
    name: z.string(),
    unitType: z.string(),
    parentCode: z.string().nullable(),
    validFrom: z.string(),
    validTo: z.string().nullable(),
  })
  .meta({ id: 'AdministrativeUnit' });

export const RoleGrantSchema = z.object({ agencyCode: AgencyCode, role: z.enum(ROLES) }).strict();

export const Officer = z
  .object({
    id: z.string(),
    username: z.string(),
    fullName: z.string(),
    email: z.string().nullable(),
    phone: z.string().nullable(),
    active: z.boolean(),
    version: z.number().int(),
    roles: z.array(RoleGrantSchema),
  })
  .meta({ id: 'Officer' });

export const OfficerCreate = z
  .object({
    username: z.string().regex(/^[a-z0-9._-]{3,64}$/, '3–64 lowercase letters, digits, dot, dash or underscore'),
    fullName: z.string().trim().min(1).max(200),
    email: z.email().max(200).nullable().optional(),
    phone: Phone.nullable().optional(),
    roles: z.array(RoleGrantSchema).min(1).max(50),
  })
  .strict()
  .meta({ id: 'OfficerCreate' });

export const RolesReplace = z.object({ roles: z.array(RoleGrantSchema).max(50) }).strict().meta({ id: 'RolesReplace' });

export const PersonLookup = z
  .object({
    id: z.string(),
    kind: z.string(),
    fullName: z.string(),
    personalId: z.string().nullable(),
    taxCode: z.string().nullable(),
    dateOfBirth: z.string().nullable(),
    address: z.string().nullable(),
    phone: z.string().nullable(),
    email: z.string().nullable(),
  })
  .meta({ id: 'PersonLookup' });
