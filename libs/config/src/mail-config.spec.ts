import { ConfigError } from './config-error';
import { DEFAULT_MAIL_FROM, mailConfig } from './mail-config';

const reader = (env: Record<string, string>) => (name: string) => env[name];

describe('mailConfig', () => {
  it('on by default: without a relay, written to the outbox under the data dir', () => {
    expect(mailConfig(reader({}), '/data')).toMatchObject({
      mode: 'outbox',
      smtpUrl: null,
      outboxDir: '/data/outbox',
      from: DEFAULT_MAIL_FROM,
      startFrom: 'head',
    });
  });

  it('VIGIE_SMTP_URL sends over SMTP; VIGIE_MAIL=on without it writes the outbox; VIGIE_MAIL=off stops both', () => {
    const url = 'smtp://user:secret@127.0.0.1:2525';
    expect(mailConfig(reader({ VIGIE_SMTP_URL: url }), '/data')).toMatchObject({
      mode: 'smtp',
      smtpUrl: url,
    });
    expect(mailConfig(reader({ VIGIE_MAIL: 'on' }), '/data')).toMatchObject({
      mode: 'outbox',
      smtpUrl: null,
      outboxDir: '/data/outbox',
    });
    expect(mailConfig(reader({ VIGIE_SMTP_URL: url, VIGIE_MAIL: 'off' }), '/data').mode).toBe('off');
  });

  it('refuses a URL that is not smtp(s) without repeating it (it holds a password)', () => {
    const read = reader({ VIGIE_SMTP_URL: 'http://user:hunter2@relay' });
    expect(() => mailConfig(read, '/data')).toThrow(ConfigError);
    expect(() => mailConfig(read, '/data')).not.toThrow(/hunter2/);
  });

  it('refuses a From that is no address, and an unknown switch', () => {
    expect(() => mailConfig(reader({ VIGIE_MAIL_FROM: 'Vigie' }), '/d')).toThrow(/VIGIE_MAIL_FROM/);
    expect(mailConfig(reader({ VIGIE_MAIL_FROM: 'cert@ars.example' }), '/d').from).toBe('cert@ars.example');
    expect(() => mailConfig(reader({ VIGIE_MAIL: 'yes' }), '/d')).toThrow(/VIGIE_MAIL must be/);
  });
});
