import type { Address, LocalAccount } from 'viem';
import { createSiweMessage } from 'viem/siwe';
import { sessionsFile } from '../config/paths.js';
import { readJsonFile, writeJsonFile } from '../config/jsonFile.js';
import type { Connection } from './connection.js';

type Session = { accessToken: string; expiresAt: number; role: string; address: Address };
type Sessions = Record<string, Session>;
const sessionKey = (service: string, address: Address) => `${service} ${address.toLowerCase()}`;

/**
 * Sign-In with Ethereum against the service. The message carries exactly what `/auth/nonce` says
 * it must (domain, URI, chain, statement), so the CLI never guesses the service's public URL.
 */
export async function signIn(connection: Connection, account: LocalAccount): Promise<Session> {
  const n = await connection.expect(connection.api(false).POST('/auth/nonce'));
  const message = createSiweMessage({
    domain: n.domain, uri: n.uri, chainId: n.chainId, version: n.version as '1', statement: n.statement, nonce: n.nonce, address: account.address, issuedAt: new Date(),
  });
  const signature = await account.signMessage({ message });
  const login = await connection.expect(connection.api(false).POST('/auth/login', { body: { message, signature } }));
  const session = { accessToken: login.accessToken, expiresAt: Date.now() + login.expiresIn * 1000, role: login.role, address: account.address };
  const sessions = readJsonFile<Sessions>(sessionsFile(), {});
  sessions[sessionKey(connection.service, account.address)] = session;
  writeJsonFile(sessionsFile(), sessions);
  return session;
}

/** A cached sign-in that is still good for at least a minute, if any. */
export function cachedSession(service: string, address: Address): Session | undefined {
  const session = readJsonFile<Sessions>(sessionsFile(), {})[sessionKey(service, address)];
  return session && session.expiresAt > Date.now() + 60_000 ? session : undefined;
}
