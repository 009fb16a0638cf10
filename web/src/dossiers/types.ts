/**
 * The dossier API as the web app reads it (server: src/modules/dossiers/dossiers.schemas.ts). Only
 * what the pages use; the server is the authority on the shape.
 */
import type { Localized } from '../api.js';

export const BOXES = ['to_receive', 'to_process', 'to_approve', 'awaiting_supplement', 'due_soon', 'overdue'] as const;
export type Box = (typeof BOXES)[number];

export type ProcedureRef = { code: string; version: number; name: string };

export type SupplementRequest = { round: number; requestedAt: string; items: { componentCode: string; reason: string }[] };

export type Dossier = {
  id: string;
  code: string | null;
  procedure: ProcedureRef;
  applicantId: string;
  filerId: string;
  representative: { name: string; mandate: string } | null;
  channel: 'online' | 'in_person' | 'postal';
  formData: Record<string, unknown>;
  status: string;
  statusLabel: Localized;
  nationalStatus: number | null;
  receivingAgencyCode: string;
  competentAgencyCode: string;
  holderAgencyCode: string;
  assigneeId: string | null;
  dueAt: string | null;
  legalDueAt: string | null;
  stepDueAt: string | null;
  pausedSince: string | null;
  submittedAt: string | null;
  receivedAt: string | null;
  openSupplement: SupplementRequest | null;
  supplementRounds: number;
  availableActions: string[];
  version: number;
  createdAt: string;
  updatedAt: string;
  /** When the caller may transfer: the agencies the procedure names (null: any agency). */
  transferTargets?: { code: string; name: string }[] | null;
};

export type DossierListItem = {
  id: string;
  code: string | null;
  procedure: ProcedureRef;
  applicantId: string;
  channel: string;
  status: string;
  statusLabel: Localized;
  nationalStatus: number | null;
  receivingAgencyCode: string;
  holderAgencyCode: string;
  assigneeId: string | null;
  dueAt: string | null;
  createdAt: string;
  updatedAt?: string;
  version: number;
};

export type HistoryEntry = {
  seq: number;
  at: string;
  action: string;
  label: Localized;
  text: Localized;
  actor: { kind: 'officer' | 'applicant'; name: string | null; agencyCode: string | null };
  statusFrom: string | null;
  statusTo: string;
  dueBefore: string | null;
  dueAfter: string | null;
  pausedMinutes: number;
  form: { type: string; number: string | null } | null;
};

export type History = { id: string; code: string | null; version: number; items: HistoryEntry[] };

export type PublicLookup = {
  code: string;
  procedure: { code: string; name: string };
  status: string;
  statusLabel: Localized;
  nationalStatus: number | null;
  receivedAt: string | null;
  dueAt: string | null;
};

/** Statuses in which the applicant has nothing left to do and nothing more will happen. */
export const FINAL_STATUSES = ['RETURNED', 'WITHDRAWN', 'STOPPED', 'REFUSED_TO_SETTLE', 'REFUSED_AT_RECEPTION'] as const;

/**
 * The code of one paper of the procedure, as the attachments API and supplement requests name it:
 * `TP01`, `TP02`… in the order the procedure version lists its papers.
 */
export const componentCodeOf = (index: number): string => `TP${String(index + 1).padStart(2, '0')}`;

/** A paper's name as people read it, with its case when the procedure distinguishes cases. */
export const paperName = (c: { name: string; caseName: string | null }): string => (c.caseName ? `${c.caseName.trim()} — ${c.name.trim()}` : c.name.trim());

export type Attachment = {
  id: string;
  component: string;
  digitised: boolean;
  fileName: string | null;
  size: number | null;
  note: string | null;
  uploadedBy: { id: string; name: string };
  createdAt: string;
  supersededBy: string | null;
  contentUrl: string | null;
};

export type AttachmentList = {
  dossierId: string;
  code: string | null;
  components: { component: string; name: string; required: boolean | null; received: boolean; digitised: boolean; current: number }[];
  items: Attachment[];
};

export type DueFee = { purpose: 'procedure_fee' | 'financial_obligation'; amountVnd: number; description: string };
export type PaymentList = { dossierId: string; code: string | null; due: DueFee | null; items: { id: string; status: string; amountVnd: number; description: string; createdAt?: string }[] };

export type RatingView = {
  dossierId: string;
  code: string | null;
  window: 'not_open' | 'open' | 'locked';
  editableUntil: string | null;
  criteria: { code: string; label: Localized }[];
  rating: { satisfied: boolean; scores: Record<string, number>; comment: string | null; createdAt: string; updatedAt: string } | null;
  canRate: boolean;
};
