import nodemailer from 'nodemailer';

export interface MailMessage {
  to: string;
  subject: string;
  text: string;
}

/** How sehub sends e-mail. SMTP in production; a sink that keeps or logs messages elsewhere. */
export interface Mailer {
  send(message: MailMessage): Promise<void>;
}

/** Keeps messages in memory: tests read the outbox. */
export class MemoryMailer implements Mailer {
  readonly outbox: MailMessage[] = [];
  async send(message: MailMessage): Promise<void> {
    this.outbox.push(message);
  }
  last(to?: string): MailMessage | undefined {
    return [...this.outbox].reverse().find((m) => !to || m.to === to);
  }
}

/** Writes messages to the log, for a local instance with no SMTP server configured. */
export class LogMailer implements Mailer {
  constructor(private readonly log: (obj: object, msg: string) => void) {}
  async send(message: MailMessage): Promise<void> {
    this.log({ mail: message }, `mail to ${message.to} (no SMTP_URL configured, so it is only logged)`);
  }
}

/** Sends through an SMTP server, e.g. smtp://user:pass@mail.example.org:587. */
export class SmtpMailer implements Mailer {
  private readonly transport;
  constructor(
    url: string,
    private readonly from: string,
  ) {
    this.transport = nodemailer.createTransport(url);
  }
  async send(message: MailMessage): Promise<void> {
    await this.transport.sendMail({ from: this.from, ...message });
  }
  close(): void {
    this.transport.close();
  }
}
