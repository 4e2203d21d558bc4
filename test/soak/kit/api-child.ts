/*
 * The API in a process of its own, as `npm start` runs it but from the sources: the crash suites
 * start it with `node --require libs/read-models/src/testing/swc-register.js`, read the port from
 * its first line of stdout ("PORT <n>"), and SIGKILL it.
 */
import type { AddressInfo } from 'node:net';
import { loadConfig } from '@vigie/config';
import { createApp } from '../../../apps/api/src/create-app';

async function main(): Promise<void> {
  const app = await createApp(loadConfig(process.env), { logger: ['error', 'fatal'] });
  await app.listen(0, '127.0.0.1');
  const { port } = app.getHttpServer().address() as AddressInfo;
  process.stdout.write(`PORT ${port}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`api-child: cannot start: ${String(error)}\n`);
  process.exit(1);
});
