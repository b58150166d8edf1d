import { Writable } from 'node:stream';
import { pino } from 'pino';
import { describe, expect, it } from 'vitest';
import { createMailer, LogMailer, SmtpMailer } from './mailer.ts';

function capturingLogger(): { logger: pino.Logger; lines: () => Array<Record<string, unknown>> } {
  const chunks: string[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, callback) {
      chunks.push(chunk.toString('utf8'));
      callback();
    },
  });
  const logger = pino({ level: 'info' }, stream);
  return {
    logger,
    lines: () =>
      chunks
        .join('')
        .split('\n')
        .filter(Boolean)
        .map((line) => JSON.parse(line) as Record<string, unknown>),
  };
}

const EMAIL = {
  to: 'rosa@example.pe',
  subject: 'Te invitaron a Pollería Doña Pepa en SmartKet',
  text: 'Abre este enlace:\nhttp://localhost:3000/invitacion/abc\n',
  html: '<p>Abre este enlace</p>',
};

describe('createMailer', () => {
  it('sends over SMTP when SMTP_URL is set', () => {
    const { logger } = capturingLogger();
    const mailer = createMailer({ smtpUrl: 'smtp://127.0.0.1:2525', mailFrom: 'SmartKet <a@b.pe>' }, logger);
    expect(mailer).toBeInstanceOf(SmtpMailer);
  });

  it('writes each message, link included, to the log at info level when SMTP_URL is unset', async () => {
    const { logger, lines } = capturingLogger();
    const mailer = createMailer({ smtpUrl: undefined, mailFrom: 'SmartKet <a@b.pe>' }, logger);
    expect(mailer).toBeInstanceOf(LogMailer);

    await mailer.send(EMAIL);
    const [line] = lines();
    expect(line?.level).toBe(30);
    expect(line?.email).toEqual({ to: EMAIL.to, subject: EMAIL.subject, text: EMAIL.text });
    expect(JSON.stringify(line)).toContain('http://localhost:3000/invitacion/abc');
  });
});

describe('SmtpMailer', () => {
  it('throws when the mail server cannot be reached, for the job to retry', async () => {
    // Port 9 on loopback: nothing listens there, the connection is refused at once.
    const mailer = new SmtpMailer('smtp://127.0.0.1:9', 'SmartKet <a@b.pe>');
    await expect(mailer.send(EMAIL)).rejects.toThrow();
  });
});
