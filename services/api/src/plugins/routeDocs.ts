/** What the document says of a route its own schema does not: a stable operationId for client generators, a summary, a description. */
export type RouteDoc = {
  operationId: string;
  summary: string;
  description?: string;
  /** The 2xx answer's description. */
  reply?: string;
  /** A body the route parses itself (not JSON), described for the document only. */
  body?: Record<string, unknown>;
  /** Answers the route's runtime schema cannot declare (a binary body). */
  responses?: Record<string, unknown>;
};

const binary = { type: 'string', format: 'binary' };

/** By `METHOD url`, as Fastify registers it. New routes may set these in their own schema instead. */
export const ROUTE_DOCS: Record<string, RouteDoc> = {
  'GET /health': { operationId: 'getHealth', summary: 'Service health', description: '200 when the chain node, the database and the chain worker all answer within 2 s; else 503 with each part named.' },
  'GET /me': { operationId: 'getMe', summary: 'Who the access token is for', description: 'The signed-in key, the identity it acts for now, and its role.' },
  'POST /auth/nonce': { operationId: 'createLoginNonce', summary: 'Start a Sign-In with Ethereum login' },
  'POST /auth/login': { operationId: 'login', summary: 'Exchange a signed Sign-In with Ethereum message for an access token', description: 'A failure is 401 login_failed naming the field that was wrong (domain, uri, chainId, issuedAt, expirationTime, nonce, signature, or resources carrying a face route\'s urn:identree:face-… purpose, which is refused before its nonce is spent); nothing says whether the account exists.' },
  'GET /.well-known/jwks.json': { operationId: 'getJwks', summary: 'Public keys of the access tokens and webhook signatures' },
  'GET /entities/:address': { operationId: 'getEntity', summary: 'An entity, from the indexed read model' },
  'GET /entities/:address/tree': { operationId: 'getIdentityTree', summary: 'An entity\'s identity tree: the credentials it has linked' },
  'GET /entities/:address/audit': { operationId: 'getEntityAudit', summary: 'An entity\'s audit log', description: 'Every registry event about the entity, each naming its transaction and log; for the subject\'s current key or the root only.' },
  'GET /registry/tree': {
    operationId: 'getRegistrationTree', summary: 'The registration tree: who registered whom, from the first root down, breadth first',
    description: 'Public, as the registry\'s events are. With a token, each entity\'s sponsored gas (gas, wei and relayed writes the sponsor paid) for the root authority, the entity itself and the active registrars above it; null elsewhere. `truncated` says the limit cut the tree: ask again `from` a deeper entity.',
  },
  'GET /audit/proof': { operationId: 'getAuditProof', summary: 'Check an audit reference against the chain' },
  'GET /credentials/:uid': { operationId: 'getCredential', summary: 'A credential\'s anchor: issuer, subject, type, level, validity' },
  'GET /credentials/:uid/status': { operationId: 'getCredentialStatus', summary: 'Whether a credential is valid now' },
  'GET /dids/:did': { operationId: 'resolveDid', summary: 'Resolve a did:identree DID to its DID document' },
  'GET /tokens/:tokenId': { operationId: 'getIdentityTokenMetadata', summary: 'ERC-721 metadata JSON of an identity token' },
  'POST /credentials/:uid/status-entry': {
    operationId: 'allocateCredentialStatus', summary: 'Place the caller\'s credential in a status list',
    description: 'For the credential\'s issuer, once its anchor is indexed: the W3C credentialStatus entries (revocation, suspension) and the IETF Token Status List reference to put in the VC and its SD-JWT VC form. The same answer on every call.',
  },
  'GET /status-lists/:listId/:purpose': {
    operationId: 'getBitstringStatusList', summary: 'A W3C Bitstring Status List credential, mirrored from the chain',
    description: 'Secured as vc+jwt (EdDSA, key in /.well-known/jwks.json) by default; the unsigned JSON credential with Accept: application/vc.',
    responses: { 200: { description: 'The status list credential', content: { 'application/vc+jwt': { schema: { type: 'string' } }, 'application/vc': { schema: { type: 'object' } } } } },
  },
  'GET /status-lists/:listId/token': {
    operationId: 'getTokenStatusList', summary: 'An IETF Token Status List (statuslist+jwt) for SD-JWT VCs, mirrored from the chain',
    responses: { 200: { description: 'The status list token: 2 bits a credential, 0 valid, 1 invalid, 2 suspended', content: { 'application/statuslist+jwt': { schema: { type: 'string' } } } } },
  },
  'GET /contexts/did/v1': { operationId: 'getDidContext', summary: 'The JSON-LD context of the identree properties in DID documents' },
  'GET /contexts/credentials/v1': { operationId: 'getCredentialContext', summary: 'The JSON-LD context of the Identree credential vocabulary, for credential forms that name it by URL (EIP-712)' },
  'POST /presentations/nonce': { operationId: 'createPresentationNonce', summary: 'A verifier\'s single-use challenge for a presentation' },
  'POST /presentations/verify': { operationId: 'verifyPresentation', summary: 'Verify a presentation: a typed verdict with every reason it fails' },
  'POST /entities': { operationId: 'submitRegisterEntity', summary: 'Register an entity from a signed transaction', description: 'The transaction is registerEntity, signed by the registrar. Prefer POST /prepare/register-entity, then POST /transactions.' },
  'POST /entities/:address/suspend': { operationId: 'submitSuspendEntity', summary: 'Suspend an entity from a signed transaction' },
  'POST /credentials': { operationId: 'submitAnchorCredential', summary: 'Anchor a credential from a signed transaction', description: 'anchorCredential or anchorBirthCertificate, signed by the issuer. Prefer POST /prepare/anchor-credential, then POST /transactions.' },
  'POST /credentials/revocations': { operationId: 'submitRevokeCredential', summary: 'Revoke a credential from a signed transaction' },
  'POST /tree/link': { operationId: 'linkCredential', summary: 'Link a credential into the holder\'s identity tree', description: 'Relays a LinkCredential message the holder signed (POST /prepare/holder/link-credential gives it); the sponsor pays.' },
  'POST /tree/unlink': { operationId: 'unlinkCredential', summary: 'Unlink a credential from the holder\'s identity tree', description: 'Relays an UnlinkCredential message the holder signed; the sponsor pays.' },
  'GET /writes/:id': { operationId: 'getWrite', summary: 'A write of the caller\'s, by id: pending, sent, confirmed or failed' },
  'POST /blobs': {
    operationId: 'addBlob', summary: 'Add a content-addressed blob (1 MiB at most)', reply: 'The blob\'s CID',
    description: 'The raw bytes, already encrypted by their owner, as application/octet-stream; the answer is the CID kubo gives the same bytes.',
    body: { ...binary, description: 'The bytes of the blob' },
  },
  'GET /blobs/:cid': {
    operationId: 'getBlob', summary: 'A blob by CID',
    responses: { 200: { description: 'The blob\'s bytes', content: { 'application/octet-stream': { schema: binary } } } },
  },
  'DELETE /blobs/:cid': {
    operationId: 'eraseBlob', summary: 'Erase a blob the caller stored',
    description: 'Drops the caller\'s charge for the blob; when no other account stored the same bytes, unpins it (kubo) and deletes its blocks. Pins, unpins and erasures are in the owner\'s audit log.',
  },
  'POST /relay/authority-call': { operationId: 'relayAuthorityCall', summary: 'Relay an authority\'s signed write (an identity-registry call, a registrar\'s rebind or compromise report, a verifier\'s access log), paid by the sponsor' },
  'POST /grants': { operationId: 'grantAccess', summary: 'Grant a verifier access to a credential (relayed)' },
  'POST /grants/revoke': { operationId: 'revokeAccess', summary: 'Revoke a verifier\'s access (relayed)' },
  'GET /me/grants': { operationId: 'listMyGrants', summary: 'The signed-in holder\'s grants' },
  'GET /grants/:holder/:uid': {
    operationId: 'getReceivedGrant', summary: 'The grant a holder gave the signed-in verifier for a credential',
    description: 'Read from the chain: its attributes, expiry and whether it is live now. 404 when the holder never granted it or revoked it.',
  },
  'GET /me/access-log': { operationId: 'listMyAccessLog', summary: 'Who accessed the signed-in holder\'s credentials, and when' },
  'GET /me/service-access-log': { operationId: 'listMyServiceAccessLog', summary: 'Accesses this service recorded for the signed-in holder (not on chain)', description: 'Sign in with Identree token exchanges and userinfo calls, share reads and presentation verdicts, refused ones too; each entry says `recordedBy: service`.' },
  'GET /me/oidc-releases': { operationId: 'listMyOidcReleases', summary: 'What the signed-in holder released to each Sign in with Identree site' },
  'POST /me/oidc-releases/:id/revoke': { operationId: 'revokeMyOidcRelease', summary: 'Revoke a release: the site\'s next userinfo call is answered 401 invalid_token' },
  'PUT /shares': { operationId: 'putShare', summary: 'Store disclosed data encrypted to a verifier' },
  'GET /shares/:holder/:uid': { operationId: 'getShare', summary: 'A share, for the verifier it was encrypted to, while its grant is live' },
  'POST /webhooks': { operationId: 'createWebhook', summary: 'Subscribe to revocations' },
  'GET /webhooks': { operationId: 'listWebhooks', summary: 'The caller\'s webhook subscriptions' },
  'DELETE /webhooks/:id': { operationId: 'deleteWebhook', summary: 'Cancel a webhook subscription' },
  'GET /identities/:address/key': { operationId: 'getIdentityKey', summary: 'The key that controls an identity now' },
  'GET /identities/:address/guardians': { operationId: 'getGuardians', summary: 'An identity\'s guardians, threshold and pending recovery' },
  'POST /guardians': { operationId: 'addGuardian', summary: 'Add a guardian (relayed)' },
  'POST /guardians/remove': { operationId: 'removeGuardian', summary: 'Remove a guardian (relayed)' },
  'POST /recoveries/approvals': { operationId: 'approveRecovery', summary: 'A guardian approves a recovery to a new key (relayed)' },
  'POST /recoveries/cancel': { operationId: 'cancelRecovery', summary: 'Cancel every pending recovery (relayed)' },
  'POST /recoveries/finalize': { operationId: 'finalizeRecovery', summary: 'Finalize a recovery once its delay has passed' },
  'POST /prepare/enrollment': {
    operationId: 'prepareEnrollment', summary: 'Enroll: the message the enrollee signs to record a document\'s commitment',
    description: 'The EIP-712 Enroll message (domain Identree Enrollment) over the commitment POST /enrollments/documents answered; no nonce, since a recorded enrollment is refused. The enrollee\'s key signs it and POST /enrollments relays it, paid by the sponsor. 503 enrollment_unavailable when enrollment is off.',
  },
  'POST /enrollments': { operationId: 'enrollDocument', summary: 'Record a document\'s commitment on chain from the enrollee\'s signed Enroll message (relayed)' },
  'POST /keys/rotate': { operationId: 'rotateKey', summary: 'Rotate an identity\'s key (relayed, both keys sign)' },
};
