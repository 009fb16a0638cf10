/**
 * The dossier engine at province scale: a scratch PostgreSQL database filled with 1,000,000 dossiers
 * (BENCH_DOSSIERS to change) and their histories across Thái Nguyên's desks and its 92 communes of
 * 2025, then, next to baselines measured in the same run:
 *   1. submissions per second through the real API server (a child process on loopback) against
 *      pgbench running the same statements directly on the same server;
 *   2. inbox and search latency (p50/p95/p99) through the API against a keyed lookup on the same
 *      API path;
 *   3. the server process's peak resident memory.
 *
 *   BENCH_DATABASE_URL=postgres://… npx tsx bench/dossiers.bench.ts      (or TEST_DATABASE_URL)
 *   BENCH_DOSSIERS=20000 npm run bench -- dossiers
 *
 * Histories are not invented: for every working day since 1 July 2025 and every life-cycle scenario,
 * the pure domain (createDossier/decide, the working calendar) writes the events once, with
 * placeholder agencies and people; set-based SQL then copies them onto each generated dossier with
 * its own agencies, people and code. Without a PostgreSQL server the benchmark says so and stops.
 */
import { fork, spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { sql } from 'kysely';
import pg from 'pg';
import { buildApp } from '../src/app.js';
import { loadConfig } from '../src/config.js';
import { openDatabase, type Database } from '../src/db/database.js';
import { migrateToLatest } from '../src/db/migrate.js';
import { seedDemo, seedReferenceData } from '../src/seed/seed.js';
import { signPlatformToken } from '../src/platform/auth/tokens.js';
import { addWorkingTime, type WorkingCalendar } from '../src/modules/calendar/index.js';
import { CalendarProvider, toWorkingHoursSpec } from '../src/modules/calendar/calendar.store.js';
import { recordWords, searchColumns } from '../src/modules/catalog/catalog.repository.js';
import { completeProcedure, contentHash, defaultWorkflow, listSummary } from '../src/modules/catalog/model.js';
import type { ProcedureData } from '../src/modules/catalog/catalog.schemas.js';
import {
  Action,
  Channel,
  createDossier,
  decide,
  formatDossierCode,
  nationalStatusCode,
  vnDateOf,
  type Decision,
  type DossierActor,
  type DossierEvent,
  type DossierState,
  type TransitionAction,
} from '../src/modules/dossiers/domain/index.js';
import { Role } from '../src/platform/auth/actor.js';
import { httpClient } from './lib/http.js';
import { cpuPerUnit, sampleCpu } from './lib/cpu.js';
import { bucketTable, latency, parsePgbench, type Latency } from './lib/stats.js';

const TARGET_P95_MS = 50;
const TARGET_SUBMIT_RATIO = 0.5;
const SECRET = 'bench-secret-'.padEnd(40, 'x');

export interface DossierBenchResult {
  readonly name: 'dossiers';
  readonly database: 'postgresql';
  readonly server: string;
  readonly dossiers: number;
  readonly events: number;
  readonly applicants: number;
  readonly desks: number;
  readonly generation: { seconds: number; dossiersPerSec: number; rowsPerSec: number; templates: number; indexSeconds: number };
  readonly submissions: {
    clients: number;
    seconds: number;
    /** The seconds of each side, taken in this many alternating slices. */
    slices: number;
    api: { perSec: number; done: number; failed: number; p95: number };
    baseline: { tool: 'pgbench' | 'pg driver'; perSec: number; done: number; failed: number };
    ratio: number;
    target: number;
    targetMet: boolean;
    rowsPerSubmission: { api: number; baseline: number };
    /** CPU ms per submission in each phase (null where /proc or a local database is not there). */
    cpu: { api: { database: number | null; server: number | null; load: number | null }; baseline: { database: number | null; load: number | null } };
  };
  readonly latency: { label: string; latency: Latency; results: number }[];
  readonly baseline: Latency;
  readonly worstP95: number;
  readonly targetP95Ms: number;
  readonly targetMet: boolean;
  readonly server_rss: { peakMiB: number; afterMiB: number };
}

// ---------------------------------------------------------------------------------------------
// Placeholders of the history templates (valid agency codes and uuids that appear nowhere else)

const P = {
  desk: 'ZZDESK',
  lead: 'ZZLEAD',
  peer: 'ZZPEER',
  procedure: 'ZZPROC',
  applicant: 'aaaaaaaa-aaaa-4aaa-8aaa-aaaaaaaaaaaa',
  reception: 'bbbbbbbb-bbbb-4bbb-8bbb-bbbbbbbbbbbb',
  specialist: 'cccccccc-cccc-4ccc-8ccc-cccccccccccc',
  approver: 'dddddddd-dddd-4ddd-8ddd-dddddddddddd',
  peerOfficer: 'eeeeeeee-eeee-4eee-8eee-eeeeeeeeeeee',
} as const;

type Who = 'applicant' | 'reception' | 'specialist' | 'approver' | 'peer';
const ACTORS: Record<Who, DossierActor> = {
  applicant: { id: P.applicant, applicant: true },
  reception: { id: P.reception, roles: [Role.RECEPTION], agencyCode: P.desk },
  specialist: { id: P.specialist, roles: [Role.SPECIALIST], agencyCode: P.lead },
  approver: { id: P.approver, roles: [Role.APPROVER], agencyCode: P.lead },
  peer: { id: P.peerOfficer, roles: [Role.SPECIALIST], agencyCode: P.peer },
};

/** One step of a scenario: the action, who acts, and how long after the previous step (working hours, or a share of the time limit). */
type Step = { action: TransitionAction; who: Who; after: number | { share: number }; payload?: Record<string, unknown> };

type Scenario = {
  name: string;
  /** Relative weight among the scenarios valid on a day. */
  weight: number;
  /** Only for dossiers at most this many days old (open statuses do not stay open for years). */
  maxAgeDays: number;
  steps: Step[];
};

const RECEIVE_ONLINE: Step = { action: Action.RECEIVE, who: 'reception', after: 2 };
const FORWARD: Step = { action: Action.FORWARD, who: 'reception', after: 1, payload: { stepName: 'Thẩm định hồ sơ' } };
const TO_APPROVAL = (share: number): Step => ({ action: Action.SUBMIT_FOR_APPROVAL, who: 'specialist', after: { share }, payload: { stepName: 'Trình lãnh đạo phê duyệt' } });
const APPROVE: Step = { action: Action.APPROVE, who: 'approver', after: { share: 0.15 } };
const RESULT: Step = { action: Action.RECORD_RESULT, who: 'specialist', after: { share: 0.1 }, payload: { documentNumber: '125/QĐ-UBND', summary: 'Đã cấp kết quả giải quyết thủ tục hành chính' } };
const RETURN: Step = { action: Action.RETURN_RESULT, who: 'reception', after: 6, payload: { method: 'desk', receiverName: 'Người nộp hồ sơ' } };
const SUPPLEMENT_ITEMS = { items: [{ componentCode: 'TP2', reason: 'Bản sao giấy tờ chưa được chứng thực' }], legalBasis: 'Điều 16 Nghị định 118/2025/NĐ-CP' };

const SCENARIOS: Scenario[] = [
  { name: 'returned', weight: 640, maxAgeDays: 10_000, steps: [FORWARD, TO_APPROVAL(0.5), APPROVE, RESULT, RETURN] },
  { name: 'returned_late', weight: 12, maxAgeDays: 10_000, steps: [FORWARD, TO_APPROVAL(1.1), APPROVE, RESULT, RETURN] },
  {
    name: 'returned_after_supplement',
    weight: 60,
    maxAgeDays: 10_000,
    steps: [
      FORWARD,
      { action: Action.REQUEST_SUPPLEMENT, who: 'specialist', after: { share: 0.2 }, payload: SUPPLEMENT_ITEMS },
      { action: Action.RECEIVE_SUPPLEMENT, who: 'reception', after: 24, payload: { items: [{ componentCode: 'TP2', note: 'Đã nộp bản sao có chứng thực' }] } },
      TO_APPROVAL(0.4),
      APPROVE,
      RESULT,
      RETURN,
    ],
  },
  {
    name: 'returned_after_transfer',
    weight: 30,
    maxAgeDays: 10_000,
    steps: [
      FORWARD,
      { action: Action.TRANSFER, who: 'specialist', after: { share: 0.1 }, payload: { toAgencyCode: P.peer, reason: 'Lấy ý kiến cơ quan phối hợp', stepName: 'Xin ý kiến liên thông' } },
      { action: Action.RECEIVE_BACK, who: 'peer', after: { share: 0.3 }, payload: { note: 'Đã có ý kiến' } },
      TO_APPROVAL(0.2),
      APPROVE,
      RESULT,
      RETURN,
    ],
  },
  { name: 'withdrawn', weight: 8, maxAgeDays: 10_000, steps: [FORWARD, { action: Action.WITHDRAW, who: 'reception', after: 8, payload: { reason: 'Công dân có đơn xin rút hồ sơ' } }] },
  { name: 'refused_to_settle', weight: 6, maxAgeDays: 10_000, steps: [FORWARD, TO_APPROVAL(0.5), { action: Action.REFUSE_TO_SETTLE, who: 'approver', after: { share: 0.1 }, payload: { reasons: ['Không đủ điều kiện theo quy định'] } }] },
  { name: 'received', weight: 40, maxAgeDays: 2, steps: [] },
  { name: 'in_process', weight: 40, maxAgeDays: 45, steps: [FORWARD] },
  { name: 'awaiting_supplement', weight: 14, maxAgeDays: 40, steps: [FORWARD, { action: Action.REQUEST_SUPPLEMENT, who: 'specialist', after: { share: 0.2 }, payload: SUPPLEMENT_ITEMS }] },
  { name: 'transferred', weight: 6, maxAgeDays: 30, steps: [FORWARD, { action: Action.TRANSFER, who: 'specialist', after: { share: 0.1 }, payload: { toAgencyCode: P.peer, reason: 'Lấy ý kiến cơ quan phối hợp' } }] },
  { name: 'awaiting_approval', weight: 14, maxAgeDays: 30, steps: [FORWARD, TO_APPROVAL(0.5)] },
  { name: 'result_ready', weight: 14, maxAgeDays: 30, steps: [FORWARD, TO_APPROVAL(0.5), APPROVE, RESULT] },
];
/** Online only: dossiers that never reach the clock. */
const ONLINE_ONLY: Scenario[] = [
  { name: 'submitted', weight: 40, maxAgeDays: 3, steps: [] },
  { name: 'awaiting_completion', weight: 8, maxAgeDays: 20, steps: [{ action: Action.REQUEST_SUPPLEMENT, who: 'reception', after: 3, payload: SUPPLEMENT_ITEMS }] },
  { name: 'refused_at_reception', weight: 6, maxAgeDays: 10_000, steps: [{ action: Action.REFUSE_RECEPTION, who: 'reception', after: 3, payload: { reasons: ['Thủ tục không thuộc thẩm quyền tiếp nhận'] } }] },
];

const TIME_LIMITS = [3, 5, 15] as const;
const CHANNELS = ['online', 'in_person'] as const;

type Template = {
  id: number;
  dayIdx: number;
  channel: (typeof CHANNELS)[number];
  tlIdx: number;
  code: string | null;
  state: DossierState;
  events: DossierEvent[];
  eventActors: Who[];
  version: number;
};

function take(d: Decision): Extract<Decision, { ok: true }> {
  if (!d.ok) throw new Error(`template: ${d.error.code} ${JSON.stringify(d.error.message)}`);
  return d;
}

/** Plays one scenario through the pure domain; undefined when its last event would fall after `now`. */
function playScenario(s: Scenario, channel: Template['channel'], tl: number, start: Date, calendar: WorkingCalendar, now: Date) {
  const online = channel === 'online';
  const creator = online ? ACTORS.applicant : ACTORS.reception;
  const created = take(createDossier({ procedureCode: P.procedure, channel: online ? Channel.ONLINE : Channel.DESK, receivingAgencyCode: P.desk, competentAgencyCode: P.lead }, creator, start));
  let state = created.next;
  const events: DossierEvent[] = [...created.events];
  const actors: Who[] = created.events.map(() => (online ? 'applicant' : 'reception'));
  let at = start;
  const apply = (action: TransitionAction, who: Who, payload: Record<string, unknown>) => {
    const d = take(decide(state, action, ACTORS[who], payload, at, calendar));
    events.push(...d.events);
    actors.push(...d.events.map(() => who));
    state = d.next;
  };
  const receive = () => {
    const code = formatDossierCode({ agencyCode: P.desk, receivedAt: at, sequence: 1 });
    apply(Action.RECEIVE, 'reception', { dossierCode: code, timeLimit: { unit: 'working_days', value: tl }, stepName: 'Tiếp nhận hồ sơ' });
  };
  let version = 1;
  if (online) apply(Action.SUBMIT_ONLINE, 'applicant', {});
  const onlineOnly = ONLINE_ONLY.includes(s);
  if (!onlineOnly) {
    if (online) {
      at = addWorkingTime(at, { unit: 'working_hours', value: RECEIVE_ONLINE.after as number }, calendar).due;
      receive();
      version++;
    } else receive();
  }
  for (const step of s.steps) {
    const hours = typeof step.after === 'number' ? step.after : Math.max(1, Math.round(step.after.share * tl * 8));
    at = addWorkingTime(at, { unit: 'working_hours', value: hours }, calendar).due;
    if (at > now) return undefined;
    apply(step.action, step.who, step.payload ?? {});
    version++;
  }
  if (at > now) return undefined;
  return { state, events, actors, version, code: state.dossierCode };
}

/** Working days from 1 July 2025 up to today, each with a start time of day (08:00–15:30, Viet Nam). */
function workingDays(calendar: WorkingCalendar, now: Date): Date[] {
  const days: Date[] = [];
  for (let d = new Date('2025-07-01T00:00:00+07:00'); d < now; d = new Date(d.getTime() + 86_400_000)) {
    const iso = vnDateOf(d);
    if (!calendar.isWorkingDay(iso)) continue;
    const minutes = 60 + ((days.length * 37) % 390); // 08:00 + up to 6.5 h, skipping noon below
    const hh = 7 + Math.floor(minutes / 60);
    const start = new Date(`${iso}T${String(hh >= 11 && hh < 13 ? hh + 2 : hh).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}:00+07:00`);
    if (start < now) days.push(start);
  }
  return days;
}

function buildTemplates(calendar: WorkingCalendar, now: Date) {
  const days = workingDays(calendar, now);
  const templates: Template[] = [];
  const picks: { dayIdx: number; channel: string; tlIdx: number; bucket: number; templateId: number }[] = [];
  days.forEach((start, dayIdx) => {
    const ageDays = (now.getTime() - start.getTime()) / 86_400_000;
    for (const channel of CHANNELS) {
      TIME_LIMITS.forEach((tl, tlIdx) => {
        const choices: { value: number; weight: number }[] = [];
        for (const s of channel === 'online' ? [...SCENARIOS, ...ONLINE_ONLY] : SCENARIOS) {
          if (ageDays > s.maxAgeDays) continue;
          const played = playScenario(s, channel, tl, start, calendar, now);
          if (!played) continue;
          const id = templates.length + 1;
          templates.push({ id, dayIdx, channel, tlIdx, code: played.code, state: played.state, events: played.events, eventActors: played.actors, version: played.version });
          choices.push({ value: id, weight: s.weight });
        }
        bucketTable(choices, 100).forEach((templateId, bucket) => picks.push({ dayIdx, channel, tlIdx, bucket, templateId }));
      });
    }
  });
  return { days, templates, picks };
}

// ---------------------------------------------------------------------------------------------
// Reference rows: agencies of the province's communes, officers, procedures, applicants

const PROVINCIAL_PROCEDURES: [string, string, number][] = [
  ['Cấp phiếu lý lịch tư pháp cho công dân Việt Nam', 'H55.02', 2],
  ['Đăng ký khai sinh có yếu tố nước ngoài', 'H55.02', 1],
  ['Cấp giấy phép xây dựng mới đối với công trình cấp II, III', 'H55.04', 2],
  ['Đăng ký biến động quyền sử dụng đất, quyền sở hữu tài sản gắn liền với đất', 'H55.03', 2],
  ['Cấp giấy phép môi trường', 'H55.03', 2],
  ['Cấp giấy phép lao động cho người lao động nước ngoài', 'H55.05', 1],
  ['Đăng ký thành lập doanh nghiệp tư nhân', 'H55.06', 0],
  ['Cấp giấy chứng nhận đủ điều kiện an toàn thực phẩm', 'H55.07', 2],
];
const COMMUNE_PROCEDURES: [string, number][] = [
  ['Đăng ký khai sinh', 0],
  ['Đăng ký kết hôn', 0],
  ['Đăng ký khai tử', 0],
  ['Chứng thực bản sao từ bản chính giấy tờ, văn bản', 0],
  ['Chứng thực chữ ký trong các giấy tờ, văn bản', 0],
  ['Cấp bản sao trích lục hộ tịch', 0],
  ['Xác nhận thông tin hộ tịch', 1],
  ['Đăng ký thường trú', 1],
  ['Đăng ký hộ kinh doanh', 1],
  ['Cấp giấy chứng nhận quyền sử dụng đất lần đầu', 2],
];
const NEW_DEPARTMENTS = [
  ['H55.04', 'Sở Xây dựng tỉnh Thái Nguyên'],
  ['H55.05', 'Sở Nội vụ tỉnh Thái Nguyên'],
  ['H55.06', 'Sở Tài chính tỉnh Thái Nguyên'],
  ['H55.07', 'Sở Y tế tỉnh Thái Nguyên'],
] as const;
const FAMILY = ['Nguyễn', 'Trần', 'Lê', 'Phạm', 'Hoàng', 'Vũ', 'Đặng', 'Bùi', 'Đỗ', 'Hồ', 'Ngô', 'Dương', 'Lý', 'Ma', 'Nông'];
const MIDDLE = ['Văn', 'Thị', 'Đức', 'Minh', 'Thu', 'Quang', 'Ngọc', 'Hữu', 'Thanh', 'Xuân'];
const GIVEN = ['An', 'Bình', 'Cường', 'Dung', 'Giang', 'Hà', 'Hải', 'Hoa', 'Hùng', 'Lan', 'Linh', 'Long', 'Mai', 'Nam', 'Phương', 'Quân', 'Sơn', 'Thảo', 'Trang', 'Tuấn'];
const pgArray = (xs: readonly string[]) => `ARRAY[${xs.map((x) => `'${x.replace(/'/g, "''")}'`).join(',')}]`;

