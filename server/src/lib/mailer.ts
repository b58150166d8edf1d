import { createTransport } from 'nodemailer';
import type { Logger } from './logger.ts';

/** One e-mail, written twice: plain text for every client, simple HTML for the rest. */
export interface OutgoingEmail {
  to: string;
  subject: string;
  text: string;
  html: string;
}

/** Sends e-mail. Only the `emails.send` job calls it: requests queue a job, never wait on SMTP. */
export interface Mailer {
  /** Resolves once the message was handed over; throws when it was not (the job retries). */
  send(email: OutgoingEmail): Promise<void>;
}

/** A mail server that does not answer within these is treated as down, so the job retries later. */
const SMTP_TIMEOUTS_MS = { connectionTimeout: 15_000, greetingTimeout: 15_000, socketTimeout: 30_000 };

/**
 * The mailer of the configuration: SMTP when `SMTP_URL` is set; otherwise (the embedded default on
 * an owner's laptop) each message is written to the log at info level, link included, so it can
 * still be copied from there.
 */
export function createMailer(
  config: { smtpUrl: string | undefined; mailFrom: string },
  logger: Logger,
): Mailer {
  return config.smtpUrl ? new SmtpMailer(config.smtpUrl, config.mailFrom) : new LogMailer(logger);
}

/** Hands messages to an SMTP server, one connection per message (invitations are few). */
export class SmtpMailer implements Mailer {
  private readonly transport: ReturnType<typeof createTransport>;

  constructor(smtpUrl: string, from: string) {
    this.transport = createTransport({ url: smtpUrl, ...SMTP_TIMEOUTS_MS }, { from });
  }

  async send(email: OutgoingEmail): Promise<void> {
    await this.transport.sendMail(email);
  }
}

/** Writes each message to the log instead of sending it: for a SmartKet without a mail server. */
export class LogMailer implements Mailer {
  private readonly logger: Logger;

  constructor(logger: Logger) {
    this.logger = logger;
  }

  send(email: OutgoingEmail): Promise<void> {
    this.logger.info(
      { email: { to: email.to, subject: email.subject, text: email.text } },
      'e-mail not sent (SMTP_URL is not set); here it is',
    );
    return Promise.resolve();
  }
}
