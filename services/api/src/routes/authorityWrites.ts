import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { Type } from '@sinclair/typebox';
import type { Address as Addr, Hex } from 'viem';
import { prepareTransaction } from '@identree/sdk';
import { answerWrite } from '../consent/relayHolderWrite.js';
import type { WritesGateway } from '../chainWorker/writesGateway.js';
import { AUTHORITY_FUNCTIONS, AUTHORITY_WRITES } from '../authority/authorityWriteTable.js';
import { preflightSigned, requireFunds } from '../authority/preflight.js';
import { Address, errorReplies, IdempotencyHeaders, WriteReply } from './schemas.js';
import { ErrorReply } from './schemas.js';

const Wei = Type.String({ pattern: '^[0-9]+$', description: 'An amount in wei, as a decimal string' });
export const PreparedTransaction = Type.Object({
  functionName: Type.String({ description: 'The contract function the transaction calls' }),
  from: Address,
  to: Address,
  data: Type.String({ pattern: '^0x[0-9a-fA-F]*$' }),
  value: Wei,
  chainId: Type.Integer(),
  nonce: Type.Integer(),
  gas: Wei,
  type: Type.String({ description: 'The transaction type, e.g. eip1559' }),
  maxFeePerGas: Type.Optional(Wei),
  maxPriorityFeePerGas: Type.Optional(Wei),
  gasPrice: Type.Optional(Wei),
}, { description: 'An unsigned transaction, simulated as its sender: sign it in your own wallet and submit it to POST /transactions' });
const SignedTransactionBody = Type.Object(
  { signedTransaction: Type.String({ pattern: '^0x[0-9a-fA-F]+$', maxLength: 32_768, description: 'A transaction from POST /prepare/…, signed in the caller\'s own wallet' }) },
  { additionalProperties: false },
);
const pascal = (name: string) => name.replace(/(^|-)([a-z])/g, (_, __, c: string) => c.toUpperCase());
const preparedErrors = { ...errorReplies, 402: { ...ErrorReply, description: 'insufficient_funds: the sender cannot pay for the gas' } };

/**
 * Prepare, then submit: for every write an authority makes, `POST /prepare/{write}` answers the
 * unsigned transaction (built by the SDK, simulated as the signed-in caller, nonce, gas and fees
 * filled in), the caller signs it in its own wallet, and `POST /transactions` takes it into the
 * outbox. The service never holds the key; a write the registry would refuse is answered with its
 * typed error at either step, before anything is paid.
 */
export const authorityWriteRoutes: FastifyPluginAsync<{ writes: WritesGateway; waitMs?: number }> = async (app, { writes, waitMs = 10_000 }) => {
  for (const write of AUTHORITY_WRITES) {
    app.post(`/prepare/${write.name}`, {
      preHandler: app.requireAuth(),
      schema: {
        operationId: `prepare${pascal(write.name)}`,
        summary: `${write.summary}: prepare the transaction`,
        description: `${write.description} Answers the unsigned transaction for the signed-in key to sign; submit it to POST /transactions.`,
        tags: ['prepared writes'],
        security: [{ bearer: [] }],
        body: write.body,
        response: { 200: PreparedTransaction, ...preparedErrors },
      },
    }, async (request: FastifyRequest) => {
      const from = request.user!.address as Addr;
      const call = write.prepare({ registry: app.chain.registry, holderRegistry: app.chain.holderRegistry }, request.body);
      // The gas estimate runs the call as the caller: a refusal comes back as its typed revert.
      const tx = await prepareTransaction(app.chain.reader as never, { ...call, account: from });
      const fee = (tx.maxFeePerGas ?? tx.gasPrice ?? 0n) as bigint;
      await requireFunds(app, from, tx.gas, fee);
      const wei = (v: unknown) => (v === undefined || v === null ? undefined : String(v));
      return {
        functionName: write.functionName, from, to: call.to, data: call.data, value: '0', chainId: tx.chainId, nonce: tx.nonce, gas: String(tx.gas),
        type: String(tx.type ?? 'eip1559'), maxFeePerGas: wei(tx.maxFeePerGas), maxPriorityFeePerGas: wei(tx.maxPriorityFeePerGas), gasPrice: wei(tx.type === 'legacy' ? tx.gasPrice : undefined),
      };
    });
  }

  app.post('/transactions', {
    preHandler: app.requireAuth(),
    schema: {
      operationId: 'submitTransaction',
      summary: 'Submit a signed authority transaction',
      description: `Takes a transaction the caller signed in its own wallet (one of: ${AUTHORITY_FUNCTIONS.join(', ')}), simulates it as its signer, checks the signer can pay, and sends it through the outbox exactly once per Idempotency-Key. 200 once confirmed and indexed, 202 while pending.`,
      tags: ['prepared writes'],
      security: [{ bearer: [] }],
      headers: IdempotencyHeaders,
      body: SignedTransactionBody,
      response: { 200: WriteReply, 202: WriteReply, ...preparedErrors },
    },
  }, async (request: FastifyRequest, reply: FastifyReply) => {
    const { signedTransaction } = request.body as { signedTransaction: Hex };
    const owner = request.user!.address as Addr;
    const idempotencyKey = (request.headers as Record<string, string>)['idempotency-key']!;
    // A repeated key is answered from the outbox, not simulated: its own write may be what changed the state.
    if (!(await writes.find({ owner, idempotencyKey }))) await preflightSigned(app, signedTransaction, AUTHORITY_FUNCTIONS);
    const record = await writes.submitSigned({ owner, idempotencyKey, serialized: signedTransaction, allowed: AUTHORITY_FUNCTIONS });
    return answerWrite(writes, reply, record.id, waitMs);
  });
};
