/**
 * Where messages go. Email: nodemailer over SMTP (`SMTP_URL`), or — in the embedded default with no
 * SMTP configured — nowhere: the message is written to the log and the outbox with transport `log`, so
 * nobody mistakes it for a sent mail. SMS: an adapter interface; the built-in implementation only
 * records to the outbox (`sms-dev-outbox`). A province plugs its gateway by implementing `SmsSender`
 * and passing it to `buildApp(config, { sms })` (see docs/operations.md).
 */
import nodemailer, { type Transporter } from 'nodemailer';

export type OutgoingMail = { to: string; subject: string; text: string };
export type SentReceipt = { transport: 'smtp' | 'log' | 'sms-gateway' | 'sms-dev-outbox'; providerId: string | null };

export interface MailSender {
  send(mail: OutgoingMail): Promise<SentReceipt>;
  close(): void;
}

export interface SmsSender {
  /** `sms-gateway` for a real gateway; `sms-dev-outbox` only records. */
  readonly transport: 'sms-gateway' | 'sms-dev-outbox';
  /** Throws on failure (the job is retried with backoff). `to` is a Vietnamese mobile number as stored. */
  send(sms: { to: string; text: string }): Promise<{ providerId: string | null }>;
}

export class SmtpMailSender implements MailSender {
  readonly #transport: Transporter;
  constructor(
    smtpUrl: string,
    private readonly from: string,
  ) {
    this.#transport = nodemailer.createTransport(smtpUrl);
  }
  async send(mail: OutgoingMail): Promise<SentReceipt> {
    const info = await this.#transport.sendMail({ from: this.from, to: mail.to, subject: mail.subject, text: mail.text, textEncoding: 'base64' });
    if (info.rejected.length > 0) throw new Error(`SMTP server rejected ${info.rejected.join(', ')}`);
    return { transport: 'smtp', providerId: info.messageId ?? null };
  }
  close(): void {
    this.#transport.close();
  }
}

/** No SMTP configured: the message is logged, clearly labelled as not sent, and kept in the outbox. */
export class LogMailSender implements MailSender {
  constructor(private readonly log: { info(obj: object, msg: string): void }) {}
  async send(mail: OutgoingMail): Promise<SentReceipt> {
    this.log.info({ to: mail.to, subject: mail.subject }, 'email NOT SENT (no SMTP_URL configured): recorded in notification_outbox with transport "log"');
    return { transport: 'log', providerId: null };
  }
  close(): void {}
}

/** Development SMS: nothing leaves the machine; the outbox row is the record. */
export class DevOutboxSmsSender implements SmsSender {
  readonly transport = 'sms-dev-outbox' as const;
  async send(): Promise<{ providerId: string | null }> {
    return { providerId: null };
  }
}
