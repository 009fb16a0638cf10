/**
 * The VNPAY client: builds signed payment URLs, verifies returns and IPNs, answers IPNs, and queries
 * transactions (querydr) over HTTPS. The development gateway speaks the same protocol, so the same
 * client runs against it locally and in the tests.
 */
import { randomBytes } from 'node:crypto';
import { GatewayUnavailableError, type IpnOutcome, type PaymentGateway, type PaymentOrder, type QueryResult, type VerifiedResult } from '../gateway.js';
import {
  decodeAmount,
  IPN_ANSWERS,
  parseVnTime,
  payUrl,
  QUERY_RESPONSE_FIELDS,
  QueryResponseCode,
  queryBody,
  readResult,
  verifyFields,
  type Outcome,
  type Params,
} from './protocol.js';

/** querydr's vnp_TransactionStatus: 00 paid; 01 not completed and 05 processing are still open; the rest failed. */
function queryOutcome(status: string | null): Outcome {
  if (status === '00') return 'paid';
  if (status === '01' || status === '05') return 'pending';
  return 'failed';
}

export type VnpayConfig = {
  /** `vnp_TmnCode`, the merchant (terminal) code. */
  tmnCode: string;
  /** The merchant's hash secret (`vnp_HashSecret`). */
  hashSecret: string;
  /** The payment page, e.g. https://sandbox.vnpayment.vn/paymentv2/vpcpay.html */
  paymentUrl: string;
  /** The merchant web API (querydr), e.g. https://sandbox.vnpayment.vn/merchant_webapi/api/transaction */
  apiUrl: string;
  /** VNPAY's order category; "other" unless the merchant contract says otherwise. */
  orderType?: string;
  /** IP address the server announces in queries. */
  serverIp?: string;
  /** Milliseconds before a query is given up. */
  timeoutMs?: number;
};

export class VnpayGateway implements PaymentGateway {
  constructor(
    readonly name: string,
    private readonly config: VnpayConfig,
  ) {}

  createPaymentUrl(order: PaymentOrder): string {
    return payUrl(
      this.config.paymentUrl,
      {
        tmnCode: this.config.tmnCode,
        txnRef: order.txnRef,
        amountVnd: order.amountVnd,
        orderInfo: order.description,
        orderType: this.config.orderType ?? 'other',
        locale: order.locale === 'en' ? 'en' : 'vn',
        returnUrl: order.returnUrl,
        ipAddr: order.payerIp,
        createdAt: order.createdAt,
        expiresAt: order.expiresAt,
      },
      this.config.hashSecret,
    );
  }

  private read(params: Params): VerifiedResult {
    const r = readResult(params, this.config.hashSecret);
    return {
      signatureValid: r.signatureValid,
      forThisMerchant: r.tmnCode === this.config.tmnCode,
      txnRef: r.txnRef,
      amountVnd: r.amountVnd,
      outcome: r.outcome,
      responseCode: r.responseCode,
      transactionNo: r.transactionNo,
      bankCode: r.bankCode,
      paidAt: r.outcome === 'paid' ? r.payDate : null,
    };
  }

  verifyReturn(params: Params): VerifiedResult {
    return this.read(params);
  }

  verifyNotification(params: Params): VerifiedResult {
    return this.read(params);
  }

  notificationAnswer(outcome: IpnOutcome): Record<string, string> {
    return { ...IPN_ANSWERS[outcome] };
  }

  async queryTransaction(q: { txnRef: string; createdAt: Date; now: Date }): Promise<QueryResult> {
    const body = queryBody(
      {
        requestId: randomBytes(16).toString('hex'),
        tmnCode: this.config.tmnCode,
        txnRef: q.txnRef,
        transactionDate: q.createdAt,
        now: q.now,
        ipAddr: this.config.serverIp ?? '127.0.0.1',
        orderInfo: `Truy van giao dich ${q.txnRef}`,
      },
      this.config.hashSecret,
    );
    let answer: Record<string, unknown>;
    try {
      const res = await fetch(this.config.apiUrl, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
        signal: AbortSignal.timeout(this.config.timeoutMs ?? 15_000),
      });
      if (!res.ok) throw new GatewayUnavailableError(`querydr answered HTTP ${res.status}`);
      answer = (await res.json()) as Record<string, unknown>;
    } catch (err) {
      if (err instanceof GatewayUnavailableError) throw err;
      throw new GatewayUnavailableError(`querydr failed: ${(err as Error).message}`);
    }
    // An unsigned or wrongly signed answer is treated as no answer: never settle on it.
    if (!verifyFields(QUERY_RESPONSE_FIELDS, answer, this.config.hashSecret)) throw new GatewayUnavailableError('querydr answer has an invalid signature');
    const s = (k: string) => (typeof answer[k] === 'string' && answer[k] !== '' ? (answer[k] as string) : null);
    if (s('vnp_ResponseCode') === QueryResponseCode.NOT_FOUND) return { found: false };
    if (s('vnp_ResponseCode') !== QueryResponseCode.OK || s('vnp_TxnRef') !== q.txnRef || s('vnp_TmnCode') !== this.config.tmnCode) {
      throw new GatewayUnavailableError(`querydr refused: ${s('vnp_ResponseCode') ?? '?'} ${s('vnp_Message') ?? ''}`.trim());
    }
    const outcome = queryOutcome(s('vnp_TransactionStatus'));
    return {
      found: true,
      amountVnd: decodeAmount(s('vnp_Amount') ?? undefined),
      outcome,
      responseCode: s('vnp_TransactionStatus'),
      transactionNo: s('vnp_TransactionNo'),
      bankCode: s('vnp_BankCode'),
      paidAt: outcome === 'paid' ? parseVnTime(s('vnp_PayDate') ?? undefined) : null,
    };
  }
}
