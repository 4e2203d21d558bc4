import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { simpleParser } from 'mailparser';
import {
  MailFiles,
  SUBJECT_SECRET,
  mailsOf,
  submission,
} from '../../../libs/notifications/src/mail/testing/mail-test-kit';

const REGISTER = join(__dirname, '../../../libs/read-models/src/testing/swc-register.js');
const ID = '7e1d2c3b-4a5f-4b6c-8d7e-9f0a1b2c3d4e';

describe('apps/projector runs the mailer when the API does not (VIGIE_PROJECTOR=off)', () => {
  it('VIGIE_MAIL=on without a relay: the receipt of a declaration in the log lands in <dataDir>/outbox, recorded once', async () => {
    const files = new MailFiles('2026-03-28T23:30:00.000Z');
    const store = await files.store();
    // Outside NIS2: the machine's clock runs here, and no staged report falls due to mail about.
    const declared = submission(ID, '2026-03-28T22:59:00.000Z', '2026-03-28T23:30:00.000Z');
    await files.submit(store, {
      ...declared,
      reference: '2026-000007',
      structure: { ...declared.structure, nis2: 'NONE' },
    });
    const child = spawn(process.execPath, ['--require', REGISTER, join(__dirname, 'main.ts')], {
      env: {
        PATH: process.env.PATH ?? '',
        VIGIE_DATA_DIR: files.directory,
        VIGIE_PROJECTOR_PORT: '0',
        VIGIE_JWT_SECRET: 'x'.repeat(40),
        VIGIE_SUBJECT_SECRET: SUBJECT_SECRET,
        VIGIE_MAIL: 'on',
        VIGIE_MAIL_START: 'beginning',
        VIGIE_MAIL_POLL_MS: '20',
        HOST: '127.0.0.1',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (chunk) => (output += chunk));
    child.stderr.on('data', (chunk) => (output += chunk));
    const exited = once(child, 'exit');
    const outbox = join(files.directory, 'outbox');
    try {
      const deadline = Date.now() + 30_000;
      while ((await mailsOf(store, ID)).length === 0 && Date.now() < deadline)
        await new Promise((resolve) => setTimeout(resolve, 50));
      const [recorded] = await mailsOf(store, ID);
      expect({ recorded, output }).toMatchObject({ recorded: { kind: 'receipt', outcome: 'sent' } });
      expect(existsSync(outbox) ? readdirSync(outbox) : []).toEqual([`${recorded.mailId}.eml`]);
      const parsed = await simpleParser(readFileSync(join(outbox, `${recorded.mailId}.eml`)));
      expect(parsed.subject).toBe('[Vigie] Accusé de réception de votre déclaration 2026-000007');
      expect(output).toContain(`no VIGIE_SMTP_URL: mails are written to ${outbox}`);
      // The address is in the mail, never in what the process says.
      expect(output).not.toContain('rssi@chu-x.example');
    } finally {
      child.kill('SIGTERM');
      await exited;
      await files.remove();
    }
  }, 60_000);
});
