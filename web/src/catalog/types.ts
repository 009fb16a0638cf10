/**
 * The procedure catalog as the API sends it (see the catalog schemas of the server, `ProcedureData`).
 * Only what the web app reads; the server is the authority on the shape.
 */

export const LEVELS = ['central', 'province', 'commune'] as const;
export const APPLICANT_TYPES = ['citizen', 'business', 'organisation'] as const;
export const CHANNELS = ['in_person', 'online', 'postal'] as const;
export const ONLINE_LEVELS = ['full', 'partial', 'none'] as const;
export const TIME_UNITS = ['working_days', 'working_hours', 'calendar_days', 'same_day', 'months'] as const;
export const PROCEDURE_STATUSES = ['draft', 'published', 'abolished'] as const;
export const VERSION_STATUSES = ['draft', 'published', 'superseded', 'abolished'] as const;
export const AGENCY_ROLES = ['receiving', 'competent', 'implementing', 'authorised', 'coordinating'] as const;

export type Level = (typeof LEVELS)[number];
export type ApplicantType = (typeof APPLICANT_TYPES)[number];
export type Channel = (typeof CHANNELS)[number];
export type OnlineLevel = (typeof ONLINE_LEVELS)[number];
export type TimeUnit = (typeof TIME_UNITS)[number];
export type ProcedureStatus = (typeof PROCEDURE_STATUSES)[number];
export type VersionStatus = (typeof VERSION_STATUSES)[number];
export type AgencyRole = (typeof AGENCY_ROLES)[number];

export type Duration = {
  unit: TimeUnit;
  value?: number;
  /** "15:00": dossiers received after it are returned on the next working day. */
  cutoff?: string;
  afterCutoff?: 'next_working_day';
  countFrom?: 'receipt' | 'next_working_day';
  /** The published text had no unit; working days were assumed. */
  unitAssumed?: boolean;
};

export type ProcessingTime = Duration & { alternatives?: Duration[] };

export type Fee =
  | { kind: 'free'; text?: string }
  | { kind: 'amount'; amountVnd: number; label: string; per?: string }
  | { kind: 'rule'; text: string; currency?: string; amount?: number; per?: string };

export type ChannelRow = {
  channel: Channel;
  processingTime: ProcessingTime | null;
  processingTimeText: string | null;
  fees: Fee[];
  feeNote: string | null;
  description: string | null;
  text: string | null;
};

export type FormTemplate = { name: string; url: string | null };

export type DossierComponent = {
  name: string;
  originals: number | null;
  copies: number | null;
  required: boolean | null;
  templates: FormTemplate[];
  replaceableByData: boolean;
  dataSource: string | null;
  caseName: string | null;
  text: string | null;
};

export type AgencyRef = { text: string | null; codes: string[] };

export type ProcedureData = {
  code: string;
  name: string;
  field: string | null;
  type: string | null;
  levels: Level[];
  levelsText: string | null;
  applicantTypes: ApplicantType[];
  applicantsText: string | null;
  agencies: Record<AgencyRole, AgencyRef>;
  steps: string | null;
  requirements: string | null;
  legalBases: { title: string; code: string | null }[];
  legalBasesText: string | null;
  results: { name: string; code: string | null }[];
  resultText: string | null;
  relatedText: string | null;
  decisionNumber: string | null;
  channels: ChannelRow[];
  channelsText: string | null;
  components: DossierComponent[];
  componentsText: string | null;
  onlineLevel: OnlineLevel;
  formSchema: Record<string, unknown> | null;
  workflow: unknown[];
  source: { format: string; url: string | null };
  problems: { field: string; reason: string }[];
};

/** GET /procedures/{code}: the version citizens see. */
export type ProcedureDetail = ProcedureData & {
  status: ProcedureStatus;
  version: number;
  versionNumber: number;
  versionStatus: VersionStatus;
  effectiveFrom: string | null;
  effectiveTo: string | null;
  publishedAt: string | null;
};

/** One row of a search result. `processingTime` and `fee` are Vietnamese texts made by the server. */
export type ProcedureSummary = {
  code: string;
  name: string;
  field: string | null;
  levels: string[];
  applicantTypes: string[];
  onlineLevel: string;
  agency: string | null;
  agencyCodes: string[];
  decisionNumber: string | null;
  effectiveFrom: string | null;
  status: ProcedureStatus;
  versionNumber: number | null;
  channels: { channel: Channel; processingTime: string | null; fee: string | null }[];
};

export type ProcedureVersion = {
  number: number;
  status: VersionStatus;
  effectiveFrom: string | null;
  effectiveTo: string | null;
  decisionNumber: string | null;
  contentHash: string;
  createdBy: string | null;
  createdAt: string;
  updatedAt: string;
  publishedAt: string | null;
  changedFields: string[];
  data: ProcedureData;
};

export type ProcedureVersions = { code: string; status: ProcedureStatus; versions: ProcedureVersion[] };

export type ProcedureAction = 'edit' | 'publish' | 'amend' | 'abolish';

/** GET /catalog/procedures/{code} and the answer of every change: the officers' view. */
export type CatalogProcedure = {
  code: string;
  status: ProcedureStatus;
  /** Concurrency version, sent back as If-Match. */
  version: number;
  currentVersion: number | null;
  latestVersion: number;
  abolishedOn: string | null;
  availableActions: ProcedureAction[];
  publishIssues: { field: string; message: string }[];
  latest: ProcedureVersion;
};

export const isOneOf = <T extends string>(list: readonly T[], v: unknown): v is T => typeof v === 'string' && (list as readonly string[]).includes(v);
