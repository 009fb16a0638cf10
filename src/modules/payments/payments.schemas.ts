import { z } from 'zod';

const Localized = z.object({ vi: z.string(), en: z.string() });

export const PaymentStatus = z.enum(['pending', 'paid', 'failed', 'expired', 'cancelled']);
export const PaymentPurpose = z.enum(['procedure_fee', 'financial_obligation']);

export const DueFee = z
  .object({ purpose: PaymentPurpose, amountVnd: z.number().int().positive(), description: z.string() })
  .meta({ id: 'DueFee', description: 'What the applicant owes now and may pay online' });

export const DossierFees = z
  .object({ due: DueFee.nullable(), paidVnd: z.number().int().nonnegative(), pending: z.boolean() })
  .meta({ id: 'DossierFees', description: 'Fees of the dossier: what is due now, what was paid online, whether a payment is under way' });

export const Payment = z
  .object({
    id: z.string(),
    purpose: PaymentPurpose,
    description: z.string(),
    amountVnd: z.number().int().positive(),
    gateway: z.string(),
    txnRef: z.string(),
    status: PaymentStatus,
    statusLabel: Localized,
    createdAt: z.string(),
    expiresAt: z.string(),
    paidAt: z.string().nullable(),
    gatewayTransactionNo: z.string().nullable(),
    bankCode: z.string().nullable(),
    /** Whether the payment was recorded in the dossier's history (RECORD_PAYMENT). */
    recordedInHistory: z.boolean(),
    settlementNote: z.string().nullable(),
  })
  .meta({ id: 'Payment' });

export const PaymentCreate = z
  .object({ locale: z.enum(['vi', 'en']).default('vi') })
  .strict()
  .meta({ id: 'PaymentCreate' });

export const PaymentCreated = z
  .object({
    paymentId: z.string(),
    redirectUrl: z.string(),
    /** True when a pending payment of the same amount was still open at the gateway: the payer is sent back to it. */
    reused: z.boolean(),
    payment: Payment,
    due: DueFee,
  })
  .meta({ id: 'PaymentCreated' });

export const PaymentList = z
  .object({ dossierId: z.string(), code: z.string().nullable(), due: DueFee.nullable(), items: z.array(Payment) })
  .meta({ id: 'PaymentList' });

/** The gateway's own parameters (vnp_*), kept as sent: the signature is verified on them. */
export const GatewayParams = z.record(z.string(), z.unknown());

export const IpnAnswer = z.object({ RspCode: z.string(), Message: z.string() }).meta({ id: 'IpnAnswer' });
