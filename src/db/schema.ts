import type { ColumnType, Generated } from 'kysely';

/** Row types of the tables, one interface per table. Timestamps are read as Date. */
type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type Json<T = unknown> = ColumnType<T, string | T, string | T>;

export interface AdminUnitsTable {
  structure: '2025' | 'pre2025';
  code: string;
  level: 'province' | 'district' | 'commune';
  name: string;
  unit_type: string;
  parent_code: string | null;
  valid_from: string;
  valid_to: string | null;
}

export interface AdminUnitSuccessionsTable {
  old_structure: string;
  old_code: string;
  new_structure: string;
  new_code: string;
  merge_type: 'full' | 'partial';
  effective_on: string;
}

export interface AgenciesTable {
  code: string;
  name: string;
  kind: string;
  parent_code: string | null;
  unit_structure: string | null;
  unit_code: string | null;
  address: string | null;
  phone: string | null;
  email: string | null;
  working_hours: Json | null;
  active: Generated<boolean>;
  version: Generated<number>;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface PeopleTable {
  id: string;
  kind: 'citizen' | 'business' | 'officer' | 'service';
  username: string;
  full_name: string;
  personal_id: string | null;
  tax_code: string | null;
  email: string | null;
  phone: string | null;
  date_of_birth: string | null;
  address: string | null;
  active: Generated<boolean>;
  version: Generated<number>;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface OfficerRolesTable {
  person_id: string;
  agency_code: string;
  role: string;
  granted_at: Timestamp;
}

export interface AuditLogTable {
  seq: number;
  at: Timestamp;
  actor_id: string | null;
  actor_name: string | null;
  agency_code: string | null;
  action: string;
  entity_type: string;
  entity_id: string | null;
  request_id: string | null;
  client_ip: string | null;
  data: Json<Record<string, unknown>>;
  prev_hash: string;
  hash: string;
}

/** Entries appended by a transaction not yet committed; linked into `audit_log` at its commit (0011). */
export interface AuditPendingTable {
  id: Generated<string>;
  lock_key: string;
  entries: Json<unknown[]>;
}

export interface IdempotencyKeysTable {
  actor_id: string;
  key: string;
  route: string;
  request_hash: string;
  status_code: number | null;
  response: Json | null;
  created_at: Timestamp;
}

export interface SessionsTable {
  id_hash: string;
  person_id: string;
  csrf_token: string;
  created_at: Timestamp;
  expires_at: Timestamp;
  id_token: string | null;
}

export interface OidcStoreTable {
  model: string;
  id: string;
  payload: Json<Record<string, unknown>>;
  grant_id: string | null;
  user_code: string | null;
  uid: string | null;
  expires_at: Timestamp | null;
  consumed_at: Timestamp | null;
}

export interface AppSettingsTable {
  name: string;
  value: Json;
  updated_at: Timestamp;
}

export interface ProceduresTable {
  code: string;
  status: 'draft' | 'published' | 'abolished';
  current_version: number | null;
  latest_version: number;
  name: string;
  name_key: string;
  field: string | null;
  field_key: string | null;
  levels: string[];
  applicant_types: string[];
  online_level: string;
  agency_codes: string[];
  agency_text: string | null;
  decision_number: string | null;
  effective_from: string | null;
  abolished_on: string | null;
  summary: Json;
  version: Generated<number>;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface ProcedureVersionsTable {
  code: string;
  version: number;
  status: 'draft' | 'published' | 'superseded' | 'abolished';
  effective_from: string | null;
  effective_to: string | null;
  decision_number: string | null;
  data: Json;
  content_hash: string;
  created_by: string | null;
  published_by: ColumnType<string | null, string | null | undefined, string | null>;
  published_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface CalendarOverridesTable {
  id: string;
  date: string;
  kind: 'day_off' | 'working_day';
  reason_vi: string;
  reason_en: string;
  source: string;
  created_by: string | null;
  created_at: Timestamp;
  revoked_at: Timestamp | null;
  revoked_by: string | null;
  revoke_reason: string | null;
}

export interface DossiersTable {
  agency_code: string;
  id: string;
  code: string | null;
  procedure_code: string;
  procedure_version: number;
  applicant_id: string;
  filer_id: string;
  representative_name: string | null;
  representative_mandate: string | null;
  channel: 'online' | 'in_person' | 'postal';
  form_data: Json<Record<string, unknown>>;
  status: string;
  national_status: number | null;
  holder_agency_code: string;
  competent_agency_code: string;
  assignee_id: string | null;
  due_at: Date | null;
  step_due_at: Date | null;
  paused_since: Date | null;
  submitted_at: Date | null;
  received_at: Date | null;
  state: Json<Record<string, unknown>>;
  version: Generated<number>;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface DossierEventsTable {
  agency_code: string;
  dossier_id: string;
  seq: number;
  action: string;
  at: Date;
  actor_id: string;
  actor_kind: 'officer' | 'applicant';
  actor_agency_code: string | null;
  status_from: string | null;
  status_to: string;
  event: Json<Record<string, unknown>>;
  recorded_at: Timestamp;
}

export interface DossierSequencesTable {
  agency_code: string;
  day: string;
  last_value: number;
}

export interface DossierCodesTable {
  code: string;
  agency_code: string;
  dossier_id: string;
  created_at: Timestamp;
}

export interface ProcedureWordsTable {
  word: string;
  uses: number;
}

export interface JobsTable {
  agency_code: string;
  id: string;
  kind: string;
  payload: Json<Record<string, unknown>>;
  dedupe_key: string | null;
  run_at: Generated<Date>;
  attempts: Generated<number>;
  max_attempts: Generated<number>;
  last_error: string | null;
  locked_by: string | null;
  locked_until: Date | null;
  done_at: Date | null;
  dead_at: Date | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface NotificationOutboxTable {
  agency_code: string;
  id: string;
  job_id: string | null;
  channel: 'email' | 'sms';
  transport: 'smtp' | 'log' | 'sms-gateway' | 'sms-dev-outbox';
  recipient: string;
  recipient_person_id: string | null;
  template: string;
  subject: string | null;
  body: string;
  dossier_id: string | null;
  provider_id: string | null;
  created_at: Timestamp;
}

export interface DossierAttachmentsTable {
  agency_code: string;
  id: string;
  dossier_id: string;
  /** `TP01`, `TP02`… (the procedure version's dossier components, in order) or `result`. */
  component: string;
  digitised: boolean;
  file_name: string | null;
  media_type: string | null;
  size: number | null;
  sha256: string | null;
  note: string | null;
  uploaded_by: string;
  created_at: Timestamp;
  superseded_by: string | null;
  superseded_at: Date | null;
}

export type PaymentStatus = 'pending' | 'paid' | 'failed' | 'expired' | 'cancelled';
export type PaymentPurpose = 'procedure_fee' | 'financial_obligation';

/** A payment of a dossier's fee or financial obligation through an online gateway. */
export interface DossierPaymentsTable {
  agency_code: string;
  id: string;
  dossier_id: string;
  purpose: PaymentPurpose;
  description: string;
  amount_vnd: number;
  gateway: string;
  txn_ref: string;
  status: Generated<PaymentStatus>;
  payer_id: string;
  redirect_url: string;
  expires_at: Timestamp;
  created_at: Generated<Date>;
  paid_at: Date | null;
  closed_at: Date | null;
  gateway_transaction_no: string | null;
  bank_code: string | null;
  response_code: string | null;
  /** The dossier history event (RECORD_PAYMENT) that recorded this payment, if any. */
  dossier_event_seq: number | null;
  settlement_note: string | null;
  version: Generated<number>;
  updated_at: Generated<Date>;
}

/** Gateway transaction reference → where its payment lives. */
export interface PaymentRefsTable {
  txn_ref: string;
  agency_code: string;
  payment_id: string;
  created_at: Generated<Date>;
}

/** Every message received from a gateway, as received (append-only). */
export interface PaymentNotificationsTable {
  txn_ref: string;
  id: string;
  received_at: Generated<Date>;
  source: 'ipn' | 'return' | 'query';
  gateway: string;
  params: Json;
  signature_valid: boolean;
  outcome: string;
  agency_code: string | null;
  payment_id: string | null;
  client_ip: string | null;
}

export interface RatingCriteriaTable {
  code: string;
  label_vi: string;
  label_en: string;
  position: number;
  active: Generated<boolean>;
}

export interface DossierRatingsTable {
  agency_code: string;
  dossier_id: string;
  applicant_id: string;
  satisfied: boolean;
  /** Criterion code → score 1..5. */
  scores: Json<Record<string, number>>;
  comment: string | null;
  returned_at: Date;
  version: Generated<number>;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface DB {
  admin_units: AdminUnitsTable;
  admin_unit_successions: AdminUnitSuccessionsTable;
  agencies: AgenciesTable;
  people: PeopleTable;
  officer_roles: OfficerRolesTable;
  audit_log: AuditLogTable;
  audit_pending: AuditPendingTable;
  idempotency_keys: IdempotencyKeysTable;
  sessions: SessionsTable;
  oidc_store: OidcStoreTable;
  app_settings: AppSettingsTable;
  calendar_overrides: CalendarOverridesTable;
  procedures: ProceduresTable;
  procedure_versions: ProcedureVersionsTable;
  procedure_words: ProcedureWordsTable;
  dossiers: DossiersTable;
  dossier_events: DossierEventsTable;
  dossier_sequences: DossierSequencesTable;
  dossier_codes: DossierCodesTable;
  dossier_attachments: DossierAttachmentsTable;
  jobs: JobsTable;
  notification_outbox: NotificationOutboxTable;
  dossier_payments: DossierPaymentsTable;
  payment_refs: PaymentRefsTable;
  payment_notifications: PaymentNotificationsTable;
  rating_criteria: RatingCriteriaTable;
  dossier_ratings: DossierRatingsTable;
}
