import type { INestApplication } from '@nestjs/common';
import type { VigieConfig } from '@vigie/config';
import type { Sessions } from '@vigie/identity';
import { csrfTokenOf, sessionCookieName } from '../../apps/api/src/auth/session-cookie';
import { SESSIONS } from '../../apps/api/src/identity/identity.tokens';
import { UserAdministration } from '../../apps/api/src/users/user-administration';
import { BENCH_FINESS } from './api-server-protocol';

/**
 * A person logged in with a browser session, made by the product's own code: invited as a
 * declarant of the bench's facility (the user-permissions read model then holds the grant), and a
 * session as the login callback creates it. The headers are a same-origin page's POST: the
 * cookie, Fetch Metadata and the session's CSRF token.
 */
export async function benchSessionHeaders(
  app: INestApplication,
  config: VigieConfig,
): Promise<Record<string, string>> {
  const { user } = await app.get(UserAdministration).invite(
    {
      email: 'declarant@ch-bench.example',
      name: 'Dominique Bench',
      role: 'declarant',
      finess: [BENCH_FINESS],
    },
    { sub: 'admin-bench', role: 'admin' },
    'b5-bench-session',
  );
  const { id, session } = await app
    .get<Sessions>(SESSIONS)
    .create({ userId: user.id, issuer: config.publicUrl, idToken: null });
  return {
    cookie: `${sessionCookieName(config)}=${id}`,
    'sec-fetch-site': 'same-origin',
    'x-csrf-token': csrfTokenOf(config, session.idHash),
  };
}
