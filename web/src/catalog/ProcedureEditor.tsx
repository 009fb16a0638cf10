import { useRef, useState, type FormEvent, type ReactNode } from 'react';
import { api, type Agency } from '../api.js';
import { Field, useIssueText, useSubmission, type Submission } from '../admin/forms.js';
import type { FieldIssue } from '../api.js';
import { useLocalized } from '../i18n.js';
import { useCatalogT, type CatalogT } from './i18n.js';
import {
  APPLICANT_TYPES,
  CHANNELS,
  LEVELS,
  ONLINE_LEVELS,
  TIME_UNITS,
  type AgencyRef,
  type ApplicantType,
  type CatalogProcedure,
  type Channel,
  type ChannelRow,
  type DossierComponent,
  type Fee,
  type Level,
  type OnlineLevel,
  type ProcedureData,
  type ProcessingTime,
  type TimeUnit,
} from './types.js';

type FeeChoice = 'free' | 'amount' | 'keep' | 'none';

type ChannelDraft = {
  key: number;
  /** The stored row it was read from: what the compact editor does not show is kept. */
  base: ChannelRow | null;
  channel: Channel;
  unit: TimeUnit | '';
  value: string;
  cutoff: string;
  fee: FeeChoice;
  amount: string;
  feeLabel: string;
  description: string;
};

type ComponentDraft = {
  key: number;
  base: DossierComponent | null;
  name: string;
  originals: string;
  copies: string;
  required: boolean;
  templateName: string;
  templateUrl: string;
};

type Draft = {
  code: string;
  name: string;
  field: string;
  levels: Level[];
  applicantTypes: ApplicantType[];
  onlineLevel: OnlineLevel;
  competentCode: string;
  competentText: string;
  receivingCode: string;
  receivingText: string;
  channels: ChannelDraft[];
  components: ComponentDraft[];
  steps: string;
  requirements: string;
  legalBases: string;
  results: string;
  decisionNumber: string;
  formSchema: string;
};

/** The top-level fields of the API the editor writes; an edit sends only those the officer touched. */
const API_FIELDS = [
  'name',
  'field',
  'levels',
  'applicantTypes',
  'onlineLevel',
  'agencies',
  'channels',
  'components',
  'steps',
  'requirements',
  'legalBases',
  'results',
  'decisionNumber',
  'formSchema',
] as const;
type ApiField = (typeof API_FIELDS)[number];

let nextKey = 1;

function channelDraft(row: ChannelRow | null): ChannelDraft {
  const key = nextKey++;
  if (!row) return { key, base: null, channel: 'in_person', unit: 'working_days', value: '', cutoff: '', fee: 'free', amount: '', feeLabel: '', description: '' };
  const pt = row.processingTime;
  const [first] = row.fees;
  let fee: FeeChoice = 'keep';
  let amount = '';
  let feeLabel = '';
  if (row.fees.length === 0) fee = 'none';
  else if (row.fees.length === 1 && first?.kind === 'free' && !first.text) fee = 'free';
  else if (row.fees.length === 1 && first?.kind === 'amount' && !first.per) {
    fee = 'amount';
    amount = String(first.amountVnd);
    feeLabel = first.label;
  }
  return {
    key,
    base: row,
    channel: row.channel,
    unit: pt?.unit ?? '',
    value: pt?.value !== undefined ? String(pt.value) : '',
    cutoff: pt?.cutoff ?? '',
    fee,
    amount,
    feeLabel,
    description: row.description ?? '',
  };
}

function componentDraft(c: DossierComponent | null): ComponentDraft {
  const t = c?.templates[0];
  return {
    key: nextKey++,
    base: c,
    name: c?.name ?? '',
    originals: c?.originals !== null && c?.originals !== undefined ? String(c.originals) : '',
    copies: c?.copies !== null && c?.copies !== undefined ? String(c.copies) : '',
    required: c?.required ?? true,
    templateName: t?.name ?? '',
    templateUrl: t?.url ?? '',
  };
}