async function seedProvince(db: Database['db']) {
  const communes = (await db.selectFrom('admin_units').select(['code', 'name']).where('structure', '=', '2025').where('level', '=', 'commune').where('parent_code', '=', '19').orderBy('code').execute());
  if (communes.length === 0) throw new Error('the 2025 commune list of Thái Nguyên (19) is missing from reference-data');
  const existing = new Map((await db.selectFrom('agencies').select(['code', 'unit_code']).where('kind', '=', 'commune_pc').execute()).map((a) => [a.unit_code, a.code]));
  const agencies: Record<string, unknown>[] = NEW_DEPARTMENTS.map(([code, name]) => ({ code, name, kind: 'department', parent_code: 'H55', unit_structure: '2025', unit_code: '19' }));
  const communeDesks: { pc: string; desk: string }[] = [];
  let n = 12;
  for (const c of communes) {
    const known = existing.get(c.code);
    if (known && known !== 'H55') {
      communeDesks.push({ pc: known, desk: `${known}.01` });
      continue;
    }
    const pc = `H55.${n++}`;
    agencies.push({ code: pc, name: `Ủy ban nhân dân ${c.name.charAt(0).toLowerCase()}${c.name.slice(1)}`, kind: 'commune_pc', parent_code: 'H55', unit_structure: '2025', unit_code: c.code });
    agencies.push({ code: `${pc}.01`, name: `Trung tâm Phục vụ hành chính công ${c.name.charAt(0).toLowerCase()}${c.name.slice(1)}`, kind: 'pas_centre', parent_code: pc, unit_structure: '2025', unit_code: c.code });
    communeDesks.push({ pc, desk: `${pc}.01` });
  }
  await db.insertInto('agencies').values(agencies.map((a) => ({ address: null, phone: null, email: null, working_hours: null, ...a })) as never).execute();

  // Officers: the demo ones where they exist, one per role elsewhere.
  const demo = new Map((await db.selectFrom('officer_roles').innerJoin('people', 'people.id', 'officer_roles.person_id').select(['agency_code', 'role', 'people.id']).execute()).map((r) => [`${r.agency_code}/${r.role}`, r.id]));
  const people: Record<string, unknown>[] = [];
  const roles: Record<string, unknown>[] = [];
  const officer = (agency: string, role: string): string => {
    const known = demo.get(`${agency}/${role}`);
    if (known) return known;
    const id = `${randomBytes(4).toString('hex')}-0000-4000-8000-${randomBytes(6).toString('hex')}`;
    const i = people.length;
    people.push({ id, kind: 'officer', username: `bench.${role}.${agency.toLowerCase()}`, full_name: `${FAMILY[i % FAMILY.length]} ${MIDDLE[(i * 7) % MIDDLE.length]} ${GIVEN[(i * 3) % GIVEN.length]}` });
    roles.push({ person_id: id, agency_code: agency, role });
    demo.set(`${agency}/${role}`, id);
    return id;
  };
  const provincial = ['H55.02', 'H55.03', ...NEW_DEPARTMENTS.map(([c]) => c)];
  const leads = new Map<string, { specialist: string; approver: string }>();
  for (const a of [...provincial, ...communeDesks.map((c) => c.pc)]) leads.set(a, { specialist: officer(a, 'specialist'), approver: officer(a, 'approver') });
  const desks = [{ desk: 'H55.01', pc: null as string | null }, ...communeDesks].map((d) => ({ ...d, reception: officer(d.desk, 'reception') }));
  if (people.length) {
    await db.insertInto('people').values(people.map((p) => ({ personal_id: null, tax_code: null, email: null, phone: null, date_of_birth: null, address: null, ...p })) as never).execute();
    await db.insertInto('officer_roles').values(roles as never).execute();
  }

  // Procedures, published from 1 July 2025.
  const procedures: { code: string; tlIdx: number; lead: string | null; level: 'province' | 'commune' }[] = [];
  const procRows: Record<string, unknown>[] = [];
  const versionRows: Record<string, unknown>[] = [];
  const add = (code: string, name: string, tlIdx: number, level: 'province' | 'commune', lead: string | null) => {
    const tl = TIME_LIMITS[tlIdx]!;
    const data: ProcedureData = completeProcedure({
      code,
      name,
      field: level === 'province' ? 'Thủ tục cấp tỉnh' : 'Thủ tục cấp xã',
      levels: [level],
      applicantTypes: ['citizen'],
      onlineLevel: 'full',
      channels: [
        { channel: 'online', processingTime: { unit: 'working_days', value: tl }, processingTimeText: `${tl} ngày làm việc`, fees: [{ kind: 'free' }], feeNote: null, description: null, text: null },
        { channel: 'in_person', processingTime: { unit: 'working_days', value: tl }, processingTimeText: `${tl} ngày làm việc`, fees: [{ kind: 'free' }], feeNote: null, description: null, text: null },
      ],
    });
    if (lead) data.agencies = { ...data.agencies, competent: { text: null, codes: [lead] }, receiving: { text: null, codes: ['H55.01'] } };
    data.workflow = defaultWorkflow(data);
    procRows.push({ code, status: 'published', current_version: 1, latest_version: 1, ...searchColumns(data), summary: JSON.stringify(listSummary(data)), effective_from: '2025-07-01', abolished_on: null });
    versionRows.push({ code, version: 1, status: 'published', effective_from: '2025-07-01', effective_to: null, decision_number: '1234/QĐ-UBND', data: JSON.stringify(data), content_hash: contentHash(data), created_by: 'bench' });
    procedures.push({ code, tlIdx, lead, level });
  };
  PROVINCIAL_PROCEDURES.forEach(([name, lead, tlIdx], i) => add(`2.9${String(i).padStart(5, '0')}`, name, tlIdx, 'province', lead));
  COMMUNE_PROCEDURES.forEach(([name, tlIdx], i) => add(`1.9${String(i).padStart(5, '0')}`, name, tlIdx, 'commune', null));
  await db.transaction().execute(async (trx) => {
    await trx.insertInto('procedures').values(procRows as never).execute();
    await trx.insertInto('procedure_versions').values(versionRows as never).execute();
    await recordWords(trx, procRows.map((p) => p.name as string));
  });
  return { desks, leads, procedures, provincial };
}

