/**
 * Messages to applicants and officers, Vietnamese first and English second. Pure: data in, text out;
 * dates are printed in Viet Nam time whatever the server's zone.
 */
import { formatVnTime } from '../calendar/index.js';

export type SupplementLine = { componentCode: string; reason: string };

export type TemplateData = {
  dossier_submitted: { submittedAt: string };
  dossier_received: { code: string; dueAt: string | null };
  supplement_requested: { code: string; items: SupplementLine[] };
  payment_requested: { code: string; amount: number; description: string };
  result_ready: { code: string };
  apology: { code: string; newDueAt: string; reason: string };
  refused: { code: string | null; reasons: string[]; atReception: boolean };
  redated: { code: string; dueBefore: string | null; dueAfter: string | null; change: string };
  officer_reminder: { code: string; stepDueAt: string; stepName: string | null };
  overdue_escalation: { code: string; dueAt: string; holderAgencyCode: string; daysLate: number };
};
export type TemplateName = keyof TemplateData;
export const TEMPLATE_NAMES = [
  'dossier_submitted',
  'dossier_received',
  'supplement_requested',
  'payment_requested',
  'result_ready',
  'apology',
  'refused',
  'redated',
  'officer_reminder',
  'overdue_escalation',
] as const satisfies readonly TemplateName[];

export type Message = { subject: string; text: string; sms: string };

/** "16:00 ngày 25/02/2026" and "25 Feb 2026, 16:00" (Viet Nam time). */
export function vnDateTime(iso: string): { vi: string; en: string } {
  const [date, time] = formatVnTime(new Date(iso)).split(' ');
  const [y, m, d] = date!.split('-');
  const month = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'][Number(m) - 1];
  return { vi: `${time} ngày ${d}/${m}/${y}`, en: `${Number(d)} ${month} ${y}, ${time}` };
}

const vnd = (n: number) => `${n.toLocaleString('vi-VN')} đồng`;
const SIGNATURE_VI = 'Bộ phận Một cửa — thư gửi tự động, vui lòng không trả lời.';
const SIGNATURE_EN = 'One-stop desk — automatic message, please do not reply.';

type Parts = { subjectVi: string; subjectEn: string; vi: string[]; en: string[]; smsVi: string };

function compose(p: Parts): Message {
  return {
    subject: `${p.subjectVi} | ${p.subjectEn}`,
    text: [...p.vi, '', SIGNATURE_VI, '', '---', '', ...p.en, '', SIGNATURE_EN].join('\n'),
    sms: p.smsVi,
  };
}

