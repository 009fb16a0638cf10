/**
 * The VNPAY payment protocol (version 2.1.0), pure: no I/O and no clock reads.
 *
 * - Payment URL: every `vnp_*` parameter, sorted by name, serialised as application/x-www-form-urlencoded;
 *   `vnp_SecureHash` is the HMAC-SHA512 (hex) of that exact string keyed with the merchant's secret.
 * - Browser return and IPN: the gateway sends `vnp_*` parameters signed the same way; the merchant drops
 *   `vnp_SecureHash` / `vnp_SecureHashType`, re-serialises the rest sorted, and compares HMACs in
 *   constant time.
 * - Amounts travel in hundredths of the currency unit: `vnp_Amount` = VND × 100.
 * - IPN is answered with JSON `{ RspCode, Message }`; 00 and 02 stop the gateway's retries.
 * - Transaction query (`querydr`): a JSON request whose hash covers named fields joined by `|`, in a
 *   fixed order; the answer is signed the same way with its own field order.
 * - Dates are `yyyyMMddHHmmss` in Viet Nam time (GMT+7).
 */
import { createHmac, timingSafeEqual } from 'node:crypto';

export const VNPAY_VERSION = '2.1.0';
export const SECURE_HASH = 'vnp_SecureHash';
export const SECURE_HASH_TYPE = 'vnp_SecureHashType';

/** `vnp_ResponseCode` / `vnp_TransactionStatus` values this platform distinguishes. */
export const ResponseCode = { SUCCESS: '00', CUSTOMER_CANCELLED: '24' } as const;
export const TransactionStatus = { SUCCESS: '00', NOT_COMPLETED: '01', FAILED: '02' } as const;
/** querydr `vnp_ResponseCode`: 00 the query succeeded (read vnp_TransactionStatus), 91 no such transaction. */
export const QueryResponseCode = { OK: '00', NOT_FOUND: '91', INVALID_CHECKSUM: '97' } as const;

/** The IPN answers the protocol defines, by what the merchant concluded. */
export const IPN_ANSWERS = {
  confirmed: { RspCode: '00', Message: 'Confirm Success' },
  not_found: { RspCode: '01', Message: 'Order not found' },
  already_confirmed: { RspCode: '02', Message: 'Order already confirmed' },
  amount_mismatch: { RspCode: '04', Message: 'Invalid amount' },
  invalid_signature: { RspCode: '97', Message: 'Invalid signature' },
  error: { RspCode: '99', Message: 'Unknown error' },
} as const;
export type IpnOutcome = keyof typeof IPN_ANSWERS;

export type Params = Record<string, string>;

// ---------------------------------------------------------------------------------------------
// Encoding and signing

/** The string that is signed: the `vnp_*` parameters but the hash, sorted, form-url-encoded. */
export function signingString(params: Params): string {
  const entries = Object.entries(params)
    .filter(([k, v]) => k.startsWith('vnp_') && k !== SECURE_HASH && k !== SECURE_HASH_TYPE && v !== '')
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return new URLSearchParams(entries).toString();
}

export function hmacSha512(secret: string, data: string): string {
  return createHmac('sha512', secret).update(data, 'utf8').digest('hex');
}

export function sign(params: Params, secret: string): string {
  return hmacSha512(secret, signingString(params));
}

/** Constant-time comparison of two hex digests (case-insensitive, as gateways vary). */
export function sameDigest(expected: string, given: string): boolean {
  const a = Buffer.from(expected.toLowerCase(), 'utf8');
  const b = Buffer.from(given.toLowerCase(), 'utf8');
  return a.length === b.length && timingSafeEqual(a, b);
}

/** Whether `vnp_SecureHash` is the merchant's HMAC of the other parameters. */
export function verify(params: Params, secret: string): boolean {
  const given = params[SECURE_HASH];
  if (typeof given !== 'string' || !/^[0-9a-fA-F]{128}$/.test(given)) return false;
  return sameDigest(sign(params, secret), given);
}

/** The parameters with their signature added. */
export function signed(params: Params, secret: string): Params {
  return { ...params, [SECURE_HASH]: sign(params, secret) };
}