function draftOf(base: ProcedureData | null): Draft {
  return {
    code: base?.code ?? '',
    name: base?.name ?? '',
    field: base?.field ?? '',
    levels: base?.levels ?? [],
    applicantTypes: base?.applicantTypes ?? [],
    onlineLevel: base?.onlineLevel ?? 'none',
    competentCode: base?.agencies.competent.codes[0] ?? '',
    competentText: base?.agencies.competent.text ?? '',
    receivingCode: base?.agencies.receiving.codes[0] ?? '',
    receivingText: base?.agencies.receiving.text ?? '',
    channels: base ? base.channels.map(channelDraft) : [channelDraft(null)],
    components: (base?.components ?? []).map(componentDraft),
    steps: base?.steps ?? '',
    requirements: base?.requirements ?? '',
    legalBases: (base?.legalBases ?? []).map((b) => b.title).join('\n'),
    results: (base?.results ?? []).map((r) => r.name).join('\n'),
    decisionNumber: base?.decisionNumber ?? '',
    formSchema: base?.formSchema ? JSON.stringify(base.formSchema, null, 2) : '',
  };
}

const text = (s: string) => s.trim() || null;
const lines = (s: string) =>
  s
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean);
/** '' → undefined (the server then names the missing value); anything else as a number (NaN is sent as null and refused). */
const decimal = (s: string) => (s.trim() === '' ? undefined : Number(s.trim().replace(',', '.')));
const count = (s: string) => (s.trim() === '' ? null : Number(s.trim()));

function channelRow(d: ChannelDraft): ChannelRow {
  const base = d.base;
  const old = base?.processingTime ?? null;
  let processingTime: ProcessingTime | null = null;
  if (d.unit) {
    const kept = old ? { countFrom: old.countFrom, alternatives: old.alternatives } : {};
    processingTime =
      d.unit === 'same_day'
        ? { ...kept, unit: 'same_day', ...(d.cutoff ? { cutoff: d.cutoff, afterCutoff: 'next_working_day' as const } : {}) }
        : { ...kept, unit: d.unit, value: decimal(d.value) };
  }
  // The published wording of the time limit stays only while the limit itself is unchanged.
  const sameTime = old !== null && processingTime !== null && old.unit === processingTime.unit && old.value === processingTime.value && old.cutoff === processingTime.cutoff;
  let fees: Fee[];
  if (d.fee === 'free') fees = [{ kind: 'free' }];
  else if (d.fee === 'amount') fees = [{ kind: 'amount', amountVnd: Number(d.amount.replace(/[.,\s]/g, '') || NaN), label: d.feeLabel.trim() }];
  else if (d.fee === 'keep') fees = base?.fees ?? [];
  else fees = [];
  return {
    channel: d.channel,
    processingTime,
    processingTimeText: sameTime ? (base?.processingTimeText ?? null) : null,
    fees,
    feeNote: base?.feeNote ?? null,
    description: text(d.description),
    text: base?.text ?? null,
  };
}

function componentRow(d: ComponentDraft): DossierComponent {
  const first = d.templateName.trim() ? [{ name: d.templateName.trim(), url: text(d.templateUrl) }] : [];
  return {
    replaceableByData: false,
    dataSource: null,
    caseName: null,
    text: null,
    ...(d.base ?? {}),
    name: d.name.trim(),
    originals: count(d.originals),
    copies: count(d.copies),
    required: d.required,
    templates: [...first, ...(d.base?.templates.slice(1) ?? [])],
  };
}

function agencyRef(code: string, name: string, base: AgencyRef | undefined): AgencyRef {
  return { text: text(name), codes: [...new Set([...(code ? [code] : []), ...(base?.codes.slice(1) ?? [])])] };
}

class JsonError extends Error {}

function apiValue(f: ApiField, d: Draft, base: ProcedureData | null): unknown {
  switch (f) {
    case 'name':
      return d.name.trim();
    case 'field':
      return text(d.field);
    case 'levels':
      return d.levels;
    case 'applicantTypes':
      return d.applicantTypes;
    case 'onlineLevel':
      return d.onlineLevel;
    case 'agencies':
      return {
        ...(base?.agencies ?? {}),
        competent: agencyRef(d.competentCode, d.competentText, base?.agencies.competent),
        receiving: agencyRef(d.receivingCode, d.receivingText, base?.agencies.receiving),
      };
    case 'channels':
      return d.channels.map(channelRow);
    case 'components':
      return d.components.map(componentRow);
    case 'steps':
      return text(d.steps);
    case 'requirements':
      return text(d.requirements);
    case 'legalBases':
      return lines(d.legalBases).map((title) => ({ title, code: base?.legalBases.find((b) => b.title === title)?.code ?? null }));
    case 'results':
      return lines(d.results).map((name) => ({ name, code: base?.results.find((r) => r.name === name)?.code ?? null }));
    case 'decisionNumber':
      return text(d.decisionNumber);
    case 'formSchema': {
      if (!d.formSchema.trim()) return null;
      try {
        return JSON.parse(d.formSchema) as unknown;
      } catch (err) {
        throw new JsonError(err instanceof Error ? err.message : String(err));
      }
    }
  }
}

