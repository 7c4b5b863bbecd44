import type { FastifyPluginAsync } from 'fastify';
import { Type, type Static } from '@sinclair/typebox';
import { getAddress, type Address, type Hash } from 'viem';
import {
  DEFAULT_HOLDER_MESSAGE_LIFETIME, prepareEnrollTypedData, prepareRelayedEnrollment, simulateRelayedEnrollment,
  type FieldConfirmation, type FieldCorrection, type RegistryClient,
} from '@identree/sdk';
import {
  EnrollmentRequestError,
  MAX_DOCUMENT_BYTES,
  acceptConfirmation,
  attestSubmission,
  enrollmentProof,
  queueDocumentReads,
  submitDocument,
  verifierTasks,
  type DocumentReader,
  type EnrollmentChain,
  type SubmissionStore,
} from '@identree/enrollment';
import type { WritesGateway } from '../chainWorker/writesGateway.js';
import { Address as AddressSchema, Bytes32, Deadline, ErrorReply, errorReplies, Signature } from './schemas.js';
import { HolderTypedData } from './holderTypedData.js';
import { callerIs, postHolderWrite } from './holderWriteRoute.js';

/**
 * What the enrollment routes run on. The identity provider operates the enrollment service, so its
 * client (`provider`) sends the batches and the attestation; the routes hold no other key.
 */
export type EnrollmentRouteDependencies = {
  chain: EnrollmentChain;
  store: SubmissionStore;
  read: DocumentReader;
  provider: { address: Address; client: RegistryClient };
  maxDocumentBytes?: number;
  /** Uploads that may wait for OCR behind the one being read (default 16); the next gets 503 enrollment_busy. */
  maxWaitingDocuments?: number;
};
export type EnrollmentRoutesOptions = {
  enrollment?: EnrollmentRouteDependencies;
  /** The chain worker's outbox, through which the sponsor relays an enrollee's signed enrollment. */
  writes?: WritesGateway;
  /** How long the relay waits for its write to confirm before answering 202. @default 10 s */
  waitMs?: number;
};

const Confirmation = Type.Object({
  field: Type.Integer({ minimum: 0, maximum: 31 }),
  slot: Type.Integer({ minimum: 0, maximum: 63 }),
  agrees: Type.Boolean(),
  textHash: Bytes32,
  r: Bytes32,
  vs: Bytes32,
  correction: Type.Optional(Type.Object({
    text: Type.String({ minLength: 1, maxLength: 256 }),
    salt: Bytes32,
  }, { additionalProperties: false, description: 'With a correction only: the corrected text and the salt its textHash commits to; kept by the service, never sent on chain.' })),
}, { additionalProperties: false });
const Opening = Type.Object({ fieldHash: Bytes32, textHash: Bytes32, proof: Type.Array(Bytes32) });
const EnrollmentParams = Type.Object({ enrollment: Bytes32 });
const Commitment = {
  enrollee: AddressSchema,
  imageHash: Bytes32,
  fieldsRoot: Bytes32,
  fieldCount: Type.Integer({ minimum: 1, maximum: 32 }),
};
const PrepareEnrollBody = Type.Object({
  ...Commitment,
  deadline: Type.Optional({ ...Deadline, description: `Unix seconds; default ${DEFAULT_HOLDER_MESSAGE_LIFETIME} s from now` }),
}, { additionalProperties: false });
const EnrollBody = Type.Object({ ...Commitment, deadline: Deadline, signature: Signature }, { additionalProperties: false });
const statusReplies = { ...errorReplies, 413: ErrorReply, 503: ErrorReply };
const IMAGE_TYPES = ['image/png', 'image/jpeg', 'application/octet-stream'];

/**
 * Document enrollment (issue 20): the enrollee uploads a photo, verifiers fetch only their assigned
 * field crops and post signed answers, the identity provider attests, anyone checks the proof. The
 * logic is `@identree/enrollment`'s; these are its HTTP shell.
 */