/** The message of a template; exhaustive over the template names. */
export function render<T extends TemplateName>(template: T, data: TemplateData[T]): Message;
export function render(template: TemplateName, data: TemplateData[TemplateName]): Message {
  switch (template) {
    case 'dossier_submitted': {
      const d = data as TemplateData['dossier_submitted'];
      const at = vnDateTime(d.submittedAt);
      return compose({
        subjectVi: 'Đã gửi hồ sơ trực tuyến, chờ tiếp nhận',
        subjectEn: 'Online dossier sent, awaiting reception',
        vi: [
          `Hồ sơ của Ông/Bà đã được gửi trực tuyến lúc ${at.vi} và đang chờ Bộ phận Một cửa kiểm tra, tiếp nhận.`,
          'Mã hồ sơ và ngày hẹn trả kết quả sẽ được thông báo khi hồ sơ được tiếp nhận. Ông/Bà theo dõi hồ sơ tại mục “Hồ sơ của tôi” trên Cổng dịch vụ công.',
        ],
        en: [
          `Your dossier was sent online on ${at.en} and awaits checking and reception by the one-stop desk.`,
          'Its code and the result date will be sent when it is received. Follow it under "My dossiers" on the public service portal.',
        ],
        smsVi: `Ho so truc tuyen da gui luc ${at.vi}, cho tiep nhan. / Online dossier sent, awaiting reception.`,
      });
    }
    case 'dossier_received': {
      const d = data as TemplateData['dossier_received'];
      const due = d.dueAt ? vnDateTime(d.dueAt) : null;
      return compose({
        subjectVi: `Đã tiếp nhận hồ sơ ${d.code}`,
        subjectEn: `Dossier ${d.code} received`,
        vi: [`Hồ sơ của Ông/Bà đã được tiếp nhận, mã hồ sơ ${d.code}.`, due ? `Ngày hẹn trả kết quả: ${due.vi}.` : 'Ngày hẹn trả kết quả sẽ được thông báo sau.'],
        en: [`Your dossier has been received under code ${d.code}.`, due ? `Result due: ${due.en}.` : 'The result date will be announced later.'],
        smsVi: `Ho so ${d.code} da duoc tiep nhan.${due ? ` Hen tra ket qua: ${due.vi}.` : ''} / Dossier ${d.code} received.`,
      });
    }
    case 'supplement_requested': {
      const d = data as TemplateData['supplement_requested'];
      return compose({
        subjectVi: `Yêu cầu bổ sung hồ sơ ${d.code}`,
        subjectEn: `Dossier ${d.code}: documents requested`,
        vi: [`Hồ sơ ${d.code} cần bổ sung, hoàn thiện các thành phần sau:`, ...d.items.map((i) => `- ${i.componentCode}: ${i.reason}`), 'Thời hạn giải quyết tạm dừng cho đến khi nhận đủ hồ sơ bổ sung.'],
        en: [`Dossier ${d.code} needs the following documents completed or added:`, ...d.items.map((i) => `- ${i.componentCode}: ${i.reason}`), 'The processing clock is stopped until they are received.'],
        smsVi: `Ho so ${d.code} can bo sung ${d.items.length} thanh phan. Xem chi tiet tren Cong dich vu cong. / Dossier ${d.code}: documents requested.`,
      });
    }
    case 'payment_requested': {
      const d = data as TemplateData['payment_requested'];
      return compose({
        subjectVi: `Thực hiện nghĩa vụ tài chính cho hồ sơ ${d.code}`,
        subjectEn: `Dossier ${d.code}: payment due`,
        vi: [`Ông/Bà cần thực hiện nghĩa vụ tài chính ${vnd(d.amount)} (${d.description}) để hồ sơ ${d.code} được tiếp tục giải quyết.`],
        en: [`Please pay ${d.amount} VND (${d.description}) so that dossier ${d.code} can proceed.`],
        smsVi: `Ho so ${d.code}: can nop ${d.amount} dong. / Dossier ${d.code}: payment due.`,
      });
    }
    case 'result_ready': {
      const d = data as TemplateData['result_ready'];
      return compose({
        subjectVi: `Đã có kết quả hồ sơ ${d.code}`,
        subjectEn: `Dossier ${d.code}: result ready`,
        vi: [`Hồ sơ ${d.code} đã được giải quyết xong. Mời Ông/Bà nhận kết quả theo hình thức đã đăng ký.`],
        en: [`Dossier ${d.code} has been settled. Please collect the result as you chose when filing.`],
        smsVi: `Ho so ${d.code} da co ket qua. / Dossier ${d.code}: result ready.`,
      });
    }
    case 'apology': {
      const d = data as TemplateData['apology'];
      const due = vnDateTime(d.newDueAt);
      return compose({
        subjectVi: `Thư xin lỗi và hẹn lại ngày trả kết quả hồ sơ ${d.code}`,
        subjectEn: `Dossier ${d.code}: apology and new appointment`,
        vi: [`Cơ quan giải quyết xin lỗi Ông/Bà vì hồ sơ ${d.code} chưa giải quyết được đúng hạn.`, `Lý do: ${d.reason}.`, `Ngày hẹn trả kết quả mới: ${due.vi}.`],
        en: [`The settling agency apologises: dossier ${d.code} could not be settled on time.`, `Reason: ${d.reason}.`, `New result date: ${due.en}.`],
        smsVi: `Xin loi vi ho so ${d.code} tre han. Hen tra moi: ${due.vi}. / Dossier ${d.code} delayed, new date ${due.en}.`,
      });
    }
    case 'refused': {
      const d = data as TemplateData['refused'];
      const ref = d.code ?? '';
      return compose({
        subjectVi: d.atReception ? `Hồ sơ ${ref} không được tiếp nhận` : `Từ chối giải quyết hồ sơ ${ref}`,
        subjectEn: d.atReception ? `Dossier ${ref} not accepted` : `Dossier ${ref} refused`,
        vi: [d.atReception ? 'Hồ sơ của Ông/Bà không được tiếp nhận vì:' : `Hồ sơ ${ref} bị từ chối giải quyết vì:`, ...d.reasons.map((r) => `- ${r}`)],
        en: [d.atReception ? 'Your dossier was not accepted because:' : `Dossier ${ref} was refused because:`, ...d.reasons.map((r) => `- ${r}`)],
        smsVi: `Ho so ${ref} ${d.atReception ? 'khong duoc tiep nhan' : 'bi tu choi giai quyet'}. / Dossier ${ref} ${d.atReception ? 'not accepted' : 'refused'}.`,
      });
    }
    case 'redated': {
      const d = data as TemplateData['redated'];
      const before = d.dueBefore ? vnDateTime(d.dueBefore) : null;
      const after = d.dueAfter ? vnDateTime(d.dueAfter) : null;
      return compose({
        subjectVi: `Điều chỉnh ngày hẹn trả kết quả hồ sơ ${d.code}`,
        subjectEn: `Dossier ${d.code}: result date changed`,
        vi: [
          `Do thay đổi lịch nghỉ, lịch làm việc chính thức (${d.change}), ngày hẹn trả kết quả hồ sơ ${d.code} được điều chỉnh.`,
          `Ngày hẹn cũ: ${before?.vi ?? '—'}. Ngày hẹn mới: ${after?.vi ?? '—'}.`,
        ],
        en: [`The official working calendar changed (${d.change}), so the result date of dossier ${d.code} moved.`, `Previous date: ${before?.en ?? '—'}. New date: ${after?.en ?? '—'}.`],
        smsVi: `Ho so ${d.code}: ngay hen tra doi tu ${before?.vi ?? '-'} sang ${after?.vi ?? '-'} do thay doi lich lam viec. / Result date changed.`,
      });
    }
    case 'officer_reminder': {
      const d = data as TemplateData['officer_reminder'];
      const due = vnDateTime(d.stepDueAt);
      const step = d.stepName ? ` (${d.stepName})` : '';
      return compose({
        subjectVi: `Sắp đến hạn xử lý hồ sơ ${d.code}`,
        subjectEn: `Dossier ${d.code}: step due soon`,
        vi: [`Bước xử lý hồ sơ ${d.code}${step} đến hạn lúc ${due.vi}. Đồng chí vui lòng hoàn thành đúng hạn.`],
        en: [`The current step of dossier ${d.code}${step} is due ${due.en}. Please complete it in time.`],
        smsVi: `Ho so ${d.code} den han xu ly luc ${due.vi}. / Dossier ${d.code} due ${due.en}.`,
      });
    }
    case 'overdue_escalation': {
      const d = data as TemplateData['overdue_escalation'];
      const due = vnDateTime(d.dueAt);
      return compose({
        subjectVi: `Hồ sơ ${d.code} đã quá hạn giải quyết`,
        subjectEn: `Dossier ${d.code} is overdue`,
        vi: [`Hồ sơ ${d.code} do ${d.holderAgencyCode} đang xử lý đã quá hạn từ ${due.vi} (${d.daysLate} ngày).`, 'Đề nghị lãnh đạo chỉ đạo giải quyết và thực hiện xin lỗi người nộp hồ sơ theo quy định.'],
        en: [`Dossier ${d.code}, held by ${d.holderAgencyCode}, has been overdue since ${due.en} (${d.daysLate} day(s)).`, 'Please see that it is settled and that the applicant receives the apology the rules require.'],
        smsVi: `Ho so ${d.code} qua han tu ${due.vi}. / Dossier ${d.code} overdue.`,
      });
    }
  }
}
