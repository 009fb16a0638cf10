/**
 * A development payment gateway speaking the VNPAY protocol, served by this process under
 * /dev-gateway/ when no real gateway is configured (never in production), on loopback only. It plays
 * the gateway's side of every exchange so the whole flow runs locally and in the tests against the
 * platform's real client code:
 *
 * - GET  /dev-gateway/paymentv2/vpcpay.html  checks the merchant's signed request, shows a payment page
 *   in Vietnamese (pay / cancel);
 * - POST /dev-gateway/paymentv2/pay           settles the transaction, sends the signed IPN to the
 *   merchant's notify URL server-to-server (now, later, or never: a lost IPN), and redirects the
 *   browser to the merchant's return URL with the signed result;
 * - POST /dev-gateway/transactions/:ref/ipn   (re)sends the IPN, as the gateway retries it;
 * - POST /dev-gateway/merchant_webapi/api/transaction  answers the transaction query (querydr).
 *
 * Transactions live in this process's memory, like a sandbox that forgets on restart.
 */
import { createHmac, randomInt } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import {
  decodeAmount,
  formatVnTime,
  parseVnTime,
  QUERY_REQUEST_FIELDS,
  QUERY_RESPONSE_FIELDS,
  signed,
  signFields,
  toQueryString,
  verify,
  verifyFields,
  type Params,
} from './vnpay/protocol.js';
import type { VnpayConfig } from './vnpay/vnpay-gateway.js';

export const DEV_GATEWAY_PREFIX = '/dev-gateway';
export const DEV_TMN_CODE = 'MOTCUADEV';

/** The development merchant's secret, derived from the platform secret (no fixed secret in the code). */
export function devHashSecret(platformSecret: string): string {
  return createHmac('sha256', platformSecret).update('motcua development payment gateway').digest('hex');
}

/** The client configuration that points at the development gateway of this process. */
export function devGatewayClientConfig(publicUrl: string, platformSecret: string): VnpayConfig {
  return {
    tmnCode: DEV_TMN_CODE,
    hashSecret: devHashSecret(platformSecret),
    paymentUrl: `${publicUrl}${DEV_GATEWAY_PREFIX}/paymentv2/vpcpay.html`,
    apiUrl: `${publicUrl}${DEV_GATEWAY_PREFIX}/merchant_webapi/api/transaction`,
    timeoutMs: 10_000,
  };
}

type DevTxn = {
  txnRef: string;
  amount: string;
  orderInfo: string;
  returnUrl: string;
  createDate: string;
  expireDate: Date;
  state: 'open' | 'paid' | 'cancelled';
  transactionNo: string | null;
  payDate: string | null;
  result: Params | null;
  ipnAnswers: unknown[];
};

const esc = (s: string) => s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
const vnd = (n: number) => `${new Intl.NumberFormat('vi-VN').format(n)} đồng`;

function page(title: string, body: string): string {
  return `<!doctype html>
<html lang="vi"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(title)}</title>
<style>
body{font-family:system-ui,sans-serif;max-width:32rem;margin:2rem auto;padding:0 1rem;color:#1a1a1a}
.note{background:#fff4ce;border:1px solid #c8a400;padding:.5rem .75rem;border-radius:4px}
dl{display:grid;grid-template-columns:auto 1fr;gap:.25rem 1rem}dt{font-weight:600}
button{font-size:1rem;padding:.6rem 1.2rem;margin-right:.5rem;border-radius:4px;border:1px solid #555;cursor:pointer}
button.pay{background:#0b5cad;color:#fff;border-color:#0b5cad}
button:focus-visible{outline:3px solid #e07b00;outline-offset:2px}
fieldset{border:1px solid #ccc;margin:1rem 0}
</style></head><body>${body}</body></html>`;
}

const LOOPBACK = new Set(['127.0.0.1', '::1', '::ffff:127.0.0.1']);

export type DevGatewayOptions = { secret: string; notifyUrl: string; log?: (msg: string) => void };