// ---------------------------------------------------------------------------------------------
// The generator

type Log = (line: string) => void;

async function generate(database: Database, pool: pg.Pool, target: number, log: Log) {
  const { db } = database;
  const now = new Date();
  const calendar = await new CalendarProvider(db).get(toWorkingHoursSpec(null));
  const t0 = performance.now();
  const { desks, leads, procedures, provincial } = await seedProvince(db);
  const { days, templates, picks } = buildTemplates(calendar, now);
  log(`${templates.length.toLocaleString('en-US')} history templates from the domain over ${days.length} working days (${Math.round(performance.now() - t0)} ms)`);

  const q = (text: string, values?: unknown[]) => pool.query(text, values);
  await q(`CREATE UNLOGGED TABLE bench_templates (id int PRIMARY KEY, code text, state text, status text, national_status smallint, holder text, assignee text,
    due_at timestamptz, step_due_at timestamptz, paused_since timestamptz, submitted_at timestamptz, received_at timestamptz, created_at timestamptz, updated_at timestamptz, version int)`);
  await q(`CREATE UNLOGGED TABLE bench_template_events (template_id int, seq int, action text, at timestamptz, actor text, actor_kind text, agency text, status_from text, status_to text, event text)`);
  await q(`CREATE UNLOGGED TABLE bench_picks (day_idx int, channel text, tl_idx int, bucket int, template_id int, PRIMARY KEY (day_idx, channel, tl_idx, bucket))`);
  const chunks = <T>(xs: T[], n: number) => Array.from({ length: Math.ceil(xs.length / n) }, (_, i) => xs.slice(i * n, (i + 1) * n));
  for (const part of chunks(templates, 2000)) {
    const rows = part.map((t) => ({
      id: t.id,
      code: t.code,
      state: JSON.stringify(t.state),
      status: t.state.status,
      national_status: nationalStatusCode(t.state.status),
      holder: t.state.holderAgencyCode,
      assignee: t.state.assigneeId,
      due_at: t.state.due,
      step_due_at: t.state.step?.due ?? null,
      paused_since: t.state.pausedSince,
      submitted_at: t.state.submittedAt,
      received_at: t.state.receivedAt,
      created_at: t.state.createdAt,
      updated_at: t.events.at(-1)!.at,
      version: t.version,
    }));
    await q(`INSERT INTO bench_templates SELECT * FROM jsonb_populate_recordset(NULL::bench_templates, $1::jsonb)`, [JSON.stringify(rows)]);
    const events = part.flatMap((t) =>
      t.events.map((e, i) => ({
        template_id: t.id,
        seq: e.seq,
        action: e.action,
        at: e.at,
        actor: t.eventActors[i],
        actor_kind: e.actorKind,
        agency: e.agencyCode,
        status_from: e.status.from,
        status_to: e.status.to,
        event: JSON.stringify(e),
      })),
    );
    await q(`INSERT INTO bench_template_events SELECT * FROM jsonb_populate_recordset(NULL::bench_template_events, $1::jsonb)`, [JSON.stringify(events)]);
  }
  for (const part of chunks(picks, 20_000)) {
    const rows = part.map((p) => ({ day_idx: p.dayIdx, channel: p.channel, tl_idx: p.tlIdx, bucket: p.bucket, template_id: p.templateId }));
    await q(`INSERT INTO bench_picks SELECT * FROM jsonb_populate_recordset(NULL::bench_picks, $1::jsonb)`, [JSON.stringify(rows)]);
  }

  // Desks (the provincial centre receives a quarter of all dossiers, each commune the same share of the rest).
  await q(`CREATE UNLOGGED TABLE bench_desks (idx int PRIMARY KEY, desk text, pc text, reception uuid, pc_specialist uuid, pc_approver uuid)`);
  await q(`INSERT INTO bench_desks SELECT * FROM jsonb_populate_recordset(NULL::bench_desks, $1::jsonb)`, [
    JSON.stringify(desks.map((d, idx) => ({ idx, desk: d.desk, pc: d.pc, reception: d.reception, pc_specialist: d.pc ? leads.get(d.pc)!.specialist : null, pc_approver: d.pc ? leads.get(d.pc)!.approver : null }))),
  ]);
  await q(`CREATE UNLOGGED TABLE bench_procs (level text, idx int, code text, tl_idx int, lead text, specialist uuid, approver uuid, peer text, peer_officer uuid, PRIMARY KEY (level, idx))`);
  const levelIdx = { province: 0, commune: 0 };
  await q(`INSERT INTO bench_procs SELECT * FROM jsonb_populate_recordset(NULL::bench_procs, $1::jsonb)`, [
    JSON.stringify(
      procedures.map((p) => {
        const peer = p.lead === 'H55.03' ? 'H55.04' : 'H55.03';
        return { level: p.level, idx: levelIdx[p.level]++, code: p.code, tl_idx: p.tlIdx, lead: p.lead, specialist: p.lead ? leads.get(p.lead)!.specialist : null, approver: p.lead ? leads.get(p.lead)!.approver : null, peer, peer_officer: leads.get(peer)!.specialist };
      }),
    ),
  ]);

  // Applicants: one for every four dossiers, with personal ids of the province (prefix 019).
  const applicants = Math.max(1000, Math.ceil(target / 4));
  const tg = performance.now();
  await q(`INSERT INTO people (id, kind, username, full_name, personal_id, date_of_birth, address)
    SELECT md5('bench-applicant-' || n)::uuid, 'citizen', 'bench.congdan.' || n,
      (${pgArray(FAMILY)})[1 + n % ${FAMILY.length}] || ' ' || (${pgArray(MIDDLE)})[1 + (n / 7) % ${MIDDLE.length}] || ' ' || (${pgArray(GIVEN)})[1 + (n / 3) % ${GIVEN.length}],
      '019' || lpad(n::text, 9, '0'), date '1950-01-01' + (n * 7919) % 20000, 'Tỉnh Thái Nguyên'
    FROM generate_series(1, $1::int) n`, [applicants]);

  const nDays = days.length;
  const nProvincial = PROVINCIAL_PROCEDURES.length;
  const nCommune = COMMUNE_PROCEDURES.length;
  const nCommuneDesks = desks.length - 1;
  // Later days have a little more traffic (online filing grows): day = floor(nDays * sqrt(u)).
  await q(`CREATE UNLOGGED TABLE bench_gen AS
    WITH base AS (
      SELECT g, gen_random_uuid() AS id,
        least(${nDays - 1}, floor(${nDays} * sqrt(random())))::int AS day_idx,
        CASE WHEN random() < 0.25 THEN 0 ELSE 1 + floor(random() * ${nCommuneDesks})::int END AS desk_idx,
        floor(random() * 100)::int AS bucket,
        CASE WHEN random() < 0.6 THEN 'online' ELSE 'in_person' END AS channel,
        random() AS r_proc,
        1 + floor(random() * ${applicants})::int AS applicant_n
      FROM generate_series(1, $1::int) g
    ), placed AS (
      SELECT b.*, d.desk, p.code AS proc_code, p.tl_idx,
        coalesce(p.lead, d.pc) AS lead, coalesce(p.specialist, d.pc_specialist) AS specialist, coalesce(p.approver, d.pc_approver) AS approver,
        p.peer, p.peer_officer, d.reception, md5('bench-applicant-' || b.applicant_n)::uuid AS applicant
      FROM base b
      JOIN bench_desks d ON d.idx = b.desk_idx
      JOIN bench_procs p ON p.level = CASE WHEN b.desk_idx = 0 THEN 'province' ELSE 'commune' END
        AND p.idx = floor(b.r_proc * CASE WHEN b.desk_idx = 0 THEN ${nProvincial} ELSE ${nCommune} END)::int
    )
    SELECT pl.*, k.template_id, t.code AS t_code, t.received_at::date AS day,
      CASE WHEN t.code IS NULL THEN NULL
        ELSE pl.desk || '-' || to_char(t.received_at AT TIME ZONE 'Asia/Ho_Chi_Minh', 'YYMMDD') || '-' ||
          lpad((row_number() OVER (PARTITION BY pl.desk, t.received_at::date, t.code IS NULL ORDER BY t.received_at, pl.g))::text, 4, '0') END AS code
    FROM placed pl
    JOIN bench_picks k ON k.day_idx = pl.day_idx AND k.channel = pl.channel AND k.tl_idx = pl.tl_idx AND k.bucket = pl.bucket
    JOIN bench_templates t ON t.id = k.template_id`, [target]);
  log(`placed ${target.toLocaleString('en-US')} dossiers on desks, procedures, days and histories (${Math.round(performance.now() - tg)} ms)`);

  // Load without the secondary indexes and the foreign-key triggers (rows are consistent by construction; checked below), then rebuild them.
  const indexes = (await q(`SELECT indexname, indexdef FROM pg_indexes WHERE tablename IN ('dossiers', 'dossier_events', 'dossier_codes') AND indexname NOT LIKE '%_pkey'
    AND indexname NOT IN (SELECT conname FROM pg_constraint WHERE contype IN ('p', 'u'))`)).rows as { indexname: string; indexdef: string }[];
  for (const i of indexes) await q(`DROP INDEX ${i.indexname}`);
  const sub = (col: string) =>
    `replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(${col}, coalesce(s.t_code, '#'), coalesce(s.code, '#')), '${P.desk}', s.desk), '${P.lead}', s.lead), '${P.peer}', s.peer), '${P.procedure}', s.proc_code),
      '${P.applicant}', s.applicant::text), '${P.reception}', s.reception::text), '${P.specialist}', s.specialist::text), '${P.approver}', s.approver::text), '${P.peerOfficer}', s.peer_officer::text)`;
  const who = (col: string) => `CASE ${col} WHEN 'applicant' THEN s.applicant WHEN 'reception' THEN s.reception WHEN 'specialist' THEN s.specialist WHEN 'approver' THEN s.approver ELSE s.peer_officer END`;
  const agency = (col: string) => `CASE ${col} WHEN '${P.desk}' THEN s.desk WHEN '${P.lead}' THEN s.lead WHEN '${P.peer}' THEN s.peer ELSE ${col} END`;
  const loadDossiers = `SET session_replication_role = replica;
    INSERT INTO dossiers (agency_code, id, code, procedure_code, procedure_version, applicant_id, filer_id, channel, form_data, status, national_status,
      holder_agency_code, competent_agency_code, assignee_id, due_at, step_due_at, paused_since, submitted_at, received_at, state, version, created_at, updated_at)
    SELECT s.desk, s.id, s.code, s.proc_code, 1, s.applicant, CASE s.channel WHEN 'online' THEN s.applicant ELSE s.reception END, s.channel,
      jsonb_build_object('hoTen', p.full_name, 'soDinhDanh', p.personal_id, 'ngaySinh', p.date_of_birth, 'diaChi', p.address),
      t.status, t.national_status, ${agency('t.holder')}, s.lead,
      CASE t.assignee WHEN '${P.specialist}' THEN s.specialist WHEN '${P.approver}' THEN s.approver WHEN '${P.peerOfficer}' THEN s.peer_officer WHEN '${P.reception}' THEN s.reception ELSE NULL END,
      t.due_at, t.step_due_at, t.paused_since, t.submitted_at, t.received_at, ${sub('t.state')}::jsonb, t.version, t.created_at, t.updated_at
    FROM bench_gen s JOIN bench_templates t ON t.id = s.template_id JOIN people p ON p.id = s.applicant`;
  const loadEvents = `SET session_replication_role = replica;
    INSERT INTO dossier_events (agency_code, dossier_id, seq, action, at, actor_id, actor_kind, actor_agency_code, status_from, status_to, event, recorded_at)
    SELECT s.desk, s.id, e.seq, e.action, e.at, ${who('e.actor')}, e.actor_kind, ${agency('e.agency')}, e.status_from, e.status_to, ${sub('e.event')}::jsonb, e.at
    FROM bench_gen s JOIN bench_template_events e ON e.template_id = s.template_id`;
  const tl = performance.now();
  // Two connections, two cores: dossiers and their events load side by side.
  const [c1, c2] = [await pool.connect(), await pool.connect()];
  try {
    await Promise.all([c1.query(loadDossiers), c2.query(loadEvents)]);
    await c1.query(`INSERT INTO dossier_codes (code, agency_code, dossier_id, created_at) SELECT code, desk, id, now() FROM bench_gen WHERE code IS NOT NULL`);
    await c1.query(`INSERT INTO dossier_sequences (agency_code, day, last_value)
      SELECT desk, day, count(*) FROM bench_gen WHERE code IS NOT NULL GROUP BY desk, day`);
    await c1.query('SET session_replication_role = DEFAULT');
    await c2.query('SET session_replication_role = DEFAULT');
  } finally {
    c1.release();
    c2.release();
  }
  const loadSeconds = (performance.now() - tl) / 1000;
  const ti = performance.now();
  await q('SET maintenance_work_mem = $1', ['256MB']).catch(() => q(`SET maintenance_work_mem = '256MB'`));
  for (const i of indexes) await q(i.indexdef);
  const orphans = (await q(`SELECT count(*)::int AS n FROM dossier_events e WHERE NOT EXISTS (SELECT 1 FROM dossiers d WHERE d.agency_code = e.agency_code AND d.id = e.dossier_id)`)).rows[0].n;
  if (orphans !== 0) throw new Error(`generator: ${orphans} events without their dossier`);
  await q('VACUUM ANALYZE dossiers');
  await q('VACUUM ANALYZE dossier_events');
  await q('VACUUM ANALYZE dossier_codes');
  await q('ANALYZE people');
  const indexSeconds = (performance.now() - ti) / 1000;
  const events = Number((await q('SELECT count(*) AS n FROM dossier_events')).rows[0].n);
  const sample = (await q(`SELECT s.code, s.id, s.desk, s.applicant, s.proc_code, p.personal_id FROM bench_gen s JOIN people p ON p.id = s.applicant WHERE s.code IS NOT NULL ORDER BY s.g LIMIT 500`)).rows;
  for (const t of ['bench_gen', 'bench_templates', 'bench_template_events', 'bench_picks', 'bench_desks', 'bench_procs']) await q(`DROP TABLE ${t}`);
  const seconds = (performance.now() - t0) / 1000;
  log(`loaded ${target.toLocaleString('en-US')} dossiers and ${events.toLocaleString('en-US')} events in ${loadSeconds.toFixed(1)} s; indexes and statistics in ${indexSeconds.toFixed(1)} s`);
  return {
    applicants,
    desks: desks.length,
    events,
    sample: sample as { code: string; id: string; desk: string; applicant: string; proc_code: string; personal_id: string }[],
    provincial,
    provincialProcedure: procedures.find((p) => p.level === 'province')!.code,
    generation: { seconds, dossiersPerSec: Math.round(target / seconds), rowsPerSec: Math.round((target + events) / loadSeconds), templates: templates.length, indexSeconds: Math.round(indexSeconds * 10) / 10 },
  };
}