export function toQueryString(params: Params): string {
  return new URLSearchParams(Object.entries(params)).toString();
}

// ---------------------------------------------------------------------------------------------
// Amounts and dates

/** Largest VND amount whose ×100 encoding stays an exact integer in JavaScript. */
export const MAX_AMOUNT_VND = Math.floor(Number.MAX_SAFE_INTEGER / 100);

export function encodeAmount(vnd: number): string {
  if (!Number.isSafeInteger(vnd) || vnd <= 0 || vnd > MAX_AMOUNT_VND) throw new RangeError(`amount must be a positive whole number of VND, got ${vnd}`);
  return String(vnd * 100);
}

/** The VND amount of a `vnp_Amount`, or null when it is not a whole number of VND × 100. */
export function decodeAmount(raw: string | undefined): number | null {
  if (raw === undefined || !/^[1-9]\d{0,17}$/.test(raw)) return null;
  const v = BigInt(raw);
  if (v % 100n !== 0n) return null;
  const vnd = v / 100n;
  return vnd > BigInt(MAX_AMOUNT_VND) ? null : Number(vnd);
}

const VN_OFFSET_MS = 7 * 3_600_000;
const pad = (n: number, w = 2) => String(n).padStart(w, '0');

/** `yyyyMMddHHmmss` in Viet Nam time. */
export function formatVnTime(at: Date): string {
  const d = new Date(at.getTime() + VN_OFFSET_MS);
  return `${d.getUTCFullYear()}${pad(d.getUTCMonth() + 1)}${pad(d.getUTCDate())}${pad(d.getUTCHours())}${pad(d.getUTCMinutes())}${pad(d.getUTCSeconds())}`;
}

export function parseVnTime(raw: string | undefined): Date | null {
  const m = raw === undefined ? null : /^(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})$/.exec(raw);
  if (!m) return null;
  const [y, mo, d, h, mi, s] = m.slice(1).map(Number) as [number, number, number, number, number, number];
  const t = Date.UTC(y, mo - 1, d, h, mi, s) - VN_OFFSET_MS;
  const back = new Date(t);
  return formatVnTime(back) === raw ? back : null;
}

/** VNPAY asks for order descriptions without Vietnamese diacritics or special characters. */
export function plainOrderInfo(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/đ/g, 'd')
    .replace(/Đ/g, 'D')
    .replace(/[^A-Za-z0-9 .,:_-]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim()
    .slice(0, 255);
}

// ---------------------------------------------------------------------------------------------
// Messages

export type PayRequest = {
  tmnCode: string;
  txnRef: string;
  amountVnd: number;
  orderInfo: string;
  orderType: string;
  locale: 'vn' | 'en';
  returnUrl: string;
  ipAddr: string;
  createdAt: Date;
  expiresAt: Date;
  bankCode?: string | undefined;
};

/** The parameters of a payment request, unsigned. */
export function payParams(r: PayRequest): Params {
  const p: Params = {
    vnp_Version: VNPAY_VERSION,
    vnp_Command: 'pay',
    vnp_TmnCode: r.tmnCode,
    vnp_Amount: encodeAmount(r.amountVnd),
    vnp_CurrCode: 'VND',
    vnp_TxnRef: r.txnRef,
    vnp_OrderInfo: plainOrderInfo(r.orderInfo),
    vnp_OrderType: r.orderType,
    vnp_Locale: r.locale,
    vnp_ReturnUrl: r.returnUrl,
    vnp_IpAddr: r.ipAddr,
    vnp_CreateDate: formatVnTime(r.createdAt),
    vnp_ExpireDate: formatVnTime(r.expiresAt),
  };
  if (r.bankCode) p.vnp_BankCode = r.bankCode;
  return p;
}

export function payUrl(baseUrl: string, r: PayRequest, secret: string): string {
  return `${baseUrl}?${toQueryString(signed(payParams(r), secret))}`;
}

/** What a signed return or IPN says, once its signature is checked. */
export type Outcome = 'paid' | 'cancelled' | 'failed' | 'pending';