export type EditorProps = {
  /** The stored draft to edit, or null to create a procedure. */
  base: ProcedureData | null;
  /** Concurrency version of the procedure (If-Match), when editing. */
  version?: number;
  /** Agencies the officer may link the procedure to. */
  agencies: Agency[];
  onDone(result: CatalogProcedure): void;
  onCancel?(): void;
  /** Loads the latest version after a conflict. */
  onReload?(): void;
  /** The status line of the page, for "nothing to save". */
  onInfo(message: string): void;
};

/**
 * The compact structured editor of a draft: the fields citizens read first, one row per channel,
 * the dossier components, and the online form's JSON Schema for advanced users. An edit sends the
 * fields that were touched, with If-Match; a creation sends everything with an Idempotency-Key.
 */
export function ProcedureEditor({ base, version, agencies, onDone, onCancel, onReload, onInfo }: EditorProps) {
  const { t } = useCatalogT();
  const submission = useSubmission();
  const issueText = useIssueText();
  const [d, setD] = useState<Draft>(() => draftOf(base));
  const [touched, setTouched] = useState<Set<ApiField>>(() => new Set());
  const [jsonError, setJsonError] = useState<string | null>(null);
  const [advancedOpen, setAdvancedOpen] = useState(!!base?.formSchema);
  const addChannelButton = useRef<HTMLButtonElement>(null);
  const addComponentButton = useRef<HTMLButtonElement>(null);
  const creating = base === null;

  const set = <K extends keyof Draft>(k: K, v: Draft[K], f: ApiField) => {
    setD((prev) => ({ ...prev, [k]: v }));
    setTouched((prev) => (prev.has(f) ? prev : new Set(prev).add(f)));
  };
  const setChannel = (i: number, patch: Partial<ChannelDraft>) =>
    set(
      'channels',
      d.channels.map((c, n) => (n === i ? { ...c, ...patch } : c)),
      'channels',
    );
  const setComponent = (i: number, patch: Partial<ComponentDraft>) =>
    set(
      'components',
      d.components.map((c, n) => (n === i ? { ...c, ...patch } : c)),
      'components',
    );
  const focusLater = (id: string) => setTimeout(() => document.getElementById(id)?.focus(), 0);

  /** The message of a field's problems (several for a schema): in plain words where the generic text says too little. */
  const errorAt = (path: string): string | undefined => {
    const error = submission.error;
    const found = error?.issues.filter((i) => i.field === path) ?? [];
    if (!error || found.length === 0) return undefined;
    // The schema validator's messages (English, technical) are listed once, after one plain sentence.
    if (path === 'body.formSchema' && found.every((i) => i.problem !== 'business')) {
      return t('editor.schemaProblem', { message: [...new Set(found.map((i) => i.message))].join('; ') });
    }
    const one = (i: FieldIssue) => (path.endsWith('.processingTime.value') && /needs a value/.test(i.message) ? t('editor.needValue') : issueText(i, error));
    return [...new Set(found.map(one))].join(' ');
  };

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    onInfo('');
    setJsonError(null);
    const fields = creating ? API_FIELDS : API_FIELDS.filter((f) => touched.has(f));
    const body: Record<string, unknown> = creating ? { code: d.code.trim() } : {};
    try {
      for (const f of fields) body[f] = apiValue(f, d, base);
    } catch (err) {
      if (!(err instanceof JsonError)) throw err;
      setAdvancedOpen(true);
      setJsonError(t('editor.jsonInvalid', { message: err.message }));
      focusLater('ed-formSchema');
      return;
    }
    if (creating && body.formSchema === null) delete body.formSchema;
    if (!creating && fields.length === 0) {
      submission.clear();
      onInfo(t('control.noChanges'));
      return;
    }
    const result = await submission.run(body, (idempotencyKey) =>
      creating
        ? api.post<CatalogProcedure>('/api/v1/procedures', body, { idempotencyKey })
        : api.patch<CatalogProcedure>(`/api/v1/procedures/${encodeURIComponent(base.code)}`, body, { ifMatch: version }),
    );
    if (result) onDone(result);
  };

  // Error summary: each field problem links to its control.
  const fields: Record<string, [string, string]> = {
    'body.code': ['ed-code', t('editor.code')],
    'body.name': ['ed-name', t('editor.name')],
    'body.field': ['ed-field', t('editor.field')],
    'body.levels': ['ed-level-0', t('editor.levels')],
    'body.applicantTypes': ['ed-applicant-0', t('editor.applicantTypes')],
    'body.onlineLevel': ['ed-online', t('editor.onlineLevel')],
    'body.agencies': ['ed-competent', t('editor.competent')],
    'body.agencies.competent.codes.0': ['ed-competent', t('editor.competent')],
    'body.agencies.competent.text': ['ed-competent-text', t('editor.competent')],
    'body.agencies.receiving.codes.0': ['ed-receiving', t('editor.receiving')],
    'body.agencies.receiving.text': ['ed-receiving-text', t('editor.receiving')],
    'body.channels': ['ed-add-channel', t('editor.channelsLegend')],
    'body.components': ['ed-add-component', t('editor.componentsLegend')],
    'body.steps': ['ed-steps', t('editor.steps')],
    'body.requirements': ['ed-requirements', t('editor.requirements')],
    'body.legalBases': ['ed-legal', t('editor.legalBases')],
    'body.results': ['ed-results', t('editor.results')],
    'body.decisionNumber': ['ed-decision', t('editor.decisionNumber')],
    'body.formSchema': ['ed-formSchema', t('editor.formSchema')],
  };
  d.channels.forEach((_, i) => {
    const row = (s: string) => `${t('editor.channelN', { n: i + 1 })} — ${s}`;
    const p = `body.channels.${i}`;
    fields[`${p}.channel`] = [`ch-${i}-channel`, row(t('editor.channel'))];
    fields[`${p}.processingTime`] = [`ch-${i}-unit`, row(t('editor.unit'))];
    fields[`${p}.processingTime.unit`] = [`ch-${i}-unit`, row(t('editor.unit'))];
    fields[`${p}.processingTime.value`] = [`ch-${i}-value`, row(t('editor.value'))];
    fields[`${p}.processingTime.cutoff`] = [`ch-${i}-cutoff`, row(t('editor.cutoff'))];
    fields[`${p}.fees`] = [`ch-${i}-fee`, row(t('editor.fee'))];
    fields[`${p}.fees.0.amountVnd`] = [`ch-${i}-amount`, row(t('editor.amount'))];
    fields[`${p}.fees.0.label`] = [`ch-${i}-label`, row(t('editor.feeLabel'))];
    fields[`${p}.description`] = [`ch-${i}-desc`, row(t('editor.description'))];
  });
  d.components.forEach((_, i) => {
    const row = (s: string) => `${t('editor.componentN', { n: i + 1 })} — ${s}`;
    const p = `body.components.${i}`;
    fields[`${p}.name`] = [`cp-${i}-name`, row(t('editor.componentName'))];
    fields[`${p}.originals`] = [`cp-${i}-originals`, row(t('editor.originals'))];
    fields[`${p}.copies`] = [`cp-${i}-copies`, row(t('editor.copies'))];
    fields[`${p}.required`] = [`cp-${i}-required`, row(t('editor.required'))];
    fields[`${p}.templates.0.name`] = [`cp-${i}-tname`, row(t('editor.templateName'))];
    fields[`${p}.templates.0.url`] = [`cp-${i}-turl`, row(t('editor.templateUrl'))];
  });

  const agencyOptions = (selected: string) => (
    <>
      <option value="">{t('editor.agencyNone')}</option>
      {selected && !agencies.some((a) => a.code === selected) && <option value={selected}>{selected}</option>}
      {agencies.map((a) => (
        <option key={a.code} value={a.code}>
          {a.code} — {a.name}
        </option>
      ))}
    </>
  );

  return (
    <form noValidate onSubmit={submit} aria-busy={submission.pending} className="form cat-form">
      <ErrorSummary submission={submission} fields={fields} errorAt={errorAt}>
        {submission.error?.code === 'NETWORK_ERROR' && <p>{t('control.retryNote')}</p>}
        {submission.error?.code === 'VERSION_CONFLICT' && onReload && (
          <button type="button" className="secondary" onClick={onReload}>
            {t('control.reloadLatest')}
          </button>
        )}
      </ErrorSummary>

      {creating && (
        <Field id="ed-code" label={t('editor.code')} hint={t('editor.codeHint')} error={errorAt('body.code')}>
          {(a) => <input {...a} value={d.code} onChange={(e) => setD({ ...d, code: e.target.value.trim() })} required maxLength={8} inputMode="decimal" autoComplete="off" spellCheck={false} />}
        </Field>
      )}
      <Field id="ed-name" label={t('editor.name')} error={errorAt('body.name')}>
        {(a) => <input {...a} value={d.name} onChange={(e) => set('name', e.target.value, 'name')} required maxLength={2000} />}
      </Field>
      <Field id="ed-field" label={t('editor.field')} hint={t('editor.fieldHint')} error={errorAt('body.field')} optional>
        {(a) => <input {...a} value={d.field} onChange={(e) => set('field', e.target.value, 'field')} maxLength={500} />}
      </Field>

      <CheckGroup
        id="ed-level"
        legend={t('editor.levels')}
        error={errorAt('body.levels')}
        options={LEVELS.map((l) => [l, t(`labels.levels.${l}`)])}
        value={d.levels}
        onChange={(v) => set('levels', v, 'levels')}
      />
      <CheckGroup
        id="ed-applicant"
        legend={t('editor.applicantTypes')}
        error={errorAt('body.applicantTypes')}
        options={APPLICANT_TYPES.map((a) => [a, t(`labels.applicants.${a}`)])}
        value={d.applicantTypes}
        onChange={(v) => set('applicantTypes', v, 'applicantTypes')}
      />
      <Field id="ed-online" label={t('editor.onlineLevel')} error={errorAt('body.onlineLevel')}>
        {(a) => (
          <select {...a} value={d.onlineLevel} onChange={(e) => set('onlineLevel', e.target.value as OnlineLevel, 'onlineLevel')}>
            {ONLINE_LEVELS.map((o) => (
              <option key={o} value={o}>
                {t(`labels.online.${o}`)}
              </option>
            ))}
          </select>
        )}
      </Field>

      <fieldset className="cat-fieldset">
        <legend>{t('editor.agenciesLegend')}</legend>
        {(['competent', 'receiving'] as const).map((role) => {
          const codeKey = `${role}Code` as const;
          const textKey = `${role}Text` as const;
          return (
          <div key={role} className="cat-pair">
            <Field id={`ed-${role}`} label={t(`editor.${role}`)} error={errorAt(`body.agencies.${role}.codes.0`) ?? (role === 'competent' ? errorAt('body.agencies') : undefined)} optional>
              {(a) => (
                <select {...a} value={d[codeKey]} onChange={(e) => set(codeKey, e.target.value, 'agencies')}>
                  {agencyOptions(d[codeKey])}
                </select>
              )}
            </Field>
            <Field id={`ed-${role}-text`} label={`${t(`editor.${role}`)}: ${t('editor.agencyText')}`} error={errorAt(`body.agencies.${role}.text`)} optional>
              {(a) => <input {...a} value={d[textKey]} onChange={(e) => set(textKey, e.target.value, 'agencies')} maxLength={4000} />}
            </Field>
          </div>
          );
        })}
      </fieldset>

      <fieldset className="cat-fieldset" id="ed-channels" tabIndex={-1}>
        <legend>{t('editor.channelsLegend')}</legend>
        {d.channels.length === 0 && <p>{t('editor.noChannels')}</p>}
        {d.channels.map((c, i) => (
          <ChannelEditor
            key={c.key}
            i={i}
            c={c}
            t={t}
            errorAt={errorAt}
            onChange={(patch) => setChannel(i, patch)}
            onRemove={() => {
              set(
                'channels',
                d.channels.filter((_, n) => n !== i),
                'channels',
              );
              addChannelButton.current?.focus();
            }}
          />
        ))}
        <button
          ref={addChannelButton}
          id="ed-add-channel"
          type="button"
          className="secondary"
          onClick={() => {
            set('channels', [...d.channels, channelDraft(null)], 'channels');
            focusLater(`ch-${d.channels.length}-channel`);
          }}
        >
          {t('editor.addChannel')}
        </button>
      </fieldset>

      <fieldset className="cat-fieldset" id="ed-components" tabIndex={-1}>
        <legend>{t('editor.componentsLegend')}</legend>
        {d.components.length === 0 && <p>{t('editor.noComponents')}</p>}
        {d.components.map((c, i) => (
          <ComponentEditor
            key={c.key}
            i={i}
            c={c}
            t={t}
            errorAt={errorAt}
            onChange={(patch) => setComponent(i, patch)}
            onRemove={() => {
              set(
                'components',
                d.components.filter((_, n) => n !== i),
                'components',
              );
              addComponentButton.current?.focus();
            }}
          />
        ))}
        <button
          ref={addComponentButton}
          id="ed-add-component"
          type="button"
          className="secondary"
          onClick={() => {
            set('components', [...d.components, componentDraft(null)], 'components');
            focusLater(`cp-${d.components.length}-name`);
          }}
        >
          {t('editor.addComponent')}
        </button>
      </fieldset>

      <TextArea id="ed-steps" label={t('editor.steps')} value={d.steps} error={errorAt('body.steps')} onChange={(v) => set('steps', v, 'steps')} />
      <TextArea id="ed-requirements" label={t('editor.requirements')} value={d.requirements} error={errorAt('body.requirements')} onChange={(v) => set('requirements', v, 'requirements')} />
      <TextArea
        id="ed-legal"
        label={t('editor.legalBases')}
        hint={t('editor.legalBasesHint')}
        value={d.legalBases}
        error={errorAt('body.legalBases')}
        onChange={(v) => set('legalBases', v, 'legalBases')}
      />
      <TextArea id="ed-results" label={t('editor.results')} hint={t('editor.resultsHint')} value={d.results} error={errorAt('body.results')} onChange={(v) => set('results', v, 'results')} />
      <Field id="ed-decision" label={t('editor.decisionNumber')} error={errorAt('body.decisionNumber')} optional>
        {(a) => <input {...a} value={d.decisionNumber} onChange={(e) => set('decisionNumber', e.target.value, 'decisionNumber')} maxLength={200} />}
      </Field>

      <details className="cat-advanced" open={advancedOpen} onToggle={(e) => setAdvancedOpen(e.currentTarget.open)}>
        <summary>{t('editor.advanced')}</summary>
        <TextArea
          id="ed-formSchema"
          label={t('editor.formSchema')}
          hint={t('editor.formSchemaHint')}
          value={d.formSchema}
          error={jsonError ?? errorAt('body.formSchema')}
          code
          onChange={(v) => set('formSchema', v, 'formSchema')}
        />
      </details>

      <div className="form-actions">
        <button type="submit" disabled={submission.pending}>
          {submission.pending ? t('editor.saving') : creating ? t('editor.create') : t('editor.save')}
        </button>
        {onCancel && (
          <button type="button" className="secondary" onClick={onCancel}>
            {t('editor.cancel')}
          </button>
        )}
      </div>
    </form>
  );
}