// ---------------------------------------------------------------------------------------------
// The API server, in its own process so its memory is its own

async function serve(): Promise<void> {
  const config = loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent', PORT: '0', RATE_LIMIT_PER_MINUTE: '100000000', MOTCUA_JOBS: 'off', DATABASE_URL: process.env.BENCH_SERVER_DATABASE_URL!, MOTCUA_SEED_DEMO: 'never', MOTCUA_SECRET: SECRET, PUBLIC_URL: 'http://127.0.0.1' });
  // Capture of the statements of one request (the probe submission), for the pgbench script.
  const captured: Captured[] = [];
  let capturing = false;
  const query = pg.Client.prototype.query as (...args: unknown[]) => unknown;
  pg.Client.prototype.query = function (this: pg.Client, ...args: unknown[]) {
    if (capturing && typeof args[0] === 'string') captured.push({ text: args[0], values: (args[1] as unknown[] | undefined) ?? [] });
    return query.apply(this, args);
  } as typeof pg.Client.prototype.query;
  const started = await buildApp(config, { web: false });
  await started.app.listen({ port: 0, host: '127.0.0.1' });
  const address = started.app.server.address() as { port: number };
  process.send!({ port: address.port });
  process.on('message', async (m: { cmd: string }) => {
    if (m.cmd === 'capture') {
      captured.length = 0;
      capturing = true;
      process.send!({ ok: true });
    }
    if (m.cmd === 'captured') {
      capturing = false;
      process.send!({ captured });
    }
    if (m.cmd === 'rss') process.send!({ maxRssKiB: process.resourceUsage().maxRSS, rss: process.memoryUsage().rss });
    if (m.cmd === 'stop') {
      await started.close();
      process.exit(0);
    }
  });
}