export const enrollmentRoutes: FastifyPluginAsync<EnrollmentRoutesOptions> = async (app, { enrollment: deps, writes, waitMs = 10_000 }) => {
  const maxBytes = deps?.maxDocumentBytes ?? MAX_DOCUMENT_BYTES;
  // One queue per process: a burst of uploads waits its turn for OCR or is told when to come back.
  const read = deps && queueDocumentReads(deps.read, { maxWaiting: deps.maxWaitingDocuments });
  app.addContentTypeParser(IMAGE_TYPES, { parseAs: 'buffer', bodyLimit: maxBytes }, (_req, body, done) => done(null, body));
  // Errors of the enrollment service's table answer with their own status and code; the rest go on
  // to the service's handler (registry reverts, validation, 5xx hidden).
  app.setErrorHandler((error, _request, reply) => {
    if (error instanceof EnrollmentRequestError) {
      if (error.retryAfterSeconds !== undefined) reply.header('retry-after', String(error.retryAfterSeconds));
      return reply.status(error.statusCode).send({ error: error.code, message: error.shortMessage });
    }
    throw error;
  });
  const service = (): EnrollmentRouteDependencies => {
    if (!deps) throw new EnrollmentUnavailable();
    return deps;
  };

  app.post('/enrollments/documents', {
    // Before the body is read: a burst of uploads beyond the queue is refused without holding its photos.
    onRequest: async () => read?.refuseIfFull(),
    preHandler: app.requireAuth(),
    bodyLimit: maxBytes,
    schema: {
      operationId: 'submitDocument',
      summary: 'Submit a photographed identity document for enrollment',
      description: `The photo (PNG or JPEG, ${maxBytes} bytes at most) as the body; the template in the query. `
        + 'Answers the per-field salted commitments and the root the enrollee records on chain with enrollDocument. '
        + 'A corrupt, truncated or non-image upload is 400 not_an_image, a photo with no document in it 400 document_not_found, '
        + 'an oversized one 413, one that finds too many uploads waiting for OCR 503 enrollment_busy with Retry-After; '
        + 'nothing is stored unless the whole document was read.',
      tags: ['enrollment'],
      security: [{ bearer: [] }],
      consumes: IMAGE_TYPES,
      querystring: Type.Object({ template: Type.String({ minLength: 1, maxLength: 64, pattern: '^[a-z0-9-]+$' }) }),
      response: {
        201: Type.Object({
          enrollment: Bytes32,
          imageHash: Bytes32,
          fieldsRoot: Bytes32,
          fieldCount: Type.Integer(),
          fields: Type.Array(Type.Object({ name: Type.String(), value: Type.String(), problems: Type.Array(Type.String()), textSalt: Bytes32, cropSalt: Bytes32 })),
          openings: Type.Array(Opening),
        }),
        ...statusReplies,
      },
    },
  }, async (request, reply) => {
    const { chain: _chain, ...d } = service();
    const image = Buffer.isBuffer(request.body) ? new Uint8Array(request.body) : new Uint8Array();
    const { template } = request.query as { template: string };
    const submitted = await submitDocument({ enrollee: request.user!.address as Address, image, templateId: template, read: read!, store: d.store, maxBytes });
    return reply.status(201).send(submitted);
  });

  // The enrollee's key has no ether: it signs the commitment (EIP-712 Enroll) and the sponsor records it.
  app.post('/prepare/enrollment', {
    schema: { tags: ['enrollment'], body: PrepareEnrollBody, response: { 200: HolderTypedData, ...statusReplies } },
  }, async (request) => {
    const { chain } = service();
    const { deadline, ...commitment } = request.body as Static<typeof PrepareEnrollBody>;
    const typed = prepareEnrollTypedData({
      chainId: chain.chainId, enrollmentRegistry: chain.enrollmentRegistry, ...commitment,
      enrollee: getAddress(commitment.enrollee), imageHash: commitment.imageHash as Hash, fieldsRoot: commitment.fieldsRoot as Hash,
      deadline: deadline === undefined ? undefined : BigInt(deadline),
    });
    return { ...typed, message: { ...typed.message, deadline: typed.message.deadline.toString() } };
  });

  if (writes) {
    const ownDocument = callerIs('enrollee', 'you can only enroll your own documents');
    postHolderWrite<Static<typeof EnrollBody>>(app, { writes, waitMs }, {
      url: '/enrollments', tag: 'enrollment', body: EnrollBody,
      description: 'Relays the Enroll message the enrollee signed (POST /prepare/enrollment gives it) to the enrollment registry; the sponsor pays. '
        + 'The enrollment is the enrollee\'s, as if its key had sent enrollDocument. An expired or forged message is 422 enrollment_signature_expired or enrollment_signature_invalid, '
        + 'an enrollee who is not an active person 403 enrollment_not_a_person, a document already recorded 409 enrollment_already_recorded; nothing is sent for any of them.',
      authorize: (caller, body) => {
        service();
        ownDocument(caller, body);
      },
      functionName: 'enrollFromSignature',
      args: (b) => [getAddress(b.enrollee), b.imageHash, b.fieldsRoot, b.fieldCount, BigInt(b.deadline), b.signature],
      relay: (b) => {
        const call = prepareRelayedEnrollment({
          enrollmentRegistry: service().chain.enrollmentRegistry,
          enrollee: getAddress(b.enrollee), imageHash: b.imageHash as Hash, fieldsRoot: b.fieldsRoot as Hash, fieldCount: b.fieldCount,
          deadline: BigInt(b.deadline), signature: b.signature as Hash,
        });
        return { calldata: call.data, target: 'enrollmentRegistry', simulate: () => simulateRelayedEnrollment(app.chain.reader as never, { call, account: app.chain.sponsorAddress }) };
      },
    });
  }

  app.get('/enrollments/:enrollment/tasks', {
    preHandler: app.requireAuth(),
    schema: {
      operationId: 'getVerifierTasks',
      summary: 'The signed-in verifier\'s fields of an enrollment',
      description: 'Only the fields the enrollment registry assigned to the caller (at most k of the document): each crop (PNG, base64), the OCR text and the committed hashes to sign over; '
        + 'with the chain id and the enrollment registry that make the EIP-712 domain of signFieldConfirmation, so a browser can sign without a chain connection.',
      tags: ['enrollment'],
      security: [{ bearer: [] }],
      params: EnrollmentParams,
      response: {
        200: Type.Object({
          chainId: Type.Integer(),
          enrollmentRegistry: AddressSchema,
          tasks: Type.Array(Type.Object({
            field: Type.Integer(), slot: Type.Integer(), name: Type.String(), crop: Type.String(), text: Type.String(), fieldHash: Bytes32, committedTextHash: Bytes32,
          })),
        }),
        ...statusReplies,
      },
    },
  }, async (request) => {
    const { chain, store } = service();
    const { enrollment } = request.params as { enrollment: Hash };
    const tasks = await verifierTasks({ enrollment, verifier: request.user!.address as Address, chain, store });
    return { chainId: chain.chainId, enrollmentRegistry: chain.enrollmentRegistry, tasks };
  });

  app.post('/enrollments/:enrollment/confirmations', {
    preHandler: app.requireAuth(),
    schema: {
      operationId: 'postFieldConfirmation',
      summary: 'A verifier\'s signed confirmation or correction of one assigned field',
      description: 'The EIP-712 FieldConfirmation signed by the caller (signFieldConfirmation in the SDK), a correction with its opening (correction: the text and the salt of its textHash, as signFieldConfirmation\'s correctedText answers it). '
        + '403 verifier_not_assigned when the registry did not assign that slot of that field to the caller; 400 confirmation_invalid when the signature is not the caller\'s over this answer; '
        + '400 correction_invalid when a correction comes without an opening, or with one that does not open its textHash; '
        + '409 already_answered when that slot of that field already has another answer, which stands (the same signed answer sent again is a retry: 202).',
      tags: ['enrollment'],
      security: [{ bearer: [] }],
      params: EnrollmentParams,
      body: Confirmation,
      response: { 202: Type.Object({ pending: Type.Integer() }), ...statusReplies },
    },
  }, async (request, reply) => {
    const { chain, store } = service();
    const { enrollment } = request.params as { enrollment: Hash };
    const { correction, ...confirmation } = request.body as FieldConfirmation & { correction?: FieldCorrection };
    return reply.status(202).send(await acceptConfirmation({ enrollment, verifier: request.user!.address as Address, confirmation, correction, chain, store }));
  });

  app.post('/enrollments/:enrollment/attestation', {
    preHandler: app.requireAuth(),
    schema: {
      operationId: 'attestEnrollment',
      summary: 'The identity provider records the answers and attests the enrollment',
      description: 'For the identity provider only: records the answers received in one batch and attests with the credential it anchored for the enrollee (credentialCommitment), both in one transaction when the batch confirms every field. 409 not_enrolled while a field still needs answers (the batch is then recorded alone).',
      tags: ['enrollment'],
      security: [{ bearer: [] }],
      params: EnrollmentParams,
      body: Type.Object({ credentialCommitment: Bytes32 }, { additionalProperties: false }),
      response: { 200: Type.Object({ credential: Bytes32, batches: Type.Integer() }), ...statusReplies },
    },
  }, async (request, reply) => {
    const d = service();
    if (request.user!.address.toLowerCase() !== d.provider.address.toLowerCase()) {
      return reply.status(403).send({ error: 'forbidden', message: 'only the identity provider that runs this service attests enrollments' });
    }
    const { enrollment } = request.params as { enrollment: Hash };
    const { credentialCommitment } = request.body as { credentialCommitment: Hash };
    return attestSubmission({ enrollment, credentialCommitment, provider: d.provider.client, chain: d.chain, store: d.store });
  });

  app.get('/enrollments/:enrollment/proof', {
    schema: {
      operationId: 'getEnrollmentProof',
      summary: 'Check an enrollment: its standing, field outcomes and every confirmation proved alone',
      description: 'Public, and hashes only. Each recorded confirmation is checked against its batch root on chain, the enrollee\'s field commitment and the assigned verifier\'s signature; sound is true when attested and no confirmation holds a fault.',
      tags: ['enrollment'],
      params: EnrollmentParams,
      response: {
        200: Type.Object({
          enrollment: Bytes32,
          status: Type.String(),
          imageHash: Bytes32,
          fieldsRoot: Bytes32,
          fields: Type.Array(Type.Object({ field: Type.Integer(), outcome: Type.String(), fieldHash: Bytes32, textHash: Bytes32 })),
          confirmations: Type.Array(Type.Object({
            batch: Type.Integer(), field: Type.Integer(), slot: Type.Integer(), agrees: Type.Boolean(), verifier: AddressSchema, fault: Type.String(),
          })),
          sound: Type.Boolean(),
        }),
        ...statusReplies,
      },
    },
  }, async (request) => {
    const { chain, store } = service();
    const { enrollment } = request.params as { enrollment: Hash };
    return enrollmentProof({ enrollment, chain, store });
  });
};

/** The service runs without an enrollment registry configured. */
class EnrollmentUnavailable extends Error {
  readonly statusCode = 503;
  readonly code = 'enrollment_unavailable';
  constructor() {
    super('document enrollment is not configured on this service');
  }
}