/**
 * The summary at the top of the form (role="alert", focused when a submission fails): each field's
 * problems once, with the same words as next to the field, linked to it.
 */
function ErrorSummary(props: { submission: Submission; fields: Record<string, [string, string]>; errorAt(path: string): string | undefined; children?: ReactNode }) {
  const { t } = useCatalogT();
  const localized = useLocalized();
  const { error, errorRef } = props.submission;
  const paths = error ? [...new Set(error.issues.map((i) => i.field))] : [];
  return (
    <div ref={errorRef} role="alert" tabIndex={-1} className={error ? 'form-errors' : 'form-errors-empty'}>
      {error && (
        <>
          <p className="form-errors-title">{localized(error.localized)}</p>
          {paths.length > 0 && (
            <>
              <p>{t('editor.problemsIntro')}</p>
              <ul>
                {paths.map((path) => {
                  const known = props.fields[path];
                  const message = props.errorAt(path);
                  return (
                    <li key={path}>
                      {known ? (
                        <a
                          href={`#${known[0]}`}
                          onClick={(e) => {
                            e.preventDefault();
                            document.getElementById(known[0])?.focus();
                          }}
                        >
                          {known[1]}: {message}
                        </a>
                      ) : (
                        <>
                          <code>{path}</code>: {message}
                        </>
                      )}
                    </li>
                  );
                })}
              </ul>
            </>
          )}
          {props.children}
        </>
      )}
    </div>
  );
}