/** Extra node flags for the server process only, e.g. BENCH_SERVER_NODE_ARGS="--cpu-prof --cpu-prof-dir=prof". */
const serverNodeArgs = () => (process.env.BENCH_SERVER_NODE_ARGS ?? '').split(/\s+/).filter(Boolean);

function startServer(url: string): Promise<{ child: ChildProcess; port: number; ask<T>(cmd: string): Promise<T> }> {
  const child = fork(fileURLToPath(import.meta.url), [], { execArgv: ['--import', 'tsx', ...serverNodeArgs()], env: { ...process.env, BENCH_SERVER_DATABASE_URL: url }, stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  return new Promise((resolve, reject) => {
    child.once('error', reject);
    child.once('exit', (code) => reject(new Error(`bench server exited with ${code}`)));
    child.once('message', (m: { port: number }) => {
      child.removeAllListeners('exit');
      resolve({
        child,
        port: m.port,
        ask: <T>(cmd: string) =>
          new Promise<T>((res) => {
            child.once('message', (r) => res(r as T));
            child.send({ cmd });
          }),
      });
    });
  });
}

// ---------------------------------------------------------------------------------------------
// Load

async function closedLoop(clients: number, seconds: number, work: (client: number, i: number) => Promise<boolean>) {
  const until = performance.now() + seconds * 1000;
  let done = 0;
  let failed = 0;
  const samples: number[] = [];
  const t0 = performance.now();
  await Promise.all(
    Array.from({ length: clients }, async (_, c) => {
      for (let i = 0; performance.now() < until; i++) {
        const s = performance.now();
        if (await work(c, i)) done++;
        else failed++;
        samples.push(performance.now() - s);
      }
    }),
  );
  return { done, failed, seconds: (performance.now() - t0) / 1000, latency: latency(samples), samples };
}

async function insertedRows(pool: pg.Pool): Promise<number> {
  await new Promise((r) => setTimeout(r, 700)); // statistics are flushed at most once a second
  await pool.query('SELECT pg_stat_clear_snapshot()');
  return Number((await pool.query('SELECT tup_inserted FROM pg_stat_database WHERE datname = current_database()')).rows[0].tup_inserted);
}

const lit = (v: string) => `'${v.replace(/'/g, "''")}'`;

type Captured = { text: string; values: unknown[] };
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * The pgbench script of one submission: the statements the server actually ran for a probe
 * submission (captured in the server process, in order, with their values inlined), with what must
 * differ per transaction made variable — the dossier id, the idempotency key and fresh uuids. The
 * audit chain is appended by the same database function (`audit_append`) on both sides.
 */
async function pgbenchScript(pool: pg.Pool, captured: Captured[], dossierId: string, idempotencyKey: string, dir: string): Promise<{ file: string; statements: number }> {
  const uuids = [...new Set(captured.flatMap((c) => c.values).filter((v): v is string => typeof v === 'string' && UUID.test(v)))];
  const known = new Set((await pool.query('SELECT id::text FROM people WHERE id = ANY($1::uuid[])', [uuids])).rows.map((r) => r.id as string));
  const literal = (v: unknown): string => {
    if (v === null || v === undefined) return 'NULL';
    if (typeof v === 'number' || typeof v === 'bigint') return String(v);
    if (typeof v === 'boolean') return v ? 'true' : 'false';
    if (Array.isArray(v)) return lit(`{${v.map((x) => JSON.stringify(String(x))).join(',')}}`);
    // A value that holds the dossier id gets the variable in its place; after a colon (a job's dedupe key
    // "dossier:<id>:…") it is concatenated instead, as pgbench reads "::did" as a cast and would leave it.
    const around = (text: string) =>
      text.includes(`:${dossierId}`) ? `(${text.split(dossierId).map(lit).join(" || ':did' || ")})` : lit(text.split(dossierId).join(':did'));
    if (typeof v === 'object') return around(JSON.stringify(v));
    const str = String(v);
    if (str === dossierId) return "':did'";
    if (str === idempotencyKey) return "'pgbench-:client_id-:n'";
    if (UUID.test(str) && !known.has(str)) return 'gen_random_uuid()';
    return around(str);
  };
  const lines = ['\\set n random(1, 2000000000)', 'SELECT gen_random_uuid() AS did \\gset'];
  for (const c of captured) {
    const values = c.values.map(literal);
    lines.push(`${c.text.replace(/\$(\d+)/g, (_, n: string) => values[Number(n) - 1]!)};`);
  }
  const file = path.join(dir, 'submit.sql');
  fs.writeFileSync(file, `${lines.join('\n')}\n`);
  return { file, statements: captured.length };
}

function runPgbench(url: string, script: string, clients: number, seconds: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const p = spawn('pgbench', ['-n', '-M', 'simple', '-f', script, '-c', String(clients), '-j', '1', '-T', String(seconds), url], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    p.stdout.on('data', (b) => (out += b));
    p.stderr.on('data', (b) => (out += b));
    p.once('error', reject);
    p.once('exit', () => resolve(out));
  });
}

function hasPgbench(): boolean {
  return (process.env.PATH ?? '').split(path.delimiter).some((d) => fs.existsSync(path.join(d, 'pgbench')));
}

// ---------------------------------------------------------------------------------------------

export interface DossierBenchOptions {
  readonly dossiers?: number;
  readonly clients?: number;
  readonly submitSeconds?: number;
  readonly samplesPerQuery?: number;
  readonly log?: Log;
}

export async function run(options: DossierBenchOptions = {}): Promise<DossierBenchResult | { name: 'dossiers'; skipped: string }> {
  const url = process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL;
  if (!url) return { name: 'dossiers', skipped: 'needs PostgreSQL: set BENCH_DATABASE_URL (or TEST_DATABASE_URL) to a server where it may create a scratch database' };
  const target = options.dossiers ?? Number(process.env.BENCH_DOSSIERS ?? 1_000_000);
  const clients = options.clients ?? 8;
  const submitSeconds = options.submitSeconds ?? 20;
  const perQuery = options.samplesPerQuery ?? 200;
  const log = options.log ?? (() => {});

  const name = `motcua_bench_${randomBytes(5).toString('hex')}`;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const target_url = new URL(url);
  target_url.pathname = `/${name}`;
  const dbUrl = target_url.href;
  const database = await openDatabase({ kind: 'postgresql', url: dbUrl, poolSize: 4 });
  const pool = new pg.Pool({ connectionString: dbUrl, max: 4 });
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'motcua-bench-'));
  let server: Awaited<ReturnType<typeof startServer>> | undefined;
  try {
    const { db } = database;
    await migrateToLatest(db);
    await seedReferenceData(db);
    await seedDemo(db);
    const server_version = (await pool.query('SHOW server_version')).rows[0].server_version as string;
    log(`scratch PostgreSQL ${server_version} database migrated and seeded`);
    const gen = await generate(database, pool, target, log);

    server = await startServer(dbUrl);
    const base = `http://127.0.0.1:${server.port}/api/v1`;
    const client = httpClient(base, clients);
    const token = async (username: string) => signPlatformToken(SECRET, 'http://127.0.0.1', (await db.selectFrom('people').select('id').where('username', '=', username).executeTakeFirstOrThrow()).id, 3600);
    const get = async (tok: string, p: string) => {
      const r = await client.get(p, { authorization: `Bearer ${tok}` });
      const body = r.json<{ items?: unknown[] }>();
      if (r.status !== 200) throw new Error(`GET ${p}: ${r.status} ${JSON.stringify(body)}`);
      return body;
    };

    // 1. Submissions: online filings by generated citizens at the provincial centre.
    const applicants = gen.sample.slice(0, clients);
    const applicantTokens = await Promise.all(applicants.map((a) => signPlatformToken(SECRET, 'http://127.0.0.1', a.applicant, 3600)));
    const procedure = gen.provincialProcedure;
    let serial = 0;
    const post = (c: number, key: string) =>
      client.post(
        '/dossiers',
        { authorization: `Bearer ${applicantTokens[c]}`, 'content-type': 'application/json', 'idempotency-key': key },
        JSON.stringify({ procedureCode: procedure, receivingAgencyCode: 'H55.01', formData: { hoTen: 'Nguyễn Văn An', soDinhDanh: applicants[c]!.personal_id } }),
      );
    const submit = async (c: number) => (await post(c, `bench-${c}-${++serial}`)).status === 201;
    await closedLoop(clients, Number(process.env.BENCH_WARMUP ?? 2), submit); // warm-up: caches filled, code paths compiled
    // The probe is a submission in the same steady state as the measured ones.
    await server.ask('capture');
    const probe = await post(0, 'bench-probe');
    const probeBody = probe.json<{ id: string }>();
    const { captured } = await server.ask<{ captured: Captured[] }>('captured');
    if (probe.status !== 201) throw new Error(`the probe submission failed: ${probe.status} ${JSON.stringify(probeBody)}`);
    const baselineTool: 'pgbench' | 'pg driver' = hasPgbench() ? 'pgbench' : 'pg driver';
    const { file: script, statements } = await pgbenchScript(pool, captured, probeBody.id, 'bench-probe', tmp);
    log(`pgbench script: the ${statements} statements of the probe submission: ${captured.map((c) => c.text.slice(0, 40).replace(/\s+/g, ' ')).join(' | ')}`);
    if (baselineTool === 'pg driver') log('pgbench not found: the baseline runs the same statements through the pg driver');

    // The two sides take turns, API then pgbench, in slices: whatever the machine or the database does
    // meanwhile (a checkpoint, autovacuum after the load, another tenant) falls on both sides alike.
    const slices = Math.max(1, Number(process.env.BENCH_SLICES ?? 4));
    const sliceSeconds = Math.max(1, Math.round(submitSeconds / slices));
    const serverPid = server.child.pid!;
    const api = { done: 0, failed: 0, seconds: 0, rows: 0, samples: [] as number[], cpu: { database: 0, server: 0, load: 0 } };
    const baseline = { done: 0, failed: 0, seconds: 0, rows: 0, cpu: { database: 0, load: 0 } };
    let cpuKnown = true;
    for (let k = 0; k < slices; k++) {
      const r0 = await insertedRows(pool);
      const c0 = sampleCpu({ server: serverPid, load: 'self' });
      const a = await closedLoop(clients, sliceSeconds, submit);
      const ca = cpuPerUnit(c0, sampleCpu({ server: serverPid, load: 'self' }), 1);
      const r1 = await insertedRows(pool);
      Object.assign(api, { done: api.done + a.done, failed: api.failed + a.failed, seconds: api.seconds + a.seconds, rows: api.rows + r1 - r0 });
      api.samples.push(...a.samples);

      const b0 = sampleCpu({ load: 'children' });
      let slice: { done: number; failed: number; seconds: number };
      if (baselineTool === 'pgbench') {
        const out = await runPgbench(dbUrl, script, clients, sliceSeconds);
        const parsed = parsePgbench(out);
        if (!parsed) throw new Error(`pgbench did not report:\n${out}`);
        slice = { done: parsed.transactions, failed: parsed.failed, seconds: parsed.tps > 0 ? parsed.transactions / parsed.tps : sliceSeconds };
      } else {
        const d = await driverBaseline(dbUrl, script, clients, sliceSeconds);
        slice = { done: d.done, failed: d.failed, seconds: d.done / Math.max(d.perSec, 1e-9) };
      }
      // pgbench is a reaped child by now; the driver baseline runs in this process.
      const cb = cpuPerUnit(b0, sampleCpu({ load: baselineTool === 'pgbench' ? 'children' : 'self' }), 1);
      const r2 = await insertedRows(pool);
      Object.assign(baseline, { done: baseline.done + slice.done, failed: baseline.failed + slice.failed, seconds: baseline.seconds + slice.seconds, rows: baseline.rows + r2 - r1 });
      if (ca.database === null || cb.database === null) cpuKnown = false;
      api.cpu.database += ca.database ?? 0;
      api.cpu.server += ca.processes.server ?? 0;
      api.cpu.load += ca.processes.load ?? 0;
      baseline.cpu.database += cb.database ?? 0;
      baseline.cpu.load += cb.processes.load ?? 0;
      log(`slice ${k + 1}/${slices}: API ${a.done} submissions, ${baselineTool} ${slice.done}`);
    }
    log(`API: ${api.done} submissions in ${api.seconds.toFixed(1)} s (${api.failed} failed); ${baselineTool}: ${baseline.done} in ${baseline.seconds.toFixed(1)} s (${baseline.failed} failed)`);
    const per = (ms: number, n: number) => (cpuKnown && n > 0 ? ms / n : null);
    const apiCpu = { database: per(api.cpu.database, api.done), server: per(api.cpu.server, api.done), load: per(api.cpu.load, api.done) };
    const baseCpu = { database: per(baseline.cpu.database, baseline.done), load: per(baseline.cpu.load, baseline.done) };
    const apiRows = api.rows;
    const baselineRows = baseline.rows;
    const apiLatency = latency(api.samples);
    const baselinePerSec = baseline.done / Math.max(baseline.seconds, 1e-9);
    const apiPerSec = api.done / api.seconds;

    // 2. Inboxes and search, officers of the provincial centre, a department and a ward.
    const officers = { desk: await token('motcua.tinh'), justice: await token('chuyenvien.tuphap'), ward: await token('chuyenvien.phandinhphung'), wardDesk: await token('motcua.phandinhphung') };
    const provincialSample = gen.sample.filter((s) => s.desk === 'H55.01');
    const anySample = gen.sample;
    const day = (d: Date) => d.toISOString().slice(0, 10);
    const weekAgo = day(new Date(Date.now() - 7 * 86_400_000));
    const monthAgo = day(new Date(Date.now() - 30 * 86_400_000));
    const pick = <T>(xs: T[], i: number) => xs[i % xs.length]!;
    const queries: { label: string; tok: string; path: (i: number) => string }[] = [
      { label: 'inbox to receive (desk H55.01)', tok: officers.desk, path: () => '/dossiers?box=to_receive&limit=20' },
      { label: 'inbox to process (dept H55.02)', tok: officers.justice, path: () => '/dossiers?box=to_process&limit=20' },
      { label: 'inbox due soon (dept H55.02)', tok: officers.justice, path: () => '/dossiers?box=due_soon&limit=20' },
      { label: 'inbox overdue (dept H55.02)', tok: officers.justice, path: () => '/dossiers?box=overdue&limit=20' },
      { label: 'inbox to process (ward)', tok: officers.ward, path: () => '/dossiers?box=to_process&limit=20' },
      { label: 'inbox overdue (ward)', tok: officers.ward, path: () => '/dossiers?box=overdue&limit=20' },
      { label: 'all, newest first (desk H55.01)', tok: officers.desk, path: () => '/dossiers?limit=20' },
      { label: 'search by code (desk H55.01)', tok: officers.desk, path: (i) => `/dossiers?code=${pick(provincialSample, i).code}` },
      { label: 'search by applicant ID (desk)', tok: officers.desk, path: (i) => `/dossiers?applicantPersonalId=${pick(anySample, i).personal_id}&limit=20` },
      { label: 'search by procedure (desk H55.01)', tok: officers.desk, path: (i) => `/dossiers?procedure=${pick(provincialSample, i).proc_code}&limit=20` },
      { label: 'search by date, last 7 days (desk)', tok: officers.desk, path: () => `/dossiers?from=${weekAgo}&limit=20` },
      { label: 'search by procedure + 30 days (desk)', tok: officers.desk, path: (i) => `/dossiers?procedure=${pick(provincialSample, i).proc_code}&from=${monthAgo}&limit=20` },
    ];
    const lookupPath = (i: number) => {
      const s = pick(anySample, i);
      return `/dossiers/lookup?code=${s.code}&idLast4=${s.personal_id.slice(-4)}`;
    };
    for (let i = 0; i < 20; i++) {
      await client.get(lookupPath(i));
      for (const qy of queries) await get(qy.tok, qy.path(i));
    }
    const baselineSamples: number[] = [];
    const perQ = queries.map(() => [] as number[]);
    const results = queries.map(() => 0);
    for (let i = 0; i < perQuery; i++) {
      const s0 = performance.now();
      const r = await client.get(lookupPath(i + 20));
      if (r.status !== 200) throw new Error(`lookup: ${r.status}`);
      baselineSamples.push(performance.now() - s0);
      for (const [k, qy] of queries.entries()) {
        const t = performance.now();
        const body = await get(qy.tok, qy.path(i + 20));
        perQ[k]!.push(performance.now() - t);
        results[k] = Math.max(results[k]!, body.items?.length ?? 0);
      }
    }
    const lat = queries.map((qy, k) => ({ label: qy.label, latency: latency(perQ[k]!), results: results[k]! }));
    const worstP95 = Math.max(...lat.map((l) => l.latency.p95));

    client.close();
    const rss = await server.ask<{ maxRssKiB: number; rss: number }>('rss');
    const ratio = apiPerSec / Math.max(baselinePerSec, 0.001);
    return {
      name: 'dossiers',
      database: 'postgresql',
      server: server_version,
      dossiers: target,
      events: gen.events,
      applicants: gen.applicants,
      desks: gen.desks,
      generation: gen.generation,
      submissions: {
        clients,
        seconds: sliceSeconds * slices,
        slices,
        api: { perSec: Math.round(apiPerSec), done: api.done, failed: api.failed, p95: apiLatency.p95 },
        baseline: { tool: baselineTool, perSec: Math.round(baselinePerSec), done: baseline.done, failed: baseline.failed },
        ratio: Math.round(ratio * 100) / 100,
        target: TARGET_SUBMIT_RATIO,
        targetMet: ratio >= TARGET_SUBMIT_RATIO,
        rowsPerSubmission: { api: Math.round((apiRows / Math.max(1, api.done)) * 10) / 10, baseline: Math.round((baselineRows / Math.max(1, baseline.done)) * 10) / 10 },
        cpu: {
          api: apiCpu,
          baseline: baseCpu,
        },
      },
      latency: lat,
      baseline: latency(baselineSamples),
      worstP95,
      targetP95Ms: TARGET_P95_MS,
      targetMet: worstP95 < TARGET_P95_MS,
      server_rss: { peakMiB: Math.round(rss.maxRssKiB / 1024), afterMiB: Math.round(rss.rss / 1048576) },
    };
  } finally {
    if (server) {
      const exited = new Promise((r) => server!.child.once('exit', r));
      server.child.send({ cmd: 'stop' });
      await Promise.race([exited, new Promise((r) => setTimeout(r, 5000))]);
      if (server.child.exitCode === null) server.child.kill();
    }
    if (!process.env.BENCH_KEEP_DATABASE) fs.rmSync(tmp, { recursive: true, force: true });
    await pool.end();
    await database.close();
    if (process.env.BENCH_KEEP_DATABASE) {
      log(`scratch database kept for inspection: ${name}, and the pgbench script in ${tmp} (drop and remove them when done)`);
    } else {
      const c = new pg.Client({ connectionString: url });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await c.end();
    }
  }
}

