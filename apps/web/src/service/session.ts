import { createSiweMessage } from 'viem/siwe';
import type { MessageSigner } from '../keys/injectedWallet.js';
import { ServiceAnswerError } from './http.js';

/** A signed-in key: its bearer token lives in this page's memory only (no cookie, no storage). */
export type Session = { signer: MessageSigner; token: string };

type NonceAnswer = { nonce: string; domain?: string; uri?: string; chainId?: number; statement?: string; version?: '1' };

/** Sign-In with Ethereum against the service: the service says what the message must name. */
export async function signIn(signer: MessageSigner): Promise<Session> {
  const nonceRes = await fetch('/auth/nonce', { method: 'POST' });
  const fields = (await nonceRes.json()) as NonceAnswer;
  if (!nonceRes.ok) throw new ServiceAnswerError(nonceRes.status, 'nonce', 'The service did not give a sign-in challenge. Try again in a minute.');
  const message = createSiweMessage({
    domain: fields.domain ?? window.location.host,
    uri: fields.uri ?? window.location.origin,
    chainId: fields.chainId ?? 31337,
    statement: fields.statement,
    nonce: fields.nonce,
    version: '1',
    address: signer.address,
    issuedAt: new Date(),
  });
  const res = await fetch('/auth/login', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ message, signature: await signer.signMessage(message) }) });
  const data = await res.json();
  if (!res.ok) throw new ServiceAnswerError(res.status, data.error ?? 'login_failed', data.message ?? 'Sign-in failed.');
  return { signer, token: data.accessToken };
}

/** A call as the signed-in user. */
export async function callAs<T>(session: Session, path: string, init?: { method?: string; body?: unknown; idempotencyKey?: string }): Promise<T> {
  const res = await fetch(path, {
    method: init?.method ?? 'GET',
    headers: {
      authorization: `Bearer ${session.token}`,
      ...(init?.body === undefined ? {} : { 'content-type': 'application/json' }),
      ...(init?.idempotencyKey ? { 'idempotency-key': init.idempotencyKey } : {}),
    },
    body: init?.body === undefined ? undefined : JSON.stringify(init.body),
  });
  const data = await res.json().catch(() => ({}));
  if (!res.ok) throw new ServiceAnswerError(res.status, data.error ?? 'error', data.message ?? `The service answered ${res.status}.`);
  return data as T;
}