function CheckGroup<T extends string>(props: { id: string; legend: string; error?: string; options: [T, string][]; value: T[]; onChange(v: T[]): void }) {
  const errorId = `${props.id}-error`;
  return (
    <fieldset className={props.error ? 'cat-checks field-invalid' : 'cat-checks'} aria-describedby={props.error ? errorId : undefined}>
      <legend>{props.legend}</legend>
      {props.error && (
        <p className="field-error" id={errorId}>
          {props.error}
        </p>
      )}
      {props.options.map(([value, label], i) => (
        <div key={value} className="checkbox">
          <input
            id={`${props.id}-${i}`}
            type="checkbox"
            checked={props.value.includes(value)}
            onChange={(e) => props.onChange(e.target.checked ? [...props.value, value] : props.value.filter((v) => v !== value))}
          />
          <label htmlFor={`${props.id}-${i}`}>{label}</label>
        </div>
      ))}
    </fieldset>
  );
}

function TextArea(props: { id: string; label: string; hint?: string; value: string; error?: string | undefined; code?: boolean; onChange(v: string): void }) {
  return (
    <Field id={props.id} label={props.label} hint={props.hint} error={props.error} optional>
      {(a) => (
        <textarea
          {...a}
          value={props.value}
          rows={props.code ? 10 : 4}
          className={props.code ? 'cat-code' : undefined}
          spellCheck={props.code ? false : undefined}
          onChange={(e) => props.onChange(e.target.value)}
        />
      )}
    </Field>
  );
}

