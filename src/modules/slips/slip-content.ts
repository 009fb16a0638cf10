/**
 * The content of each slip, built from a dossier's data and history. Pure: no I/O, no clock; the PDF
 * renderer (slip-pdf.ts) only lays out what is decided here.
 *
 * The layout follows the one-stop forms as the domain brief describes them (domain.md §3.2–3.3,
 * domain-2025.md §2.2): the national motto, the agency, the slip number and date, the title, the dossier
 * code, the applicant, the procedure, the body of the form, the signatures, and a QR code opening the
 * public tracking page. The Circular 03/2025 form bodies were not available to the brief; until they are,
 * both sets use the 2018 bodies under their own numbers and titles (domain-2025.md §2.2).
 */
import type { Duration } from '../calendar/index.js';
import {
  Action,
  classifyCompletion,
  classifyStep,
  controlSlipRows,
  replay,
  RULE_SET_BY_ID,
  STOP_REASON_LABELS,
  stepEffect,
  TIMELINESS_LABELS,
  type DossierEvent,
  type DossierState,
  type FormSet,
  type Timeliness,
} from '../dossiers/domain/index.js';
import type { LocalizedText } from '../../platform/errors.js';
import { issuedSlips, SlipKind, slipFormSet, type IssuedSlip } from './slip-forms.js';
import { durationWords, vnDateTimeWords, vnDateWords, vnShortDateTime, workingMinutesWords } from './vietnamese-text.js';

// ---------------------------------------------------------------------------------------------
// The document model

export type Block =
  | { readonly type: 'paragraph'; readonly text: string; readonly bold?: boolean; readonly italic?: boolean }
  | { readonly type: 'field'; readonly label: string; readonly value: string }
  | { readonly type: 'list'; readonly items: readonly string[] }
  | {
      readonly type: 'table';
      /** Relative widths. */
      readonly columns: readonly { readonly title: string; readonly width: number }[];
      readonly rows: readonly (readonly string[])[];
    };

export interface Signature {
  readonly title: string;
  readonly note: string;
  readonly name: string | null;
}

export interface SlipDocument {
  readonly kind: SlipKind | 'tracking_book';
  readonly layout: 'portrait' | 'landscape';
  readonly formSet: FormSet['id'];
  /** "Mẫu số 01 – Thông tư số 03/2025/TT-VPCP"; forms without a number name only the circular. */
  readonly formLabel: string;
  /** Cơ quan chủ quản (upper line) and the issuing agency or one-stop unit. */
  readonly agency: { readonly parentName: string | null; readonly name: string };
  readonly number: string | null;
  /** "Thái Nguyên, ngày 05 tháng 03 năm 2026". */
  readonly placeAndDate: string;
  readonly title: string;
  readonly subtitle: readonly string[];
  readonly blocks: readonly Block[];
  readonly signatures: readonly Signature[];
  /** Null when the dossier has no national code yet (before receipt): the public page looks codes up. */
  readonly qr: { readonly payload: string; readonly caption: string } | null;
  readonly dossierCode: string | null;
  readonly issuedAt: Date;
  /** Vietnamese file name, e.g. "Giấy tiếp nhận hồ sơ và hẹn trả kết quả - H55.01-260302-0001.pdf". */
  readonly fileName: string;
}

