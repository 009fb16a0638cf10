import { z } from 'zod';
import { AgencyCode } from '../org/org.schemas.js';
import { DossierFees } from '../payments/payments.schemas.js';
import { ACTION_LABELS, STATUSES, TRANSITION_ACTIONS, type TransitionAction } from './domain/index.js';
import { Box } from './dossiers.repository.js';

const Localized = z.object({ vi: z.string(), en: z.string() });
const Instant = z.string().nullable();

export const DossierCreate = z
  .object({
    procedureCode: z.string().regex(/^[1-3]\.\d{6}$/, 'must look like 1.001193'),
    /** The one-stop desk that receives the dossier: required online; at the desk, the officer's own. */
    receivingAgencyCode: AgencyCode.optional(),
    formData: z.record(z.string(), z.unknown()).default({}),
    /** At the desk: the applicant, found with GET /people/lookup. Online: the caller. */
    applicantId: z.uuid().optional(),
    /** At the desk: in person (default) or received by post. */
    channel: z.enum(['in_person', 'postal']).optional(),
    /** Someone filing for the applicant, with the mandate (giấy ủy quyền) as text. */
    representative: z.object({ name: z.string().trim().min(1).max(200), mandate: z.string().trim().min(1).max(2000) }).strict().optional(),
    note: z.string().trim().max(2000).optional(),
    /** Online only: keep it as a draft (not submitted, no code, no deadline); the form may be incomplete. */
    draft: z.boolean().optional(),
  })
  .strict()
  .meta({ id: 'DossierCreate' });

/** The whole form of a draft, replacing the stored one (fields may still be missing). */
export const DraftUpdate = z.object({ formData: z.record(z.string(), z.unknown()) }).strict().meta({ id: 'DossierDraftUpdate' });
export type DossierCreate = z.output<typeof DossierCreate>;

/** An action name as the domain spells it (RECEIVE) or in URL style (receive, request-supplement). */
export const ActionParam = z.preprocess(
  (v) => (typeof v === 'string' ? v.replace(/-/g, '_').toUpperCase() : v),
  z.enum(TRANSITION_ACTIONS as [TransitionAction, ...TransitionAction[]]),
);

export const ActionBody = z.record(z.string(), z.unknown()).optional().meta({
  id: 'DossierActionPayload',
  description: `The payload the action expects (see the dossier domain README). Actions: ${TRANSITION_ACTIONS.map((a) => `${a} (${ACTION_LABELS[a].en})`).join(', ')}`,
});

export const DossierRef = z.string().min(1).max(100).regex(/^[0-9A-Za-z.-]+$/, 'a dossier code or id');

export const Dossier = z
  .object({
    id: z.string(),
    code: z.string().nullable(),
    procedure: z.object({ code: z.string(), version: z.number(), name: z.string() }),
    applicantId: z.string(),
    filerId: z.string(),
    representative: z.object({ name: z.string(), mandate: z.string() }).nullable(),
    channel: z.enum(['online', 'in_person', 'postal']),
    formData: z.record(z.string(), z.unknown()),
    status: z.enum(STATUSES),
    statusLabel: Localized,
    nationalStatus: z.number().nullable(),
    receivingAgencyCode: z.string(),
    competentAgencyCode: z.string(),
    holderAgencyCode: z.string(),
    assigneeId: z.string().nullable(),
    dueAt: Instant,
    legalDueAt: Instant,
    stepDueAt: Instant,
    pausedSince: Instant,
    submittedAt: Instant,
    receivedAt: Instant,
    openSupplement: z
      .object({ round: z.number(), requestedAt: z.string(), items: z.array(z.object({ componentCode: z.string(), reason: z.string() })) })
      .nullable(),
    supplementRounds: z.number(),
    availableActions: z.array(z.string()),
    version: z.number(),
    createdAt: z.string(),
    updatedAt: z.string(),
    /** Fees and their payment state (on reading one dossier). */
    fees: DossierFees.optional(),
    /**
     * On reading one dossier the caller may transfer: the active agencies it may go to (those the
     * procedure names, but the holder); null when the procedure names its agencies only as text.
     */
    transferTargets: z.array(z.object({ code: z.string(), name: z.string() })).nullable().optional(),
  })
  .meta({ id: 'Dossier' });

export const HistoryEntry = z
  .object({
    seq: z.number(),
    at: z.string(),
    action: z.string(),
    label: Localized,
    text: Localized,
    actor: z.object({ kind: z.enum(['officer', 'applicant']), name: z.string().nullable(), agencyCode: z.string().nullable() }),
    statusFrom: z.string().nullable(),
    statusTo: z.string(),
    dueBefore: Instant,
    dueAfter: Instant,
    pausedMinutes: z.number(),
    form: z.object({ type: z.string(), number: z.string().nullable() }).nullable(),
  })
  .meta({ id: 'DossierHistoryEntry' });

export const DossierListItem = z
  .object({
    id: z.string(),
    code: z.string().nullable(),
    procedure: z.object({ code: z.string(), version: z.number(), name: z.string() }),
    applicantId: z.string(),
    channel: z.string(),
    status: z.enum(STATUSES),
    statusLabel: Localized,
    nationalStatus: z.number().nullable(),
    receivingAgencyCode: z.string(),
    holderAgencyCode: z.string(),
    assigneeId: z.string().nullable(),
    dueAt: Instant,
    createdAt: z.string(),
    /** Last change (for a draft: when it was last saved). */
    updatedAt: z.string(),
    version: z.number(),
  })
  .meta({ id: 'DossierListItem' });

export const DossierListQuery = z
  .object({
    box: z.enum(Object.values(Box) as [Box, ...Box[]]).optional(),
    code: DossierRef.optional(),
    applicantPersonalId: z.string().regex(/^\d{12}$/, 'must be 12 digits').optional(),
    procedure: z.string().regex(/^[1-9]\.\d{6}$/).optional(),
    from: z.iso.date().optional(),
    to: z.iso.date().optional(),
    limit: z.coerce.number().int().min(1).max(200).default(50),
    cursor: z.string().max(500).optional(),
  })
  .strict();

export const PublicLookup = z
  .object({
    code: z.string(),
    procedure: z.object({ code: z.string(), name: z.string() }),
    status: z.enum(STATUSES),
    statusLabel: Localized,
    nationalStatus: z.number().nullable(),
    receivedAt: Instant,
    dueAt: Instant,
  })
  .meta({ id: 'DossierPublicLookup' });
