import SerializerSelector from '@fastify/fast-json-stringify-compiler';
import { parse as secureJsonParse } from 'secure-json-parse';
import type { Address, Hex } from 'viem';
import { verifyPresentation, type CredentialStatusSource, type NonceStore, type Verdict } from '@identree/sdk';
import type { ServiceAccessEntry } from '@identree/store';
import { presentationAccessOf, type BodyJson } from '../consent/presentationAccess.js';
import { dependencyFailure } from '../errors.js';
import { compileBodyValidator, type ValidationIssue } from '../requestValidation.js';
import { VerdictReply, VerifyPresentationBody } from './schemas.js';

/**
 * What became of one `POST /presentations/verify` body. Plain data, so it crosses from a
 * verification thread to the HTTP thread as cheaply as the body went the other way.
 */
export type BodyOutcome =
  /**
   * The verdict, serialized with the route's reply schema. With `pendingNonce`, the verdict is valid
   * on condition that the caller consumes that nonce; if it cannot, the answer is
   * `serializeVerdict(nonceReplayedVerdict(holder))`. `access`: the holder's log entry for it (`presentationAccessOf`),
   * made here from the objects at hand, so the HTTP thread parses nothing.
   */
  | { t: 'verdict'; json: string; pendingNonce?: { audience: string; nonce: Hex; holder: Address }; access: ServiceAccessEntry | null }
  /** Not JSON, or JSON that tries prototype poisoning. */
  | { t: 'unparsable' }
  /** JSON that the body schema refuses. */
  | { t: 'invalid'; issue: ValidationIssue }
  /** Verification could not finish; `status` when the failure maps to a typed reply (see `dependencyFailure`). */
  | { t: 'failed'; status?: number; code?: string; message: string; detail: string };

/**
 * A request body: JSON text still to parse, or what another of Fastify's parsers made of a body
 * that was not JSON (a text/plain string, undefined for none), which the schema then refuses.
 */
export type RequestBody = { json: string } | { value: unknown };

export type PresentationBodyVerifierParameters =
  | { nonces: NonceStore; status: CredentialStatusSource; deferNonce?: false }
  /**
   * Leave the nonce to the caller: a verdict that would be valid comes back with `pendingNonce`
   * instead of consuming it here. A verification thread does this so that the thread owning the
   * nonce store consumes it once, with no round trip in the middle of verification.
   */
  | { nonces?: undefined; status: CredentialStatusSource; deferNonce: true };

/**
 * Everything `POST /presentations/verify` does with a body after it is read: parse it as Fastify
 * would (secure-json-parse, poisoning refused), validate it with the route's schema and Fastify's
 * own compiler, verify it with the SDK, serialize the verdict with the route's reply schema. The
 * HTTP thread hands the body over as a string, so neither a parsed presentation nor a verdict
 * object is ever copied between threads.
 *
 * @example
 * const verifyBody = presentationBodyVerifier({ nonces, status })
 * const outcome = await verifyBody({ json: '{"audience":"https://bank.example","presentation":{…}}' })
 */
export function presentationBodyVerifier({ nonces, status, deferNonce }: PresentationBodyVerifierParameters): (body: RequestBody) => Promise<BodyOutcome> {
  const validate = compileBodyValidator(VerifyPresentationBody);
  return async (body) => {
    let parsed: unknown;
    if ('value' in body) parsed = body.value;
    else {
      try {
        parsed = secureJsonParse(body.json, undefined, { protoAction: 'error', constructorAction: 'error' });
      } catch {
        return { t: 'unparsable' };
      }
    }
    const issue = validate(parsed);
    if (issue) return { t: 'invalid', issue };
    const { audience, presentation, policy, nonce } = parsed as { audience: string; presentation: unknown; policy?: never; nonce?: Hex };
    try {
      const access = (verdict: Verdict) => presentationAccessOf(verdict, parsed as BodyJson);
      if (!deferNonce) {
        const verdict = await verifyPresentation({ presentation, audience, nonce, policy, nonces: nonces!, status });
        return { t: 'verdict', json: serializeVerdict(verdict), access: access(verdict) };
      }
      // verifyPresentation consumes the nonce last, and only for an otherwise valid presentation:
      // recording the call here and answering yes leaves exactly that decision to the caller.
      let pending: { audience: string; nonce: Hex } | undefined;
      const deferred: NonceStore = {
        issue: () => Promise.reject(new Error('a deferred nonce store issues no nonces')),
        consume: async (a, nonce) => ((pending = { audience: a, nonce }), true),
      };
      const verdict = await verifyPresentation({ presentation, audience, nonce, policy, nonces: deferred, status });
      if (!verdict.valid || !pending) return { t: 'verdict', json: serializeVerdict(verdict), access: access(verdict) };
      return { t: 'verdict', json: serializeVerdict(verdict), pendingNonce: { ...pending, holder: verdict.holder! }, access: access(verdict) };
    } catch (error) {
      return failedOutcome(error);
    }
  };
}

let compiledSerializer: ((verdict: unknown) => string) | undefined;

/** A verdict as the route's reply schema serializes it; compiled once per thread, on first use. */
export function serializeVerdict(verdict: Verdict): string {
  compiledSerializer ??= SerializerSelector()({}, {})({ schema: VerdictReply, method: 'POST', url: '/presentations/verify', httpStatus: '200' } as never) as (verdict: unknown) => string;
  return compiledSerializer(verdict);
}

/** The outcome for verification that could not finish, typed when the failure maps to a reply. */
export function failedOutcome(error: unknown): BodyOutcome {
  const failure = dependencyFailure(error);
  return { t: 'failed', status: failure?.statusCode, code: failure?.code, message: failure?.message ?? 'internal error', detail: error instanceof Error ? (error.stack ?? error.message) : String(error) };
}
