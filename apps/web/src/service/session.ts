import { createSiweMessage } from 'viem/siwe';
import type { MessageSigner } from '../keys/injectedWallet.js';
import { ServiceAnswerError } from './http.js';
import { answer, serviceClient } from './api.js';

/** A signed-in key: its bearer token lives in this page's memory only (no cookie, no storage). */
export type Session = { signer: MessageSigner; token: string; /** How the key signed in (RFC 8176), when not by its signature alone: ['face', 'hwk']. */ amr?: string[] };

/** Sign-In with Ethereum against the service: the service says what the message must name. */
export async function signIn(signer: MessageSigner): Promise<Session> {
  const api = serviceClient();
  const fields = await answer(api.POST('/auth/nonce')).catch((error: unknown) => {
    throw error instanceof ServiceAnswerError && error.status >= 500 ? new ServiceAnswerError(error.status, 'nonce', 'The service did not give a sign-in challenge. Try again in a minute.') : error;
  });
  const message = createSiweMessage({
    domain: fields.domain,
    uri: fields.uri,
    chainId: fields.chainId,
    statement: fields.statement,
    nonce: fields.nonce,
    version: '1',
    address: signer.address,
    issuedAt: new Date(),
  });
  const { accessToken } = await answer(api.POST('/auth/login', { body: { message, signature: await signer.signMessage(message) } }));
  return { signer, token: accessToken };
}

/** The typed client as the signed-in user. */
export const clientOf = (session: Session) => serviceClient(session.token);
