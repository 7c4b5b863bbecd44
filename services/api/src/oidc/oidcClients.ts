import { readFileSync } from 'node:fs';
import { createHash, timingSafeEqual } from 'node:crypto';
import { Type, type Static } from '@sinclair/typebox';
import { Value } from '@sinclair/typebox/value';

const OidcClientSchema = Type.Object(
  {
    client_id: Type.String({ pattern: '^[A-Za-z0-9._~-]{1,64}$' }),
    client_name: Type.String({ minLength: 1, maxLength: 100 }),
    /** Compared exactly, as OAuth 2.0 Security BCP asks: no prefix or wildcard matching. */
    redirect_uris: Type.Array(Type.String({ pattern: '^https?://[^\\s#]+$', maxLength: 2000 }), { minItems: 1, maxItems: 10 }),
    /** Absent: a public client (a browser or mobile app), which authenticates by PKCE alone. */
    client_secret: Type.Optional(Type.String({ minLength: 16, maxLength: 200 })),
    /** The relying party's registered address, shown to the user on the login page. */
    verifier: Type.Optional(Type.String({ pattern: '^0x[0-9a-fA-F]{40}$' })),
  },
  { additionalProperties: false },
);
export type OidcClient = Static<typeof OidcClientSchema>;

/** OIDC_CLIENTS could not be read; the message names the field. */
export class OidcClientsError extends Error {
  override name = 'OidcClientsError';
}

/**
 * The relying parties this provider serves, from OIDC_CLIENTS: a JSON array, or the path of a
 * file holding one. Clients are configured, not self-registered: a government's login provider
 * decides which sites may ask for its citizens' claims.
 *
 * @example
 * parseOidcClients('[{"client_id":"bank","client_name":"Example Bank","redirect_uris":["https://bank.example/cb"]}]')
 */
export function parseOidcClients(value: string | undefined): OidcClient[] {
  if (value === undefined || value.trim() === '') return [];
  let parsed: unknown;
  try {
    parsed = JSON.parse(value.trim().startsWith('[') ? value : readFileSync(value, 'utf8'));
  } catch (error) {
    throw new OidcClientsError(`OIDC_CLIENTS: expected a JSON array of clients or the path of a file holding one (${(error as Error).message})`);
  }
  if (!Array.isArray(parsed)) throw new OidcClientsError('OIDC_CLIENTS: expected a JSON array of clients');
  const seen = new Set<string>();
  return parsed.map((client, i) => {
    if (!Value.Check(OidcClientSchema, client)) {
      const first = [...Value.Errors(OidcClientSchema, client)][0]!;
      throw new OidcClientsError(`OIDC_CLIENTS[${i}]${first.path.replaceAll('/', '.')}: ${first.message}`);
    }
    if (seen.has(client.client_id)) throw new OidcClientsError(`OIDC_CLIENTS[${i}].client_id: "${client.client_id}" appears twice`);
    seen.add(client.client_id);
    return client;
  });
}

/** Constant-time comparison of a presented secret with the configured one. */
export function secretMatches(client: OidcClient, presented: string | undefined): boolean {
  if (!client.client_secret || presented === undefined) return false;
  const digest = (s: string) => createHash('sha256').update(s).digest();
  return timingSafeEqual(digest(client.client_secret), digest(presented));
}
