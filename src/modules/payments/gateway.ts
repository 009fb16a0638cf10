/**
 * What the payment use cases need from a payment gateway, whatever its protocol: a URL to send the
 * payer to, the verification of the signed browser return and of the server-to-server notification
 * (IPN), the answer the protocol expects to an IPN, and a status query for reconciliation.
 */
import type { IpnOutcome, Outcome } from './vnpay/protocol.js';

export type { IpnOutcome, Outcome };

export type PaymentOrder = {
  txnRef: string;
  amountVnd: number;
  /** Shown to the payer at the gateway (diacritics may be stripped by the protocol). */
  description: string;
  createdAt: Date;
  expiresAt: Date;
  /** Where the payer's browser comes back. */
  returnUrl: string;
  payerIp: string;
  locale: 'vi' | 'en';
};

/** A verified (or refused) message from the gateway. */
export type VerifiedResult = {
  signatureValid: boolean;
  /** Whether the message names this merchant. */
  forThisMerchant: boolean;
  txnRef: string | null;
  amountVnd: number | null;
  outcome: Outcome;
  responseCode: string | null;
  transactionNo: string | null;
  bankCode: string | null;
  paidAt: Date | null;
};

export type QueryResult =
  | { found: false }
  | { found: true; amountVnd: number | null; outcome: Outcome; responseCode: string | null; transactionNo: string | null; bankCode: string | null; paidAt: Date | null };

export interface PaymentGateway {
  /** Stored on each payment: which gateway (and which of its environments) it went through. */
  readonly name: string;
  createPaymentUrl(order: PaymentOrder): string;
  verifyReturn(params: Record<string, string>): VerifiedResult;
  verifyNotification(params: Record<string, string>): VerifiedResult;
  /** The body the protocol expects in answer to a notification. */
  notificationAnswer(outcome: IpnOutcome): Record<string, string>;
  /** Asks the gateway what became of a transaction. Throws GatewayUnavailableError when it cannot. */
  queryTransaction(q: { txnRef: string; createdAt: Date; now: Date }): Promise<QueryResult>;
}

export class GatewayUnavailableError extends Error {}
