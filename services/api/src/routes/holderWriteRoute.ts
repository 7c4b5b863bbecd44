import type { FastifyInstance } from 'fastify';
import type { TObject } from '@sinclair/typebox';
import { getAddress, type Address as Addr } from 'viem';
import { forbidden } from '../errors.js';
import { callerIdentity } from '../consent/callerIdentity.js';
import { relayHolderWrite, type HolderWriteDeps, type SponsoredRelay } from '../consent/relayHolderWrite.js';
import { errorReplies, IdempotencyHeaders, WriteReply } from './schemas.js';

type Body = Record<string, unknown>;

/** One relayed holder-registry write: what it accepts, who may ask for it, what it calls. */
export type HolderWriteRoute<B extends Body> = {
  url: string;
  tag: string;
  description: string;
  body: TObject;
  /**
   * Refuses (403) a caller who may not ask for this write. `caller` is the identity the signed-in
   * key acts for now (`callerIdentity`); the signatures in the body are the contract's to check.
   */
  authorize: (caller: Addr, body: B) => void | Promise<void>;
  functionName: string;
  /** The contract call's arguments, from the validated body. */
  args: (body: B) => readonly unknown[];
  /** For a contract other than the two registries: the call and its simulation (see `SponsoredRelay`). */
  relay?: (body: B) => SponsoredRelay;
};

/**
 * Registers `POST url` for a message relayed and paid for by the sponsor (`relayHolderWrite`):
 * authenticated, with an Idempotency-Key, the body and replies declared, 200 confirmed / 202 pending.
 */
export function postHolderWrite<B extends Body>(app: FastifyInstance, deps: HolderWriteDeps, route: HolderWriteRoute<B>) {
  app.post(route.url, {
    preHandler: app.requireAuth(),
    schema: {
      tags: [route.tag], description: route.description, security: [{ bearer: [] }], headers: IdempotencyHeaders, body: route.body,
      response: { 200: WriteReply, 202: WriteReply, ...errorReplies },
    },
  }, async (request, reply) => {
    const body = request.body as B;
    await route.authorize(await callerIdentity(app, request), body);
    return relayHolderWrite(app, deps, request, reply, {
      route: route.url,
      // What a repeated Idempotency-Key is compared by: the fields in schema order, hex lowercased.
      body: Object.keys(route.body.properties).map((k) => (typeof body[k] === 'string' ? (body[k] as string).toLowerCase() : body[k])),
      functionName: route.functionName,
      args: route.args(body),
      relay: route.relay?.(body),
    });
  });
}

/** An `authorize` that admits only the identity the body names in `field`. */
export const callerIs = <F extends string>(field: F, why: string) => (caller: Addr, body: Record<F, string>) => {
  if (getAddress(body[field]) !== caller) throw forbidden(why);
};
