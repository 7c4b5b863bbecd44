import { VC_CONTEXT } from './draftCredential.js';

/**
 * The path, under a service's public URL, where the credential vocabulary is published as a JSON-LD
 * context document (the API serves `IDENTREE_CREDENTIAL_CONTEXT` there). The documents themselves carry
 * it inline; forms that can only name contexts by URL (the EIP-712 form: its arrays hold one type) name this.
 */
export const IDENTREE_CREDENTIAL_CONTEXT_PATH = '/contexts/credentials/v1';

/** The context URL named when the service's own is not given (the embedded default). */
export const IDENTREE_CREDENTIAL_CONTEXT_URL = `http://127.0.0.1:8787${IDENTREE_CREDENTIAL_CONTEXT_PATH}`;

/**
 * The inline context of every Identree credential, as a context document: a credential naming its
 * URL expands to the very same terms as one carrying it inline.
 *
 * @example
 * app.get(IDENTREE_CREDENTIAL_CONTEXT_PATH, () => IDENTREE_CREDENTIAL_CONTEXT)
 */
export const IDENTREE_CREDENTIAL_CONTEXT = { '@context': VC_CONTEXT[1] } as const;