/** Without pgbench: the same script's statements through node-postgres, one connection per client. */
async function driverBaseline(url: string, script: string, clients: number, seconds: number) {
  const statements = fs.readFileSync(script, 'utf8').split('\n').filter((l) => l && !l.startsWith('\\set'));
  const conns = await Promise.all(Array.from({ length: clients }, async () => {
    const c = new pg.Client({ connectionString: url });
    await c.connect();
    return c;
  }));
  try {
    const r = await closedLoop(clients, seconds, async (c, i) => {
      const vars: Record<string, string> = { client_id: String(c), n: `${Date.now()}${i}` };
      try {
        for (const line of statements) {
          const gset = line.endsWith('\\gset');
          const text = line.replace(/\s*\\gset$/, '').replace(/:(did|audit_seq|audit_hash|client_id|n)\b/g, (_, v: string) => vars[v] ?? '');
          const res = await conns[c]!.query(text);
          if (gset) for (const [k, v] of Object.entries(res.rows[0] ?? {})) vars[k] = String(v);
        }
        return true;
      } catch {
        await conns[c]!.query('ROLLBACK').catch(() => {});
        return false;
      }
    });
    return { perSec: r.done / r.seconds, done: r.done, failed: r.failed };
  } finally {
    await Promise.all(conns.map((c) => c.end()));
  }
}

