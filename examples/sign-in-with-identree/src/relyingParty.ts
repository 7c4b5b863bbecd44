import { createServer, type Server } from 'node:http';
import * as oidc from 'openid-client';

export type RelyingPartyOptions = {
  /** The Identree service's public URL, e.g. http://127.0.0.1:8080 (its OIDC issuer). */
  issuer: string;
  clientId: string;
  clientSecret: string;
  port: number;
};

type Pending = { verifier: string; nonce: string };

const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
const page = (body: string) =>
  `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Example Bank</title>
<style>body{font-family:system-ui,sans-serif;max-width:36rem;margin:3rem auto;color:#1b1f24}a.button{display:inline-block;padding:.6rem 1.1rem;background:#0b5cad;color:#fff;border-radius:6px;text-decoration:none}</style>
</head><body><main>${body}</main></body></html>`;

/**
 * A third-party site as it would integrate "Sign in with Identree": discovery, the authorization
 * code flow with PKCE, state and nonce, all done by the `openid-client` library; nothing here
 * knows Identree beyond its issuer URL. Sessions are in memory: an example, not a bank.
 */
export async function startRelyingParty({ issuer, clientId, clientSecret, port }: RelyingPartyOptions): Promise<{ url: string; server: Server }> {
  const url = `http://127.0.0.1:${port}`;
  const insecure = new URL(issuer).protocol === 'http:';
  const config = await oidc.discovery(new URL(issuer), clientId, { id_token_signed_response_alg: 'EdDSA' }, oidc.ClientSecretBasic(clientSecret), insecure ? { execute: [oidc.allowInsecureRequests] } : undefined);
  const pending = new Map<string, Pending>();
  const server = createServer(async (req, res) => {
    const here = new URL(req.url ?? '/', url);
    try {
      if (here.pathname === '/login') {
        const verifier = oidc.randomPKCECodeVerifier();
        const state = oidc.randomState();
        const nonce = oidc.randomNonce();
        pending.set(state, { verifier, nonce });
        const to = oidc.buildAuthorizationUrl(config, { redirect_uri: `${url}/callback`, scope: 'openid identree', code_challenge: await oidc.calculatePKCECodeChallenge(verifier), code_challenge_method: 'S256', state, nonce });
        res.writeHead(302, { location: to.href }).end();
        return;
      }
      if (here.pathname === '/callback') {
        const state = here.searchParams.get('state') ?? '';
        const session = pending.get(state);
        pending.delete(state);
        if (here.searchParams.get('error')) {
          res.writeHead(200, { 'content-type': 'text/html' }).end(page(`<h1>Not signed in</h1><p>${escapeHtml(here.searchParams.get('error_description') ?? 'You declined.')}</p><p><a href="/">Back</a></p>`));
          return;
        }
        if (!session) throw new Error('unknown or replayed sign-in state');
        const tokens = await oidc.authorizationCodeGrant(config, here, { pkceCodeVerifier: session.verifier, expectedState: state, expectedNonce: session.nonce, idTokenExpected: true });
        const claims = tokens.claims()!;
        const credentials = (claims.identree_credentials as { type: string; level: string }[] | undefined) ?? [];
        res.writeHead(200, { 'content-type': 'text/html' }).end(
          page(`<h1>Welcome</h1>
<p id="who">Signed in as <code>${escapeHtml(String(claims.sub))}</code>${claims.identree_kind ? `, ${escapeHtml(String(claims.identree_kind))}` : ''}.</p>
<p id="level">Assurance: ${escapeHtml(String(claims.identree_level ?? 'none'))}</p>
<ul id="credentials">${credentials.map((c) => `<li>${escapeHtml(c.type)}: ${escapeHtml(c.level)}</li>`).join('')}</ul>`),
        );
        return;
      }
      res.writeHead(200, { 'content-type': 'text/html' }).end(page('<h1>Example Bank</h1><p>Open an account in a minute: prove who you are with your Identree identity.</p><p><a class="button" href="/login">Sign in with Identree</a></p>'));
    } catch (error) {
      res.writeHead(400, { 'content-type': 'text/html' }).end(page(`<h1>Sign-in failed</h1><p>${escapeHtml((error as Error).message)}</p><p><a href="/">Back</a></p>`));
    }
  });
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  return { url, server };
}