/** The outcome of a payment from its response code and transaction status. */
export function outcomeOf(responseCode: string | undefined, transactionStatus: string | undefined): Outcome {
  if (responseCode === ResponseCode.SUCCESS && transactionStatus === TransactionStatus.SUCCESS) return 'paid';
  if (responseCode === ResponseCode.CUSTOMER_CANCELLED) return 'cancelled';
  if (transactionStatus === TransactionStatus.NOT_COMPLETED) return 'pending';
  return 'failed';
}

export type GatewayResult = {
  signatureValid: boolean;
  tmnCode: string | null;
  txnRef: string | null;
  /** null when vnp_Amount is missing or malformed. */
  amountVnd: number | null;
  outcome: Outcome;
  responseCode: string | null;
  transactionNo: string | null;
  bankCode: string | null;
  payDate: Date | null;
};

/** Reads a return or IPN: the signature first, then the fields. */
export function readResult(params: Params, secret: string): GatewayResult {
  const get = (k: string) => (typeof params[k] === 'string' && params[k] !== '' ? params[k]! : null);
  return {
    signatureValid: verify(params, secret),
    tmnCode: get('vnp_TmnCode'),
    txnRef: get('vnp_TxnRef'),
    amountVnd: decodeAmount(params.vnp_Amount),
    outcome: outcomeOf(params.vnp_ResponseCode, params.vnp_TransactionStatus),
    responseCode: get('vnp_ResponseCode'),
    transactionNo: get('vnp_TransactionNo'),
    bankCode: get('vnp_BankCode'),
    payDate: parseVnTime(params.vnp_PayDate),
  };
}

// ---------------------------------------------------------------------------------------------
// Transaction query (querydr)

export const QUERY_REQUEST_FIELDS = [
  'vnp_RequestId',
  'vnp_Version',
  'vnp_Command',
  'vnp_TmnCode',
  'vnp_TxnRef',
  'vnp_TransactionDate',
  'vnp_CreateDate',
  'vnp_IpAddr',
  'vnp_OrderInfo',
] as const;

export const QUERY_RESPONSE_FIELDS = [
  'vnp_ResponseId',
  'vnp_Command',
  'vnp_ResponseCode',
  'vnp_Message',
  'vnp_TmnCode',
  'vnp_TxnRef',
  'vnp_Amount',
  'vnp_BankCode',
  'vnp_PayDate',
  'vnp_TransactionNo',
  'vnp_TransactionType',
  'vnp_TransactionStatus',
  'vnp_OrderInfo',
  'vnp_PromotionCode',
  'vnp_PromotionAmount',
] as const;

/** HMAC over the named fields joined by `|` (missing fields count as empty), as querydr signs. */
export function signFields(fields: readonly string[], body: Record<string, unknown>, secret: string): string {
  return hmacSha512(secret, fields.map((f) => (body[f] === undefined || body[f] === null ? '' : String(body[f]))).join('|'));
}

export function verifyFields(fields: readonly string[], body: Record<string, unknown>, secret: string): boolean {
  const given = body[SECURE_HASH];
  return typeof given === 'string' && /^[0-9a-fA-F]{128}$/.test(given) && sameDigest(signFields(fields, body, secret), given);
}

export type QueryRequest = { requestId: string; tmnCode: string; txnRef: string; transactionDate: Date; now: Date; ipAddr: string; orderInfo: string };

export function queryBody(q: QueryRequest, secret: string): Record<string, string> {
  const body: Record<string, string> = {
    vnp_RequestId: q.requestId,
    vnp_Version: VNPAY_VERSION,
    vnp_Command: 'querydr',
    vnp_TmnCode: q.tmnCode,
    vnp_TxnRef: q.txnRef,
    vnp_TransactionDate: formatVnTime(q.transactionDate),
    vnp_CreateDate: formatVnTime(q.now),
    vnp_IpAddr: q.ipAddr,
    vnp_OrderInfo: plainOrderInfo(q.orderInfo),
  };
  return { ...body, [SECURE_HASH]: signFields(QUERY_REQUEST_FIELDS, body, secret) };
}
