/**
 * Dossier domain core: statuses, actions and the workflow table, decisions, the event history and its
 * replay, versioned deadline rules, and dossier codes. Pure: no HTTP, no SQL, no clock. See README.md.
 */
export { assertNever } from './assert-never.js';
export {
  clockRuns,
  isTerminal,
  NATIONAL_STATUS_LABELS,
  NationalStatus,
  nationalStatusCode,
  Status,
  STATUS_INFO,
  statusInfo,
  statusKind,
  statusLabel,
  STATUSES,
  type NationalStatusCode,
  type StatusInfo,
  type StatusKind,
} from './status.js';
export {
  Action,
  ACTION_LABELS,
  ACTIONS,
  actionsOfStatus,
  APPLICANT,
  Channel,
  ClockEffect,
  PAUSE_REASON_LABELS,
  PauseReason,
  performersOf,
  ReturnMethod,
  STOP_REASON_LABELS,
  StopReason,
  TRANSITION_ACTIONS,
  transitionOf,
  TRANSITIONS,
  type AgencyScope,
  type Allow,
  type Performer,
  type StatusTransitions,
  type SystemAction,
  type TransitionAction,
  type TransitionSpec,
} from './actions.js';
export {
  CIRCULAR_01_2018,
  CIRCULAR_03_2025,
  FORM_SET_BY_ID,
  FORM_SETS,
  FORM_TYPES,
  formRef,
  formSetInForceAt,
  FormType,
  type FormDefinition,
  type FormRef,
  type FormSet,
  type FormSetId,
} from './forms.js';
export { DossierError, dossierError, DossierErrorCode } from './errors.js';
export {
  parsePayload,
  type ActionPayloads,
  type Command,
  type PayloadOf,
  type StepInput,
  type SuppliedItem,
  type SupplementItem,
} from './payloads.js';
export {
  applyEvent,
  controlSlipRows,
  holderAfter,
  replay,
  stepEffect,
  type Change,
  type ControlSlipRow,
  type DossierEvent,
  type DossierState,
  type OpenSupplement,
  type StepState,
} from './history.js';
export {
  availableActions,
  createDossier,
  decide,
  mayPerform,
  type ActorRef,
  type Decision,
  type DecisionContext,
  type DossierActor,
} from './available-actions.js';
export {
  apologyDeadline,
  apologyInTime,
  classifyAgainstDue,
  classifyCompletion,
  classifyStep,
  classifyStepBudget,
  DECREE_118_2025,
  DECREE_61_2018,
  RULE_SET_BY_ID,
  RULE_SETS,
  rulesInForceAt,
  TIMELINESS_LABELS,
  type RuleSet,
  type RuleSetId,
  type Timeliness,
} from './deadline-rules.js';
export {
  formatDossierCode,
  isAgencyCode,
  isDossierCode,
  parseDossierCode,
  vnDateOf,
  type DossierCodeParts,
} from './dossier-code.js';
export { recomputeDeadlines, redate, type DeadlineDates } from './redate.js';
