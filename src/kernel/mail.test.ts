import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SmtpMailer } from './mail.ts';

describe('SMTP mail adapter', () => {
  let server: SMTPServer;
  const received: { from: string; to: string[]; data: string }[] = [];
  let port = 0;

  beforeAll(async () => {
    server = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS'],
      onData(stream, session, callback) {
        let data = '';
        stream.on('data', (c: Buffer) => (data += c.toString('utf8')));
        stream.on('end', () => {
          received.push({
            from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
            to: session.envelope.rcptTo.map((r) => r.address),
            data,
          });
          callback();
        });
      },
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    port = (server.server.address() as AddressInfo).port;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it('delivers a Korean message to a real SMTP server with the configured sender', async () => {
    const mailer = new SmtpMailer(`smtp://127.0.0.1:${port}?ignoreTLS=true`, 'sehub <no-reply@hub.example>');
    await mailer.send({ to: 'member@example.kr', subject: '[sehub] 비밀번호 재설정 안내', text: '링크를 여세요' });
    mailer.close();
    expect(received).toHaveLength(1);
    expect(received[0]!.from).toBe('no-reply@hub.example');
    expect(received[0]!.to).toEqual(['member@example.kr']);
    // Non-ASCII headers are MIME-encoded; the body is UTF-8 (quoted-printable or base64).
    expect(received[0]!.data).toMatch(/Subject: =\?UTF-8\?/i);
    expect(received[0]!.data).toMatch(/charset=utf-8/i);
  });

  it('reports a delivery failure to the caller', async () => {
    const mailer = new SmtpMailer('smtp://127.0.0.1:1?ignoreTLS=true&connectionTimeout=2000', 'sehub <no-reply@hub.example>');
    await expect(mailer.send({ to: 'x@example.kr', subject: 's', text: 't' })).rejects.toThrow();
    mailer.close();
  });
});
