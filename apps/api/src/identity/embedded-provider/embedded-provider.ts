import type { VigieConfig } from '@vigie/config';
import { oidcAdapterOn, type LocalAccounts } from '@vigie/identity';
import Provider, { type KoaContextLike } from 'oidc-provider';
import type { DataSource } from 'typeorm';
import {
  EMBEDDED_CLIENT_ID,
  embeddedClientSecret,
  embeddedCookieKeys,
  embeddedIssuer,
  interactionPath,
} from './embedded-client';
import { errorPage, loggedOutPage, logoutPage, type PageContext } from './interaction-pages';
import { TEXTS, languageOf } from './interaction-texts';
import { signingKeyOf } from './signing-key';

/** Seconds. */
const TTL = {
  Interaction: 10 * 60,
  Session: 12 * 3600,
  Grant: 12 * 3600,
  AuthorizationCode: 60,
  AccessToken: 10 * 60,
  IdToken: 10 * 60,
};

const contextOf = (ctx: KoaContextLike, config: VigieConfig): PageContext => ({
  language: languageOf(ctx.query.lang, (...languages) => ctx.acceptsLanguages(...languages)),
  site: config.site,
});

/**
 * The embedded OpenID provider (issuer `<public URL>/oidc`): one confidential client, the API
 * itself; authorization code with PKCE S256 only; its state in the identity database.
 */
export async function createEmbeddedProvider(
  config: VigieConfig,
  accounts: LocalAccounts,
  dataSource: DataSource,
): Promise<Provider> {
  const cookieOptions = { signed: true, httpOnly: true, sameSite: 'lax' };
  // The session's cookie goes to the provider only, never to /api or the web app.
  const sessionCookie = { ...cookieOptions, path: new URL(embeddedIssuer(config)).pathname };
  const provider = new Provider(embeddedIssuer(config), {
    adapter: oidcAdapterOn(dataSource),
    clients: [
      {
        client_id: EMBEDDED_CLIENT_ID,
        client_secret: embeddedClientSecret(config),
        client_name: 'Vigie',
        redirect_uris: [`${config.publicUrl}/auth/callback`],
        post_logout_redirect_uris: [`${config.publicUrl}/`],
        grant_types: ['authorization_code'],
        response_types: ['code'],
        // openid-client 6's default for a client with a secret.
        token_endpoint_auth_method: 'client_secret_post',
      },
    ],
    async findAccount(_ctx: unknown, id: string) {
      const profile = await accounts.profileOf(id);
      if (profile === null || profile.disabled) return undefined;
      return {
        accountId: profile.accountId,
        claims: () => ({
          sub: profile.accountId,
          email: profile.email,
          // Set by the administrator who invited the person, to the address the activation link reached.
          email_verified: true,
          name: profile.displayName,
        }),
      };
    },
    claims: { openid: ['sub', 'amr'], email: ['email', 'email_verified'], profile: ['name'] },
    scopes: ['openid'],
    // The client reads e-mail and name from the ID token; it has no use for userinfo round trips.
    conformIdTokenClaims: false,
    responseTypes: ['code'],
    pkce: { required: () => true, methods: ['S256'] },
    features: {
      devInteractions: { enabled: false },
      revocation: { enabled: true },
      rpInitiatedLogout: {
        enabled: true,
        async logoutSource(ctx: KoaContextLike, form: string) {
          ctx.type = 'html';
          ctx.body = logoutPage(contextOf(ctx, config), form);
        },
        async postLogoutSuccessSource(ctx: KoaContextLike) {
          ctx.type = 'html';
          ctx.body = loggedOutPage(contextOf(ctx, config), `${config.publicUrl}/`);
        },
      },
    },
    interactions: {
      url: (_ctx: unknown, interaction: { uid: string }) => interactionPath(config, interaction.uid),
    },
    // `secure` is added by the provider itself when the request came over https (or a trusted proxy said so).
    cookies: { keys: embeddedCookieKeys(config), long: sessionCookie, short: cookieOptions },
    jwks: { keys: [await signingKeyOf(dataSource)] },
    ttl: TTL,
    clientBasedCORS: () => false,
    async renderError(ctx: KoaContextLike, out: { error?: string; error_description?: string }) {
      const context = contextOf(ctx, config);
      ctx.type = 'html';
      const message = out.error_description ?? out.error ?? TEXTS[context.language].errorTitle;
      ctx.body = errorPage(context, message, `${config.publicUrl}/`);
    },
  });
  provider.proxy = config.trustProxy > 0;
  return provider;
}
