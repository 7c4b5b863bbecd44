/**
 * The path, under a service's public URL, where the JSON-LD context of the `identree` DID document
 * properties is published (the API serves `IDENTREE_DID_CONTEXT` there).
 */
export const IDENTREE_DID_CONTEXT_PATH = '/contexts/did/v1';

/** The context URL a resolver names when it is not told the service's own (the embedded default). */
export const IDENTREE_DID_CONTEXT_URL = `http://127.0.0.1:8787${IDENTREE_DID_CONTEXT_PATH}`;

const VOCAB = 'https://w3id.org/identree/vocab#';

/**
 * The JSON-LD context for the properties `did:identree` adds to DID Core, so JSON-LD expansion of a
 * document keeps every one of them (none is dropped as an undefined term). Protected, like the DID
 * Core context, so a later context cannot redefine them.
 *
 * @example
 * app.get(IDENTREE_DID_CONTEXT_PATH, () => IDENTREE_DID_CONTEXT)
 */
export const IDENTREE_DID_CONTEXT = {
  '@context': {
    '@version': 1.1,
    '@protected': true,
    identree: {
      '@id': `${VOCAB}identree`,
      '@context': {
        '@protected': true,
        kind: `${VOCAB}kind`,
        status: `${VOCAB}status`,
        registrar: { '@id': `${VOCAB}registrar`, '@type': '@id' },
        registry: `${VOCAB}registry`,
        identityToken: {
          '@id': `${VOCAB}identityToken`,
          '@context': { '@protected': true, tokenId: `${VOCAB}tokenId`, assetId: `${VOCAB}assetId` },
        },
        compromise: {
          '@id': `${VOCAB}compromise`,
          '@context': {
            '@protected': true,
            since: { '@id': `${VOCAB}compromisedSince`, '@type': 'http://www.w3.org/2001/XMLSchema#dateTime' },
            reportedAt: { '@id': `${VOCAB}compromiseReportedAt`, '@type': 'http://www.w3.org/2001/XMLSchema#dateTime' },
          },
        },
      },
    },
  },
} as const;