export const NATIONAL_MOTTO = { country: 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', motto: 'Độc lập - Tự do - Hạnh phúc' } as const;

// ---------------------------------------------------------------------------------------------
// What the builders read

export interface AgencyInfo {
  readonly code: string;
  readonly name: string;
  readonly parentName: string | null;
  /** Locality printed before the date ("Thái Nguyên"). */
  readonly place: string | null;
}

export interface SlipSource {
  readonly dossierId: string;
  readonly procedure: { readonly code: string; readonly name: string };
  /** Papers of the procedure (thành phần hồ sơ) with the number of originals and copies. */
  readonly components: readonly { readonly name: string; readonly originals: number | null; readonly copies: number | null }[];
  readonly applicant: {
    readonly name: string;
    readonly personalId: string | null;
    readonly address: string | null;
    readonly phone: string | null;
    readonly email: string | null;
  };
  readonly representative: { readonly name: string; readonly mandate: string } | null;
  readonly events: readonly DossierEvent[];
  /** Every agency the history names (receiving, competent, holders, co-operating). */
  readonly agencies: Readonly<Record<string, AgencyInfo>>;
  /** Full names of the people the history names, by id. */
  readonly people: Readonly<Record<string, string>>;
  /** config.publicUrl, without a trailing slash. */
  readonly publicUrl: string;
}

/** Raised when the slip asked for was never issued for this dossier (mapped to 409 by the service). */
export class SlipNotIssued extends Error {
  constructor(readonly kind: SlipKind, readonly available: readonly IssuedSlip[]) {
    super(`slip ${kind} was not issued`);
  }
}

// ---------------------------------------------------------------------------------------------
// Shared pieces

/** The public tracking page of a dossier (the portal's page, which calls the public lookup). */
export const trackingUrl = (publicUrl: string, code: string) => `${publicUrl.replace(/\/$/, '')}/tra-cuu?ma=${encodeURIComponent(code)}`;

const ABBREVIATION: Record<SlipKind, string> = {
  receipt: 'TNHS',
  supplement_request: 'BSHS',
  refusal: 'TCHS',
  apology_extension: 'XLHS',
  stop_notice: 'DGQ',
  control_slip: 'KSHS',
};

const CHANNEL_WORDS: Record<string, string> = { online: 'trực tuyến', desk: 'trực tiếp tại Bộ phận Một cửa', post: 'qua dịch vụ bưu chính' };

function formLabel(set: FormSet, kind: SlipKind | 'tracking_book'): string {
  const n = set.forms[kind].number;
  return n === null ? `Theo ${set.circular.vi}` : `Mẫu số ${n} – ${set.circular.vi}`;
}

function agencyOf(source: SlipSource, code: string): AgencyInfo {
  return source.agencies[code] ?? { code, name: code, parentName: null, place: null };
}

const personName = (source: SlipSource, id: string | null) => (id === null ? null : (source.people[id] ?? null));
const placeAndDate = (agency: AgencyInfo, at: Date) => `${agency.place ? `${agency.place}, ` : ''}${vnDateWords(at)}`;

function eventAt<A extends DossierEvent['action']>(source: SlipSource, seq: number, action?: A): Extract<DossierEvent, { action: A }> | DossierEvent {
  const e = source.events.find((x) => x.seq === seq);
  if (!e || (action !== undefined && e.action !== action)) throw new Error(`no ${action ?? 'event'} at seq ${seq}`);
  return e;
}

function applicantFields(source: SlipSource): Block[] {
  const a = source.applicant;
  const fields: Block[] = [{ type: 'field', label: 'Tên tổ chức, cá nhân', value: a.name }];
  if (a.personalId) fields.push({ type: 'field', label: 'Số định danh cá nhân / mã số', value: a.personalId });
  if (a.address) fields.push({ type: 'field', label: 'Địa chỉ', value: a.address });
  const contact = [a.phone && `Số điện thoại: ${a.phone}`, a.email && `Email: ${a.email}`].filter(Boolean).join('   ');
  if (contact) fields.push({ type: 'field', label: 'Liên hệ', value: contact });
  if (source.representative) {
    fields.push({ type: 'field', label: 'Người nộp thay', value: `${source.representative.name} (theo ${source.representative.mandate})` });
  }
  return fields;
}

const procedureField = (source: SlipSource): Block => ({
  type: 'field',
  label: 'Nội dung yêu cầu giải quyết',
  value: `${source.procedure.name} (mã thủ tục ${source.procedure.code})`,
});

function frame(
  source: SlipSource,
  state: DossierState,
  kind: SlipKind,
  slip: IssuedSlip,
  issuer: AgencyInfo,
): Pick<SlipDocument, 'kind' | 'layout' | 'formSet' | 'formLabel' | 'agency' | 'number' | 'placeAndDate' | 'title' | 'subtitle' | 'qr' | 'dossierCode' | 'issuedAt' | 'fileName'> {
  const set = slipFormSet(state.receivedAt, slip.issuedAt);
  const code = state.dossierCode;
  const title = set.forms[kind].title.vi;
  return {
    kind,
    layout: kind === SlipKind.CONTROL_SLIP ? 'landscape' : 'portrait',
    formSet: set.id,
    formLabel: formLabel(set, kind),
    agency: { parentName: issuer.parentName, name: issuer.name },
    number: `${String(slip.seq).padStart(2, '0')}/${ABBREVIATION[kind]}`,
    placeAndDate: placeAndDate(issuer, slip.issuedAt),
    title: title.toLocaleUpperCase('vi'),
    subtitle: [code ? `Mã hồ sơ: ${code}` : 'Mã hồ sơ: chưa cấp (hồ sơ chưa được tiếp nhận)'],
    qr: code ? { payload: trackingUrl(source.publicUrl, code), caption: `Tra cứu tình trạng hồ sơ: ${trackingUrl(source.publicUrl, code)}` } : null,
    dossierCode: code,
    issuedAt: slip.issuedAt,
    fileName: `${title} - ${code ?? source.dossierId}.pdf`,
  };
}

// ---------------------------------------------------------------------------------------------
// The builders

/**
 * The content of one slip of a dossier. `seq` picks one issue of a slip issued more than once (each
 * supplement request); by default the latest. Throws SlipNotIssued when the history never produced it.
 */
export function buildSlip(source: SlipSource, kind: SlipKind, seq?: number): SlipDocument {
  const all = issuedSlips(source.events);
  const candidates = all.filter((s) => s.kind === kind && (seq === undefined || s.seq === seq));
  const slip = candidates.at(-1);
  if (!slip) throw new SlipNotIssued(kind, all);
  const state = replay(source.events);
  switch (kind) {
    case SlipKind.RECEIPT:
      return receipt(source, state, slip);
    case SlipKind.SUPPLEMENT_REQUEST:
      return supplementRequest(source, state, slip);
    case SlipKind.REFUSAL:
      return refusal(source, state, slip);
    case SlipKind.APOLOGY_EXTENSION:
      return apology(source, state, slip);
    case SlipKind.STOP_NOTICE:
      return stopNotice(source, state, slip);
    case SlipKind.CONTROL_SLIP:
      return controlSlip(source, state, slip);
  }
}

function receipt(source: SlipSource, state: DossierState, slip: IssuedSlip): SlipDocument {
  const e = eventAt(source, slip.seq, Action.RECEIVE);
  const desk = agencyOf(source, state.receivingAgencyCode);
  const payload = e.action === Action.RECEIVE ? e.payload : null;
  const code = payload?.dossierCode ?? state.dossierCode ?? '';
  const sequence = code.split('-').at(-1) ?? '';
  const papers: Block =
    source.components.length === 0
      ? { type: 'paragraph', text: 'Theo thành phần hồ sơ của thủ tục hành chính đã công bố.' }
      : {
          type: 'table',
          columns: [
            { title: 'STT', width: 1 },
            { title: 'Tên loại giấy tờ', width: 9 },
            { title: 'Bản chính', width: 2 },
            { title: 'Bản sao', width: 2 },
          ],
          rows: source.components.map((c, i) => [String(i + 1), c.name, String(c.originals ?? 0), String(c.copies ?? 0)]),
        };
  const officer = personName(source, e.actorId);
  return {
    ...frame(source, state, SlipKind.RECEIPT, slip, desk),
    blocks: [
      { type: 'paragraph', text: `${desk.name} tiếp nhận hồ sơ (${CHANNEL_WORDS[state.channel] ?? state.channel}) của:` },
      ...applicantFields(source),
      procedureField(source),
      { type: 'paragraph', text: '1. Thành phần hồ sơ nộp gồm:', bold: true },
      papers,
      { type: 'field', label: '2. Số lượng hồ sơ', value: '01 (bộ)' },
      { type: 'field', label: '3. Thời gian giải quyết hồ sơ theo quy định', value: payload ? durationWords(payload.timeLimit) : '' },
      { type: 'field', label: '4. Thời gian nhận hồ sơ', value: vnDateTimeWords(e.at) },
      { type: 'field', label: '5. Thời gian trả kết quả giải quyết hồ sơ', value: e.due.after ? vnDateTimeWords(e.due.after) : '' },
      { type: 'field', label: '6. Đăng ký nhận kết quả tại', value: desk.name },
      { type: 'paragraph', text: `Vào Sổ theo dõi hồ sơ, số thứ tự: ${sequence}.`, italic: true },
    ],
    signatures: [
      { title: 'NGƯỜI NỘP HỒ SƠ', note: '(Ký và ghi rõ họ tên)', name: source.representative?.name ?? source.applicant.name },
      { title: 'NGƯỜI TIẾP NHẬN HỒ SƠ', note: '(Ký và ghi rõ họ tên)', name: officer },
    ],
  };
}

function supplementRequest(source: SlipSource, state: DossierState, slip: IssuedSlip): SlipDocument {
  const e = eventAt(source, slip.seq, Action.REQUEST_SUPPLEMENT);
  const payload = e.action === Action.REQUEST_SUPPLEMENT ? e.payload : { items: [], legalBasis: undefined };
  const issuer = agencyOf(source, e.agencyCode ?? state.receivingAgencyCode);
  const round = issuedSlips(source.events).filter((s) => s.kind === SlipKind.SUPPLEMENT_REQUEST && s.seq <= slip.seq).length;
  const blocks: Block[] = [
    {
      type: 'paragraph',
      text: `${issuer.name} ${e.status.from === 'IN_PROCESS' ? 'đang giải quyết' : 'đã nhận'} hồ sơ của:`,
    },
    ...applicantFields(source),
    procedureField(source),
    { type: 'paragraph', text: `Yêu cầu bổ sung, hoàn thiện hồ sơ (lần ${round}) gồm những nội dung sau:`, bold: true },
    {
      type: 'table',
      columns: [
        { title: 'STT', width: 1 },
        { title: 'Thành phần hồ sơ', width: 4 },
        { title: 'Nội dung cần bổ sung, hoàn thiện và lý do', width: 9 },
      ],
      rows: payload.items.map((item, i) => [String(i + 1), item.componentCode, item.reason]),
    },
  ];
  if (payload.legalBasis) blocks.push({ type: 'field', label: 'Căn cứ', value: payload.legalBasis });
  blocks.push({
    type: 'paragraph',
    text: `Trong quá trình hoàn thiện hồ sơ, nếu có vướng mắc, ông/bà liên hệ ${issuer.name} để được hướng dẫn. Thời gian giải quyết được tính lại từ khi nhận đủ hồ sơ bổ sung.`,
    italic: true,
  });
  return {
    ...frame(source, state, SlipKind.SUPPLEMENT_REQUEST, slip, issuer),
    blocks,
    signatures: [{ title: 'NGƯỜI HƯỚNG DẪN', note: '(Ký và ghi rõ họ tên)', name: personName(source, e.actorId) }],
  };
}

function refusal(source: SlipSource, state: DossierState, slip: IssuedSlip): SlipDocument {
  const e = eventAt(source, slip.seq, Action.REFUSE_RECEPTION);
  const reasons = e.action === Action.REFUSE_RECEPTION ? e.payload.reasons : [];
  const desk = agencyOf(source, state.receivingAgencyCode);
  return {
    ...frame(source, state, SlipKind.REFUSAL, slip, desk),
    blocks: [
      { type: 'paragraph', text: `${desk.name} nhận được hồ sơ (${CHANNEL_WORDS[state.channel] ?? state.channel}) của:` },
      ...applicantFields(source),
      procedureField(source),
      { type: 'paragraph', text: 'Sau khi xem xét, đối chiếu với quy định, hồ sơ không đủ điều kiện để tiếp nhận với lý do cụ thể như sau:', bold: true },
      { type: 'list', items: [...reasons] },
      { type: 'field', label: 'Thời gian từ chối', value: vnDateTimeWords(e.at) },
      { type: 'paragraph', text: 'Xin thông báo để ông/bà được biết và thực hiện.', italic: true },
    ],
    signatures: [{ title: 'NGƯỜI TIẾP NHẬN HỒ SƠ', note: '(Ký và ghi rõ họ tên)', name: personName(source, e.actorId) }],
  };
}

function apology(source: SlipSource, state: DossierState, slip: IssuedSlip): SlipDocument {
  const e = eventAt(source, slip.seq, Action.ISSUE_APOLOGY);
  const payload = e.action === Action.ISSUE_APOLOGY ? e.payload : null;
  const issuer = agencyOf(source, e.agencyCode ?? state.holderAgencyCode);
  const desk = agencyOf(source, state.receivingAgencyCode);
  const doc = frame(source, state, SlipKind.APOLOGY_EXTENSION, slip, issuer);
  const extension = doc.formSet === 'circular-03-2025';
  return {
    ...doc,
    blocks: [
      {
        type: 'paragraph',
        text: `${desk.name} tiếp nhận hồ sơ của ông/bà ${source.applicant.name} vào lúc ${state.receivedAt ? vnDateTimeWords(state.receivedAt) : ''}.`,
      },
      procedureField(source),
      { type: 'field', label: 'Thời gian hẹn trả kết quả', value: e.due.before ? vnDateTimeWords(e.due.before) : '' },
      { type: 'paragraph', text: 'Tuy nhiên đến nay, hồ sơ chưa giải quyết xong vì lý do sau:' },
      { type: 'list', items: [payload?.reason ?? ''] },
      {
        type: 'paragraph',
        text: `${issuer.name} xin lỗi ông/bà về sự chậm trễ này và ${extension ? 'đề nghị gia hạn thời gian giải quyết, hẹn trả kết quả' : 'hẹn lại thời gian trả kết quả'} vào lúc:`,
      },
      { type: 'paragraph', text: payload ? vnDateTimeWords(payload.newDue) : '', bold: true },
      { type: 'paragraph', text: 'Rất mong nhận được sự thông cảm của ông/bà.', italic: true },
    ],
    signatures: [{ title: `THỦ TRƯỞNG ${issuer.name.toLocaleUpperCase('vi')}`, note: '(Ký, ghi rõ họ tên và đóng dấu)', name: personName(source, e.actorId) }],
  };
}

function stopNotice(source: SlipSource, state: DossierState, slip: IssuedSlip): SlipDocument {
  const e = eventAt(source, slip.seq);
  const issuer = agencyOf(source, e.agencyCode ?? state.receivingAgencyCode);
  const grounds: Block[] =
    e.action === Action.WITHDRAW
      ? [
          { type: 'field', label: 'Căn cứ', value: `Đề nghị dừng thực hiện thủ tục hành chính của người nộp hồ sơ, ${vnDateTimeWords(e.at)}` },
          ...(e.payload.reason ? [{ type: 'field', label: 'Lý do người nộp nêu', value: e.payload.reason } as const] : []),
        ]
      : e.action === Action.STOP_PROCESSING
        ? [
            { type: 'field', label: 'Căn cứ', value: STOP_REASON_LABELS[e.payload.reason].vi },
            { type: 'field', label: 'Nội dung', value: e.payload.note },
          ]
        : [];
  return {
    ...frame(source, state, SlipKind.STOP_NOTICE, slip, issuer),
    blocks: [
      { type: 'paragraph', text: `${issuer.name} thông báo về hồ sơ của:` },
      ...applicantFields(source),
      procedureField(source),
      ...grounds,
      { type: 'paragraph', text: `Hồ sơ được dừng giải quyết kể từ ${vnDateTimeWords(e.at)}. Hồ sơ giấy (nếu có) được trả lại theo quy định.`, bold: true },
    ],
    signatures: [{ title: 'NGƯỜI THÔNG BÁO', note: '(Ký và ghi rõ họ tên)', name: personName(source, e.actorId) }],
  };
}

// ---------------------------------------------------------------------------------------------
// The control slip

/** One printed row of the control slip: a hand-over, the step it opened and how that step ended. */
export interface ControlSlipLine {
  readonly seq: number;
  readonly from: { readonly agencyCode: string; readonly person: string | null };
  readonly to: { readonly agencyCode: string; readonly person: string | null };
  readonly receivedAt: Date;
  readonly stepName: string | null;
  readonly stepBudget: Duration | null;
  readonly stepDue: Date | null;
  /** When the step ended (the next hand-over or the end of processing); null while it runs. */
  readonly doneAt: Date | null;
  readonly result: Timeliness | null;
}

/**
 * The control slip's lines, from the domain's hand-over rows (controlSlipRows): each row opens a step
 * whose budget and due the opening event recorded; the next row, or the event that closed the dossier,
 * ended it with the result the domain classified (classifyStep).
 */
export function controlSlipLines(events: readonly DossierEvent[], people: Readonly<Record<string, string>> = {}): ControlSlipLine[] {
  const rows = controlSlipRows(events);
  const bySeq = new Map(events.map((e) => [e.seq, e]));
  const name = (id: string | null) => (id === null ? null : (people[id] ?? id));
  return rows.map((row, i) => {
    const opening = bySeq.get(row.seq)!;
    const budget = 'stepBudget' in opening.payload ? ((opening.payload as { stepBudget?: Duration }).stepBudget ?? null) : null;
    const next = rows[i + 1];
    let doneAt: Date | null = null;
    let result: Timeliness | null = null;
    if (next) {
      doneAt = next.at;
      result = next.endedStep?.result ?? null;
    } else {
      const closing = events.find((e) => e.seq > row.seq && stepEffect(e.action) === 'close');
      if (closing) {
        doneAt = closing.at;
        result = closing.stepDue.before === null ? null : classifyStep(closing.at, closing.stepDue.before);
      }
    }
    return {
      seq: row.seq,
      // The first hand-over is the reception: the applicant hands the dossier to the desk.
      from: i === 0 && opening.action === Action.RECEIVE ? { agencyCode: '', person: null } : { agencyCode: row.from.agencyCode, person: name(row.actorId) },
      to: { agencyCode: row.to.agencyCode, person: name(row.to.assigneeId) },
      receivedAt: row.at,
      stepName: 'stepName' in opening.payload ? ((opening.payload as { stepName?: string }).stepName ?? null) : null,
      stepBudget: budget,
      stepDue: opening.stepDue.after,
      doneAt,
      result,
    };
  });
}

function controlSlip(source: SlipSource, state: DossierState, slip: IssuedSlip): SlipDocument {
  const lines = controlSlipLines(source.events, source.people);
  const lead = agencyOf(source, state.competentAgencyCode);
  const desk = agencyOf(source, state.receivingAgencyCode);
  const coop = [
    ...new Set(source.events.flatMap((e) => (e.action === Action.TRANSFER ? [e.payload.toAgencyCode] : []))),
  ].map((c) => agencyOf(source, c).name);
  const who = (side: { agencyCode: string; person: string | null }) =>
    side.agencyCode === '' ? `Người nộp hồ sơ: ${source.representative?.name ?? source.applicant.name}` : `${agencyOf(source, side.agencyCode).name}${side.person ? ` – ${side.person}` : ''}`;
  const rules = state.rules ? RULE_SET_BY_ID[state.rules] : undefined;
  const outcome: Timeliness | null =
    state.finishedAt !== null && state.legalDue !== null && state.receivedAt !== null
      ? classifyCompletion(state.finishedAt, state.legalDue, state.supplementRounds, rules)
      : null;
  const blocks: Block[] = [
    { type: 'paragraph', text: `Kèm theo Giấy tiếp nhận hồ sơ và hẹn trả kết quả, mã hồ sơ ${state.dossierCode ?? ''}.`, italic: true },
    { type: 'field', label: 'Người nộp hồ sơ', value: source.applicant.name },
    procedureField(source),
    { type: 'field', label: 'Cơ quan giải quyết hồ sơ', value: lead.name },
    { type: 'field', label: 'Cơ quan phối hợp giải quyết hồ sơ', value: coop.length > 0 ? coop.join('; ') : 'Không' },
    { type: 'field', label: 'Hẹn trả kết quả', value: state.due ? vnDateTimeWords(state.due) : '' },
    {
      type: 'table',
      columns: [
        { title: 'STT', width: 1.2 },
        { title: 'Bên giao hồ sơ', width: 5 },
        { title: 'Bên nhận hồ sơ', width: 5 },
        { title: 'Thời gian nhận', width: 3 },
        { title: 'Thời hạn bước xử lý', width: 3 },
        { title: 'Hạn xử lý', width: 3 },
        { title: 'Thời gian hoàn thành', width: 3 },
        { title: 'Kết quả (trước hạn / đúng hạn / quá hạn)', width: 3 },
      ],
      rows: lines.map((l, i) => [
        String(i + 1),
        who(l.from),
        `${who(l.to)}${l.stepName ? `\n(${l.stepName})` : ''}`,
        vnShortDateTime(l.receivedAt),
        l.stepBudget ? durationWords(l.stepBudget) : '',
        l.stepDue ? vnShortDateTime(l.stepDue) : '',
        l.doneAt ? vnShortDateTime(l.doneAt) : 'Đang xử lý',
        l.result ? TIMELINESS_LABELS[l.result].vi : '',
      ]),
    },
  ];
  const minutes = Object.entries(state.agencyMinutes);
  if (minutes.length > 0) {
    blocks.push({ type: 'paragraph', text: 'Thời gian mỗi cơ quan giữ hồ sơ (giờ làm việc, không tính thời gian tạm dừng):', bold: true });
    blocks.push({
      type: 'table',
      columns: [
        { title: 'Cơ quan', width: 8 },
        { title: 'Thời gian', width: 3 },
      ],
      rows: minutes.map(([code, m]) => [agencyOf(source, code).name, workingMinutesWords(m)]),
    });
  }
  if (outcome) blocks.push({ type: 'field', label: 'Kết quả giải quyết hồ sơ', value: TIMELINESS_LABELS[outcome].vi });
  return {
    ...frame(source, state, SlipKind.CONTROL_SLIP, slip, desk),
    blocks,
    signatures: [
      { title: 'NGƯỜI GIAO HỒ SƠ', note: '(Ký và ghi rõ họ tên theo từng bước)', name: null },
      { title: 'NGƯỜI NHẬN HỒ SƠ', note: '(Ký và ghi rõ họ tên theo từng bước)', name: null },
    ],
  };
}

// ---------------------------------------------------------------------------------------------
// The tracking book (sổ theo dõi hồ sơ)

export interface TrackingBookEntry {
  readonly code: string;
  readonly procedureName: string;
  readonly applicantName: string;
  readonly applicantContact: string | null;
  readonly competentAgencyName: string;
  readonly receivedAt: Date;
  readonly dueAt: Date | null;
  readonly returnedAt: Date | null;
  readonly status: LocalizedText;
}

export interface TrackingBookSource {
  readonly agency: AgencyInfo;
  /** Receipt days, inclusive (Viet Nam), 'YYYY-MM-DD'. */
  readonly from: string;
  readonly to: string;
  readonly entries: readonly TrackingBookEntry[];
  readonly printedAt: Date;
}

const isoDay = (iso: string) => {
  const [y, m, d] = iso.split('-');
  return `${d}/${m}/${y}`;
};

/** The register of the dossiers an agency's desk received in a period, in receipt order. */
export function buildTrackingBook(source: TrackingBookSource): SlipDocument {
  // The period's first day stands for the receipt date of the register's dossiers.
  const set = slipFormSet(new Date(`${source.from}T00:00:00+07:00`), source.printedAt);
  const title = set.forms.tracking_book.title.vi;
  const sorted = [...source.entries].sort((a, b) => a.receivedAt.getTime() - b.receivedAt.getTime() || a.code.localeCompare(b.code));
  return {
    kind: 'tracking_book',
    layout: 'landscape',
    formSet: set.id,
    formLabel: formLabel(set, 'tracking_book'),
    agency: { parentName: source.agency.parentName, name: source.agency.name },
    number: null,
    placeAndDate: placeAndDate(source.agency, source.printedAt),
    title: title.toLocaleUpperCase('vi'),
    subtitle: [`Từ ngày ${isoDay(source.from)} đến ngày ${isoDay(source.to)}`, `Số hồ sơ: ${sorted.length}`],
    blocks: [
      {
        type: 'table',
        columns: [
          { title: 'STT', width: 1.4 },
          { title: 'Mã hồ sơ', width: 5.6 },
          { title: 'Tên thủ tục hành chính', width: 5.5 },
          { title: 'Số lượng (bộ)', width: 2.2 },
          { title: 'Tổ chức, cá nhân', width: 4 },
          { title: 'Địa chỉ, số điện thoại', width: 4 },
          { title: 'Cơ quan chủ trì giải quyết', width: 4 },
          { title: 'Nhận hồ sơ', width: 3 },
          { title: 'Hẹn trả kết quả', width: 3 },
          { title: 'Trả kết quả', width: 3 },
          { title: 'Ghi chú', width: 2.8 },
        ],
        rows: sorted.map((e, i) => [
          String(i + 1),
          e.code,
          e.procedureName,
          '01',
          e.applicantName,
          e.applicantContact ?? '',
          e.competentAgencyName,
          vnShortDateTime(e.receivedAt),
          e.dueAt ? vnShortDateTime(e.dueAt) : '',
          e.returnedAt ? vnShortDateTime(e.returnedAt) : '',
          e.status.vi,
        ]),
      },
    ],
    signatures: [{ title: 'NGƯỜI LẬP SỔ', note: '(Ký và ghi rõ họ tên)', name: null }],
    qr: null,
    dossierCode: null,
    issuedAt: source.printedAt,
    fileName: `${title} - ${source.agency.code} - ${source.from} - ${source.to}.pdf`,
  };
}