export async function devGatewayRoutes(app: FastifyInstance, opts: DevGatewayOptions): Promise<void> {
  const txns = new Map<string, DevTxn>();
  let nextTransactionNo = 14_000_000 + randomInt(1_000_000);

  if (!app.hasContentTypeParser('application/x-www-form-urlencoded')) {
    app.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string', bodyLimit: 64 * 1024 }, (_req, body, done) => {
      done(null, Object.fromEntries(new URLSearchParams(body as string)));
    });
  }

  // Served on loopback only: this is a developer's stand-in, not a service.
  app.addHook('onRequest', async (req, reply) => {
    if (!LOOPBACK.has(req.socket.remoteAddress ?? '')) return reply.code(403).type('text/plain; charset=utf-8').send('Cổng thanh toán thử nghiệm chỉ phục vụ trên máy cục bộ');
  });

  const errorPage = (reply: FastifyReply, status: number, vi: string, en: string) =>
    reply
      .code(status)
      .type('text/html; charset=utf-8')
      .send(page('Lỗi giao dịch', `<h1>Giao dịch không hợp lệ</h1><p>${esc(vi)}</p><p lang="en">${esc(en)}</p>`));

  function resultParams(t: DevTxn, responseCode: string, transactionStatus: string): Params {
    return signed(
      {
        vnp_Amount: t.amount,
        vnp_BankCode: 'NCB',
        vnp_BankTranNo: t.transactionNo ? `VNP${t.transactionNo}` : '',
        vnp_CardType: 'ATM',
        vnp_OrderInfo: t.orderInfo,
        vnp_PayDate: t.payDate ?? formatVnTime(new Date()),
        vnp_ResponseCode: responseCode,
        vnp_TmnCode: DEV_TMN_CODE,
        vnp_TransactionNo: t.transactionNo ?? '0',
        vnp_TransactionStatus: transactionStatus,
        vnp_TxnRef: t.txnRef,
      },
      opts.secret,
    );
  }

  /** Sends the IPN as the gateway does: a GET to the merchant's notify URL; keeps the answer. */
  async function sendIpn(t: DevTxn): Promise<unknown> {
    if (!t.result) return null;
    let answer: unknown;
    try {
      const res = await fetch(`${opts.notifyUrl}?${toQueryString(t.result)}`, { signal: AbortSignal.timeout(10_000) });
      answer = await res.json().catch(() => ({ status: res.status }));
    } catch (err) {
      answer = { error: (err as Error).message };
      opts.log?.(`dev gateway: IPN for ${t.txnRef} failed: ${(err as Error).message}`);
    }
    t.ipnAnswers.push(answer);
    return answer;
  }

  app.get(`${DEV_GATEWAY_PREFIX}/paymentv2/vpcpay.html`, async (req: FastifyRequest<{ Querystring: Record<string, unknown> }>, reply) => {
    const q = req.query;
    if (Object.values(q).some((v) => typeof v !== 'string')) return errorPage(reply, 400, 'Tham số không hợp lệ.', 'Malformed parameters.');
    const p = q as Params;
    if (!verify(p, opts.secret)) return errorPage(reply, 400, 'Sai chữ ký (mã lỗi 97).', 'Invalid signature (code 97).');
    if (p.vnp_TmnCode !== DEV_TMN_CODE || p.vnp_Command !== 'pay' || p.vnp_CurrCode !== 'VND') return errorPage(reply, 400, 'Sai mã đơn vị hoặc loại giao dịch.', 'Unknown merchant or command.');
    const amount = decodeAmount(p.vnp_Amount);
    const expireDate = parseVnTime(p.vnp_ExpireDate);
    if (amount === null || !expireDate || !parseVnTime(p.vnp_CreateDate) || !p.vnp_TxnRef || !p.vnp_ReturnUrl) {
      return errorPage(reply, 400, 'Thiếu hoặc sai thông tin giao dịch.', 'Missing or malformed transaction fields.');
    }
    if (expireDate.getTime() < Date.now()) return errorPage(reply, 400, 'Giao dịch đã quá thời gian chờ thanh toán (mã lỗi 11).', 'The payment window has expired (code 11).');
    let t = txns.get(p.vnp_TxnRef);
    if (t && (t.amount !== p.vnp_Amount || t.returnUrl !== p.vnp_ReturnUrl)) return errorPage(reply, 400, 'Mã giao dịch đã được dùng cho giao dịch khác.', 'Duplicate transaction reference.');
    if (!t) {
      t = { txnRef: p.vnp_TxnRef, amount: p.vnp_Amount!, orderInfo: p.vnp_OrderInfo ?? '', returnUrl: p.vnp_ReturnUrl, createDate: p.vnp_CreateDate!, expireDate, state: 'open', transactionNo: null, payDate: null, result: null, ipnAnswers: [] };
      txns.set(t.txnRef, t);
    }
    if (t.state !== 'open') return errorPage(reply, 409, 'Giao dịch này đã được xử lý.', 'This transaction was already processed.');
    const html = page(
      'Cổng thanh toán thử nghiệm',
      `<h1>Thanh toán trực tuyến</h1>
<p class="note">Cổng thanh toán thử nghiệm (môi trường phát triển): không có tiền thật được chuyển.</p>
<dl><dt>Đơn vị nhận</dt><dd>${esc(DEV_TMN_CODE)}</dd><dt>Số tiền</dt><dd>${esc(vnd(amount))}</dd><dt>Nội dung</dt><dd>${esc(t.orderInfo)}</dd><dt>Mã giao dịch</dt><dd>${esc(t.txnRef)}</dd></dl>
<form method="post" action="${DEV_GATEWAY_PREFIX}/paymentv2/pay">
<input type="hidden" name="txnRef" value="${esc(t.txnRef)}">
<fieldset><legend>Thông báo kết quả cho đơn vị (IPN)</legend>
<label><input type="radio" name="ipn" value="now" checked> Gửi ngay</label><br>
<label><input type="radio" name="ipn" value="later"> Gửi sau khi quay lại trang đơn vị</label><br>
<label><input type="radio" name="ipn" value="never"> Không gửi (mô phỏng mất thông báo)</label>
</fieldset>
<button class="pay" type="submit" name="action" value="pay">Thanh toán</button>
<button type="submit" name="action" value="cancel">Hủy giao dịch</button>
</form>`,
    );
    return reply.type('text/html; charset=utf-8').send(html);
  });

  app.post(`${DEV_GATEWAY_PREFIX}/paymentv2/pay`, async (req: FastifyRequest<{ Body: Record<string, unknown> | undefined }>, reply) => {
    const b = req.body ?? {};
    const t = typeof b.txnRef === 'string' ? txns.get(b.txnRef) : undefined;
    if (!t) return errorPage(reply, 404, 'Không tìm thấy giao dịch.', 'Transaction not found.');
    if (t.state !== 'open') return errorPage(reply, 409, 'Giao dịch này đã được xử lý.', 'This transaction was already processed.');
    const action = b.action === 'cancel' ? 'cancel' : b.action === 'pay' ? 'pay' : null;
    const ipn = b.ipn === 'later' || b.ipn === 'never' ? b.ipn : 'now';
    if (!action) return errorPage(reply, 400, 'Hãy chọn Thanh toán hoặc Hủy giao dịch.', 'Choose pay or cancel.');
    if (t.expireDate.getTime() < Date.now()) return errorPage(reply, 400, 'Giao dịch đã quá thời gian chờ thanh toán (mã lỗi 11).', 'The payment window has expired (code 11).');
    if (action === 'pay') {
      t.state = 'paid';
      t.transactionNo = String(nextTransactionNo++);
      t.payDate = formatVnTime(new Date());
      t.result = resultParams(t, '00', '00');
    } else {
      t.state = 'cancelled';
      t.result = resultParams(t, '24', '02');
    }
    if (ipn === 'now') await sendIpn(t);
    return reply.redirect(`${t.returnUrl}${t.returnUrl.includes('?') ? '&' : '?'}${toQueryString(t.result)}`, 303);
  });

  app.post(`${DEV_GATEWAY_PREFIX}/transactions/:txnRef/ipn`, async (req: FastifyRequest<{ Params: { txnRef: string } }>, reply) => {
    const t = txns.get(req.params.txnRef);
    if (!t || !t.result) return reply.code(404).send({ error: 'transaction not found or not settled' });
    return { answer: await sendIpn(t), answers: t.ipnAnswers.length };
  });

  app.post(`${DEV_GATEWAY_PREFIX}/merchant_webapi/api/transaction`, async (req: FastifyRequest<{ Body: Record<string, unknown> | undefined }>) => {
    const b = req.body ?? {};
    const answer = (fields: Record<string, string>) => {
      const body: Record<string, string> = { vnp_ResponseId: String(b.vnp_RequestId ?? ''), vnp_Command: 'querydr', vnp_TmnCode: DEV_TMN_CODE, ...fields };
      return { ...body, vnp_SecureHash: signFields(QUERY_RESPONSE_FIELDS, body, opts.secret) };
    };
    if (!verifyFields(QUERY_REQUEST_FIELDS, b, opts.secret)) return answer({ vnp_ResponseCode: '97', vnp_Message: 'Invalid Checksum' });
    if (b.vnp_TmnCode !== DEV_TMN_CODE) return answer({ vnp_ResponseCode: '02', vnp_Message: 'Merchant is not valid' });
    const t = typeof b.vnp_TxnRef === 'string' ? txns.get(b.vnp_TxnRef) : undefined;
    if (!t || t.createDate !== b.vnp_TransactionDate) return answer({ vnp_ResponseCode: '91', vnp_Message: 'Transaction not found', vnp_TxnRef: String(b.vnp_TxnRef ?? '') });
    const status = t.state === 'paid' ? '00' : t.state === 'cancelled' ? '02' : '01';
    return answer({
      vnp_ResponseCode: '00',
      vnp_Message: 'QueryDR Success',
      vnp_TxnRef: t.txnRef,
      vnp_Amount: t.amount,
      vnp_BankCode: 'NCB',
      vnp_PayDate: t.payDate ?? '',
      vnp_TransactionNo: t.transactionNo ?? '',
      vnp_TransactionType: '01',
      vnp_TransactionStatus: status,
      vnp_OrderInfo: t.orderInfo,
      vnp_PromotionCode: '',
      vnp_PromotionAmount: '',
    });
  });
}