type RowProps<T> = { i: number; c: T; t: CatalogT; errorAt(path: string): string | undefined; onChange(patch: Partial<T>): void; onRemove(): void };

function Row(props: { legend: string; remove: string; onRemove(): void; children: ReactNode }) {
  return (
    <fieldset className="cat-row">
      <legend>{props.legend}</legend>
      {props.children}
      <button type="button" className="link-button" onClick={props.onRemove}>
        {props.remove}
      </button>
    </fieldset>
  );
}

function ChannelEditor({ i, c, t, errorAt, onChange, onRemove }: RowProps<ChannelDraft>) {
  const p = `body.channels.${i}`;
  const feeChoices: FeeChoice[] = c.base && c.fee === 'keep' ? ['keep', 'free', 'amount', 'none'] : ['free', 'amount', 'none'];
  return (
    <Row legend={t('editor.channelN', { n: i + 1 })} remove={t('editor.removeChannel', { n: i + 1 })} onRemove={onRemove}>
      <div className="cat-grid">
        <Field id={`ch-${i}-channel`} label={t('editor.channel')} error={errorAt(`${p}.channel`)}>
          {(a) => (
            <select {...a} value={c.channel} onChange={(e) => onChange({ channel: e.target.value as Channel })}>
              {CHANNELS.map((ch) => (
                <option key={ch} value={ch}>
                  {t(`labels.channels.${ch}`)}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field id={`ch-${i}-unit`} label={t('editor.unit')} error={errorAt(`${p}.processingTime.unit`) ?? errorAt(`${p}.processingTime`)}>
          {(a) => (
            <select {...a} value={c.unit} onChange={(e) => onChange({ unit: e.target.value as TimeUnit | '' })}>
              <option value="">{t('editor.unitNone')}</option>
              {TIME_UNITS.map((u) => (
                <option key={u} value={u}>
                  {t(`editor.units.${u}`)}
                </option>
              ))}
            </select>
          )}
        </Field>
        {c.unit && c.unit !== 'same_day' && (
          <Field id={`ch-${i}-value`} label={t('editor.value')} error={errorAt(`${p}.processingTime.value`)}>
            {(a) => <input {...a} value={c.value} onChange={(e) => onChange({ value: e.target.value })} inputMode="decimal" autoComplete="off" maxLength={8} />}
          </Field>
        )}
        {c.unit === 'same_day' && (
          <Field id={`ch-${i}-cutoff`} label={t('editor.cutoff')} hint={t('editor.cutoffHint')} error={errorAt(`${p}.processingTime.cutoff`)} optional>
            {(a) => <input {...a} type="time" value={c.cutoff} onChange={(e) => onChange({ cutoff: e.target.value })} />}
          </Field>
        )}
      </div>
      <div className="cat-grid">
        <Field id={`ch-${i}-fee`} label={t('editor.fee')} error={errorAt(`${p}.fees`)}>
          {(a) => (
            <select {...a} value={c.fee} onChange={(e) => onChange({ fee: e.target.value as FeeChoice })}>
              {feeChoices.map((f) => (
                <option key={f} value={f}>
                  {t(`editor.feeKinds.${f}`)}
                </option>
              ))}
            </select>
          )}
        </Field>
        {c.fee === 'amount' && (
          <>
            <Field id={`ch-${i}-amount`} label={t('editor.amount')} hint={t('editor.amountHint')} error={errorAt(`${p}.fees.0.amountVnd`)}>
              {(a) => <input {...a} value={c.amount} onChange={(e) => onChange({ amount: e.target.value })} inputMode="numeric" autoComplete="off" maxLength={20} />}
            </Field>
            <Field id={`ch-${i}-label`} label={t('editor.feeLabel')} hint={t('editor.feeLabelHint')} error={errorAt(`${p}.fees.0.label`)} optional>
              {(a) => <input {...a} value={c.feeLabel} onChange={(e) => onChange({ feeLabel: e.target.value })} maxLength={500} />}
            </Field>
          </>
        )}
      </div>
      <Field id={`ch-${i}-desc`} label={t('editor.description')} error={errorAt(`${p}.description`)} optional>
        {(a) => <input {...a} value={c.description} onChange={(e) => onChange({ description: e.target.value })} maxLength={20000} />}
      </Field>
    </Row>
  );
}

function ComponentEditor({ i, c, t, errorAt, onChange, onRemove }: RowProps<ComponentDraft>) {
  const p = `body.components.${i}`;
  return (
    <Row legend={t('editor.componentN', { n: i + 1 })} remove={t('editor.removeComponent', { n: i + 1 })} onRemove={onRemove}>
      <Field id={`cp-${i}-name`} label={t('editor.componentName')} error={errorAt(`${p}.name`)}>
        {(a) => <input {...a} value={c.name} onChange={(e) => onChange({ name: e.target.value })} required maxLength={4000} />}
      </Field>
      <div className="cat-grid">
        <Field id={`cp-${i}-originals`} label={t('editor.originals')} error={errorAt(`${p}.originals`)} optional>
          {(a) => <input {...a} value={c.originals} onChange={(e) => onChange({ originals: e.target.value })} inputMode="numeric" maxLength={3} autoComplete="off" />}
        </Field>
        <Field id={`cp-${i}-copies`} label={t('editor.copies')} error={errorAt(`${p}.copies`)} optional>
          {(a) => <input {...a} value={c.copies} onChange={(e) => onChange({ copies: e.target.value })} inputMode="numeric" maxLength={3} autoComplete="off" />}
        </Field>
      </div>
      <div className="field checkbox">
        <input id={`cp-${i}-required`} type="checkbox" checked={c.required} onChange={(e) => onChange({ required: e.target.checked })} />
        <label htmlFor={`cp-${i}-required`}>{t('editor.required')}</label>
      </div>
      <div className="cat-grid">
        <Field id={`cp-${i}-tname`} label={t('editor.templateName')} error={errorAt(`${p}.templates.0.name`)} optional>
          {(a) => <input {...a} value={c.templateName} onChange={(e) => onChange({ templateName: e.target.value })} maxLength={500} />}
        </Field>
        <Field id={`cp-${i}-turl`} label={t('editor.templateUrl')} error={errorAt(`${p}.templates.0.url`)} optional>
          {(a) => <input {...a} type="url" value={c.templateUrl} onChange={(e) => onChange({ templateUrl: e.target.value })} maxLength={2000} />}
        </Field>
      </div>
    </Row>
  );
}
