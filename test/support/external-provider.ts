import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import Provider from 'oidc-provider';

/** A person as a ProConnect-style provider describes them: no role, no FINESS. */
export interface ExternalAccount {
  sub: string;
  email: string;
  given_name: string;
  usual_name: string;
  /** ProConnect's own claims: the agent's id and the employer's SIRET. */
  uid: string;
  siret: string;
  email_verified?: boolean;
}

export interface ExternalProvider {
  issuer: string;
  clientId: string;
  clientSecret: string;
  close(): Promise<void>;
}

/**
 * A second, real OpenID provider over HTTP (panva's oidc-provider), standing for ProConnect:
 * authorization code with PKCE, its development login form (any login name, the account's `sub`),
 * e-mail and names given by userinfo only (as ProConnect does), an end-session endpoint.
 */
export async function startExternalProvider(
  accounts: ExternalAccount[],
  redirectBase: string,
): Promise<ExternalProvider> {
  const server: Server = createServer();
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const clientId = 'vigie-proconnect-test';
  const clientSecret = 'external-provider-test-secret-0123456789';
  const provider = new Provider(issuer, {
    clients: [
      {
        client_id: clientId,
        client_secret: clientSecret,
        redirect_uris: [`${redirectBase}/auth/callback`],
        post_logout_redirect_uris: [`${redirectBase}/`],
        grant_types: ['authorization_code'],
        response_types: ['code'],
      },
    ],
    pkce: { required: () => true },
    claims: {
      openid: ['sub'],
      email: ['email', 'email_verified'],
      profile: ['given_name', 'usual_name', 'name'],
      uid: ['uid'],
      siret: ['siret'],
    },
    features: { devInteractions: { enabled: true }, rpInitiatedLogout: { enabled: true } },
    cookies: { keys: ['external-provider-test-cookie-key'] },
    findAccount: (_ctx: unknown, sub: string) => {
      const account = accounts.find((candidate) => candidate.sub === sub);
      if (account === undefined) return undefined;
      return {
        accountId: sub,
        claims: () => ({
          ...account,
          name: `${account.given_name} ${account.usual_name}`,
          email_verified: account.email_verified ?? true,
        }),
      };
    },
  });
  server.on('request', provider.callback());
  return {
    issuer,
    clientId,
    clientSecret,
    close: () => new Promise<void>((done) => server.close(() => done())),
  };
}