async function main(): Promise<void> {
  const r = await run({ log: (line) => process.stderr.write(`  … ${line}\n`) });
  if ('skipped' in r) {
    console.log(`dossiers: skipped — ${r.skipped}`);
    return;
  }
  const ms = (l: Latency) => `p50 ${String(l.p50).padStart(6)} ms   p95 ${String(l.p95).padStart(6)} ms   p99 ${String(l.p99).padStart(6)} ms   (${l.samples} runs)`;
  const n = (x: number) => x.toLocaleString('en-US');
  console.log(`dossiers: PostgreSQL ${r.server}, ${n(r.dossiers)} dossiers, ${n(r.events)} history events, ${n(r.applicants)} applicants, ${r.desks} one-stop desks`);
  console.log(`  generation        ${n(r.generation.dossiersPerSec)} dossiers/s overall, ${n(r.generation.rowsPerSec)} rows/s load (${r.generation.seconds.toFixed(1)} s, ${n(r.generation.templates)} domain templates, indexes ${r.generation.indexSeconds} s)`);
  const s = r.submissions;
  console.log(`  submissions       API ${n(s.api.perSec)} /s (${n(s.api.done)} in ${s.seconds} s, ${s.clients} clients, p95 ${s.api.p95} ms, ${s.api.failed} failed; ${s.slices} slices taking turns with the baseline)`);
  console.log(`  baseline          ${s.baseline.tool} ${n(s.baseline.perSec)} /s (${n(s.baseline.done)}, ${s.baseline.failed} failed), same statements`);
  console.log(`  rows / submission API ${s.rowsPerSubmission.api}, ${s.baseline.tool} ${s.rowsPerSubmission.baseline}`);
  const c = s.cpu;
  const cpuMs = (x: number | null) => (x === null ? '—' : x.toFixed(2));
  if (c.api.database !== null) {
    console.log(`  CPU / submission  API: database ${cpuMs(c.api.database)} + server ${cpuMs(c.api.server)} + load ${cpuMs(c.api.load)} ms; ${s.baseline.tool}: database ${cpuMs(c.baseline.database)} + load ${cpuMs(c.baseline.load)} ms`);
  }
  console.log(`  ratio API/${s.baseline.tool}  ${Math.round(s.ratio * 100)} %   target ≥ ${s.target * 100} %: ${s.targetMet ? 'MET' : 'NOT MET'}`);
  console.log(`  baseline: public lookup by code     ${ms(r.baseline)}`);
  for (const l of r.latency) console.log(`  ${l.label.padEnd(36)} ${ms(l.latency)}  [${l.results} rows]`);
  console.log(`  worst p95 ${r.worstP95} ms, target < ${r.targetP95Ms} ms: ${r.targetMet ? 'MET' : 'NOT MET'}`);
  console.log(`  server peak RSS   ${r.server_rss.peakMiB} MiB (now ${r.server_rss.afterMiB} MiB)`);
  if (!r.targetMet || !s.targetMet) process.exitCode = 1;
}

if (process.env.BENCH_SERVER_DATABASE_URL) await serve();
else if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) await main();
