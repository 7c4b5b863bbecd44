import { EventEmitter } from 'node:events';
import {
  keccak256,
  parseTransaction,
  recoverTransactionAddress,
  type Address,
  type Hash,
  type Hex,
  type TransactionSerialized,
} from 'viem';
import { decodeRegistryCall, decodeRegistryEvents } from '@identree/sdk';
import type { ChainPort } from '@identree/chain';
import type { Json, OutboxRecord, Storage } from '@identree/store';
import { ChainWorkerError } from '../errors.js';
import { reconcileOutbox } from './reconcileOutbox.js';
import { refusalReason } from './refusalReason.js';
import { recordSponsoredGas } from './recordSponsoredGas.js';

/** The contracts the sponsor relays signed messages to. */
export type SponsoredTarget = 'registry' | 'holderRegistry' | 'faceTemplateRegistry' | 'enrollmentRegistry';

/** Sent writes checked for a receipt per pass. */
const SENT_PAGE = 500;
/** 15 minutes: far longer than a write waits for a block at any fee the node accepts. */
export const DEFAULT_WRITE_EXPIRY_MS = 15 * 60_000;
/** How far ahead of its account's next nonce a caller-signed transaction may be: room for a pipeline of writes, not for a gap that never closes. */
export const MAX_NONCE_AHEAD = 64;

/** What the outbox stores for a write: always a fully signed transaction, so a restart resends it byte for byte. */
type TxRequest = { kind: 'signed'; serialized: Hex; signer: Address; functionName: string; sponsored: boolean; nonce: number };

export type WriteOutcome =
  | { status: 'confirmed'; id: number; transactionHash: Hash; response: Json }
  | { status: 'failed'; id: number; transactionHash: Hash | null; error: string }
  | { status: 'pending' | 'sent'; id: number; transactionHash: Hash | null };

/** Hooks for crash tests: the process kills itself at a named point. Never set in production. */
const crashAt = process.env.IDENTREE_CRASH_AT;
const crashPoint = (name: string) => {
  if (crashAt === name) process.kill(process.pid, 'SIGKILL');
};

/**
 * The outbox worker. A write is stored with its signed transaction before anything is sent; the
 * worker sends what is pending, confirms what is sent, and after a crash simply carries on: a
 * resent transaction has the same hash and nonce, so the chain applies it at most once. The one
 * exception is a sponsored transaction that no node has seen, which may be re-signed at a lower
 * nonce before it is first sent, to close a gap left by a refused one (#closeGap).
 */
export class Relayer {
  readonly #events = new EventEmitter();
  #timer: NodeJS.Timeout | undefined;
  #running = false;
  #sponsorNonce: number | undefined;
  /** Serializes sponsor signing, so concurrent requests get consecutive nonces and no gaps. */
  #signing: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly storage: Storage,
    private readonly chain: ChainPort,
    private readonly log: { warn(o: object, m: string): void; error(o: object, m: string): void } = console,
    private readonly intervalMs = 100,
    /** A sent write not mined within this many ms is marked failed and no longer watched (WRITE_EXPIRY_SECONDS). */
    private readonly expireAfterMs = DEFAULT_WRITE_EXPIRY_MS,
    /** The face template registry sponsored writes may target (issue 21); none, none may. */
    private readonly faceTemplateRegistry?: Address,
    /** The document enrollment registry sponsored writes may target (issue 20); none, none may. */
    private readonly enrollmentRegistry?: Address,
  ) {
    this.#events.setMaxListeners(0);
  }

  start() {
    const tick = async () => {
      await this.drain().catch((err) => this.log.error({ err }, 'outbox tick failed'));
      if (this.#running) this.#timer = setTimeout(tick, this.intervalMs);
    };
    this.#running = true;
    void tick();
  }

  async stop() {
    this.#running = false;
    clearTimeout(this.#timer);
  }

  /** Sends again, once, every write the chain lost (see reconcileOutbox); run before anything new is sent. */
  reconcile(): Promise<number> {
    return reconcileOutbox(this.storage, this.chain, this.log);
  }

  /**
   * Accepts a transaction the caller signed in their own wallet (an authority's write). The
   * signer must be the authenticated caller, the target the registry, the function one of `allowed`.
   */
  async submitSigned(p: { owner: Address; idempotencyKey: string; serialized: Hex; allowed: readonly string[] }): Promise<OutboxRecord> {
    let parsed;
    let signer: Address;
    try {
      parsed = parseTransaction(p.serialized as TransactionSerialized);
      signer = await recoverTransactionAddress({ serializedTransaction: p.serialized as TransactionSerialized });
    } catch {
      throw new ChainWorkerError('invalid_transaction', 'signedTransaction is not a signed EVM transaction');
    }
    if (signer.toLowerCase() !== p.owner.toLowerCase()) throw new ChainWorkerError('forbidden', 'the transaction is signed by another account than the caller');
    // The holder registry takes one authority write signed by its sender: a registrar's rebind.
    const to = parsed.to?.toLowerCase();
    const contract = to === this.chain.registry.toLowerCase() ? 'registry' : to === this.chain.holderRegistry.toLowerCase() ? 'holderRegistry' : null;
    if (!contract) throw new ChainWorkerError('invalid_transaction', 'the transaction is not addressed to the registry or its holder registry');
    if (parsed.chainId !== this.chain.chainId) throw new ChainWorkerError('invalid_transaction', `the transaction is for chain ${parsed.chainId}, not ${this.chain.chainId}`);
    let functionName: string;
    try {
      functionName = decodeRegistryCall(parsed.data ?? '0x', { contract }).functionName;
    } catch {
      throw new ChainWorkerError('invalid_transaction', 'the transaction does not call a registry function');
    }
    if (!p.allowed.includes(functionName)) throw new ChainWorkerError('invalid_transaction', `this route accepts ${p.allowed.join(' or ')}, not ${functionName}`);
    // A nonce far ahead of the signer's next one cannot be mined until the signer fills the gap: it
    // would only wait in the outbox and cost a check on every pass (issue 23 §4). A repeated
    // Idempotency-Key is answered from the outbox without this read.
    if (!(await this.storage.outbox.getByKey(p.owner, p.idempotencyKey))) {
      const next = await this.chain.reader.getTransactionCount({ address: signer, blockTag: 'pending' });
      if ((parsed.nonce ?? 0) > next + MAX_NONCE_AHEAD) {
        throw new ChainWorkerError('invalid_transaction', `the transaction's nonce ${parsed.nonce} is more than ${MAX_NONCE_AHEAD} ahead of the account's next nonce ${next}; it would not be mined`);
      }
    }
    const txRequest: TxRequest = { kind: 'signed', serialized: p.serialized, signer, functionName, sponsored: false, nonce: parsed.nonce ?? 0 };
    const { record } = await this.storage.outbox.create({ idempotencyKey: p.idempotencyKey, owner: p.owner, requestHash: keccak256(p.serialized), txRequest });
    this.kick();
    return record;
  }

  /**
   * A write the service pays for (a holder's signed message relayed by the sponsor). The sponsor
   * transaction is signed and stored before it is sent; a repeated key returns the stored one.
   */
  async submitSponsored(p: {
    owner: Address;
    idempotencyKey: string;
    requestHash: Hex;
    /** The function `calldata` calls, recorded with the write. */
    functionName: string;
    /** Prepared by the SDK: the chain worker signs and pays, it never encodes a call itself. */
    calldata: Hex;
    /** Another contract than the registry (the holder, face template or enrollment registry); default the registry. */
    target?: SponsoredTarget;
  }): Promise<OutboxRecord> {
    const to = this.#addressOf(p.target ?? 'registry');
    const record = await this.#locked(async () => {
      const existing = await this.storage.outbox.getByKey(p.owner, p.idempotencyKey);
      if (existing) {
        const { record } = await this.storage.outbox.create({ idempotencyKey: p.idempotencyKey, owner: p.owner, requestHash: p.requestHash, txRequest: existing.txRequest });
        return record;
      }
      const sponsor = this.chain.sponsor;
      const nonce = await this.#nextSponsorNonce();
      const request = await sponsor.prepareTransactionRequest({
        to,
        data: p.calldata,
        nonce,
        chain: sponsor.chain,
        account: sponsor.account,
      } as never);
      const serialized = await sponsor.account.signTransaction(request as never);
      const txRequest: TxRequest = { kind: 'signed', serialized, signer: sponsor.account.address, functionName: p.functionName, sponsored: true, nonce };
      const { record } = await this.storage.outbox.create({ idempotencyKey: p.idempotencyKey, owner: p.owner, requestHash: p.requestHash, txRequest });
      this.#sponsorNonce = nonce + 1;
      return record;
    });
    this.kick();
    return record;
  }

  #addressOf(target: SponsoredTarget): Address {
    if (target === 'registry') return this.chain.registry;
    if (target === 'holderRegistry') return this.chain.holderRegistry;
    const address = target === 'faceTemplateRegistry' ? this.faceTemplateRegistry : this.enrollmentRegistry;
    if (!address) throw new ChainWorkerError('invalid_transaction', `this chain worker has no ${target === 'faceTemplateRegistry' ? 'face template' : 'enrollment'} registry`);
    return address;
  }

  /** Runs `fn` after every signing queued before it, so no two choose a sponsor nonce at once. */
  #locked<T>(fn: () => Promise<T>): Promise<T> {
    const run = this.#signing.then(fn);
    this.#signing = run.catch(() => undefined);
    return run;
  }

  /** Resolves when the write is confirmed or failed, or after `timeoutMs` with its current state. */
  async waitFor(id: number, timeoutMs: number): Promise<WriteOutcome> {
    const settled = new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, timeoutMs);
      this.#events.once(`settled:${id}`, () => {
        clearTimeout(timer);
        resolve();
      });
    });
    const now = await this.storage.outbox.get(id);
    if (now && (now.status === 'confirmed' || now.status === 'failed')) return outcomeOf(now);
    await settled;
    return outcomeOf((await this.storage.outbox.get(id))!);
  }

  kick() {
    void this.drain().catch((err) => this.log.error({ err }, 'outbox drain failed'));
  }

  #draining: Promise<void> | undefined;
  /** Where the next pass over sent writes resumes (see #drainOnce). */
  #sentCursor = 0;

  /** One pass: send what is pending (in nonce order), then confirm what is sent. */
  drain(): Promise<void> {
    this.#draining ??= this.#drainOnce().finally(() => (this.#draining = undefined));
    return this.#draining;
  }

  /** The highest block seen, to notice a chain that went back (a node restarted from an older state). */
  #head: bigint | undefined;
  /**
   * The highest block a write of this process was mined in. A pass reads the head, then sends a
   * write that is mined in the next block and confirmed in the same pass; a node that restarts
   * from a dump taken before that block comes back at exactly the head the pass read, so the head
   * alone does not show that the chain went back. The write would be lost, and its nonce would
   * hold back every later write of its signer.
   */
  #highestMined = -1n;

  async #drainOnce() {
    const head = await this.chain.reader.getBlockNumber({ cacheTime: 0 });
    if ((this.#head !== undefined && head < this.#head) || head < this.#highestMined) {
      await this.reconcile();
      this.#highestMined = head;
    }
    this.#head = head;
    const pending = (await this.storage.outbox.listPending({ limit: 200 })).sort((a, b) => nonceOf(a) - nonceOf(b));
    for (const record of pending) {
      const current = (record.txRequest as TxRequest).sponsored ? await this.#closeGap(record) : record;
      if (current) await this.#send(current);
    }
    // Sent writes are checked a page per pass, resuming where the last pass stopped: a page of
    // transactions that never mine (a far-future nonce, a fee under the base fee) must not keep
    // every later write from being confirmed.
    const sent = await this.storage.outbox.listSent({ limit: SENT_PAGE, afterId: this.#sentCursor });
    this.#sentCursor = sent.length < SENT_PAGE ? 0 : sent.at(-1)!.id;
    for (const record of sent) await this.#confirm(record);
  }

  async #send(record: OutboxRecord) {
    const tx = record.txRequest as TxRequest;
    const hash = keccak256(tx.serialized);
    crashPoint('before-send');
    try {
      await this.chain.reader.request({ method: 'eth_sendRawTransaction', params: [tx.serialized] });
    } catch (error) {
      // Already in the pool or already mined (a resend after a crash): the receipt decides.
      const message = String((error as Error).message ?? error).toLowerCase();
      const known = message.includes('already') || message.includes('nonce too low') || message.includes('known');
      if (!known) {
        await this.storage.outbox.markFailed(record.id, refusalReason(error));
        this.#events.emit(`settled:${record.id}`);
        return;
      }
    }
    crashPoint('after-send');
    await this.storage.outbox.markSent(record.id, { txHash: hash, nonce: tx.nonce });
  }

  async #confirm(record: OutboxRecord) {
    const hash = record.txHash as Hash;
    const receipt = await this.chain.reader.getTransactionReceipt({ hash }).catch(() => null);
    if (!receipt) {
      const tx = record.txRequest as TxRequest;
      const held = () => this.chain.reader.getTransaction({ hash }).then(Boolean, () => false);
      // Not mined in time (a far-future nonce, a fee below what blocks take): the write is given up
      // and no longer watched, so no number of such writes keeps the worker busy (issue 23 §4).
      // Only a caller's own transaction: the sponsor's are signed here in nonce order, and giving one
      // up while it can still be mined would let the outbox and the chain disagree.
      if (!tx.sponsored && Date.now() - record.createdAt.getTime() > this.expireAfterMs) {
        const seconds = Math.round(this.expireAfterMs / 1000);
        await this.storage.outbox.markFailed(record.id, `expired: not mined within ${seconds} s (nonce ${tx.nonce} of ${tx.signer}); it is no longer watched, so send it again with a usable nonce and fee`);
        this.#events.emit(`settled:${record.id}`);
        return;
      }
      // Known to the node and not mined yet: wait. One read on every pass while a write waits.
      if (await held()) return;
      const used = await this.chain.reader.getTransactionCount({ address: tx.signer, blockTag: 'latest' });
      // The signer's nonce moved past ours without our transaction: another one took its place,
      // unless ours was mined between the two reads above, so it is looked up once more after the count.
      if (used > tx.nonce) {
        if (await held()) return;
        await this.storage.outbox.markFailed(record.id, 'replaced: the signer used this nonce for another transaction');
        this.#events.emit(`settled:${record.id}`);
        return;
      }
      // Neither mined nor held: the node dropped it from its pool (a restart, an eviction), and
      // nothing would ever send it again. The same signed bytes go out again: same hash, same
      // nonce, so the chain still applies the write at most once.
      await this.#rebroadcast(record, tx);
      return;
    }
    if (receipt.blockNumber > this.#highestMined) this.#highestMined = receipt.blockNumber;
    if (receipt.status !== 'success') {
      await this.storage.outbox.markFailed(record.id, 'reverted on chain', { transactionHash: hash, blockNumber: receipt.blockNumber.toString() });
    } else {
      const events = decodeRegistryEvents(receipt.logs) as unknown as Json;
      await this.storage.outbox.markConfirmed(record.id, { transactionHash: hash, blockNumber: receipt.blockNumber.toString(), gasUsed: receipt.gasUsed.toString(), events });
    }
    const tx = record.txRequest as TxRequest;
    if (tx.sponsored) await recordSponsoredGas(this.storage, this.chain, record, receipt);
    this.#events.emit(`settled:${record.id}`);
  }

  async #rebroadcast(record: OutboxRecord, tx: TxRequest) {
    try {
      await this.chain.reader.request({ method: 'eth_sendRawTransaction', params: [tx.serialized] });
      this.log.warn({ id: record.id, transactionHash: record.txHash }, 'outbox sent again a transaction the node had dropped');
    } catch (error) {
      // Left sent, not failed: a copy may still wait in another node's pool and be mined.
      this.log.warn({ id: record.id, transactionHash: record.txHash, err: error }, 'outbox could not send again a transaction the node had dropped');
    }
  }

  /**
   * Before its first send, moves a sponsored transaction down to the lowest sponsor nonce that
   * neither the node nor a live write holds. A transaction the node refused never used its nonce;
   * the ones signed after it would wait behind that gap for ever (the node queues them, nothing
   * fills the gap, and #confirm only gives up on a nonce the chain has passed), and so would every
   * later write, since nonces are handed out above the stored ones. Re-signing is safe only while
   * no version of the transaction can reach the chain, or the write could be mined at both nonces:
   * the row must still be pending (this process has not sent it since it was stored), and the node
   * must not know its hash (a send just before a crash, which pending alone does not rule out).
   * Null when the row has moved on and must not be sent.
   */
  #closeGap(record: OutboxRecord): Promise<OutboxRecord | null> {
    return this.#locked(async () => {
      const stored = await this.storage.outbox.get(record.id);
      if (!stored || stored.status !== 'pending') return null;
      const tx = stored.txRequest as TxRequest;
      const sponsor = this.chain.sponsor;
      // The usual case, and one read: the node already holds every nonce below this one.
      const known = await this.chain.reader.getTransactionCount({ address: sponsor.account.address, blockTag: 'pending' });
      if (tx.nonce <= known) return stored;
      const address = sponsor.account.address.toLowerCase();
      // Every live write the sponsor signed holds its nonce, its own authority writes included (the dev chain's sponsor is also its government).
      const held = (await this.#liveRecords())
        .filter((r) => r.id !== stored.id && (r.txRequest as TxRequest).signer.toLowerCase() === address)
        .map((r) => (r.txRequest as TxRequest).nonce)
        .filter((n) => n < tx.nonce);
      const free = Math.max(known, ...held.map((n) => n + 1));
      if (tx.nonce <= free) return stored;
      const hash = keccak256(tx.serialized);
      if (await this.chain.reader.getTransaction({ hash }).catch(() => null)) return stored;
      const parsed = parseTransaction(tx.serialized as TransactionSerialized);
      // The signed gas limit, so the call is not simulated again; fees of now, as a fee cap below the base fee is one reason the node refuses.
      const request = await sponsor.prepareTransactionRequest({ to: parsed.to, data: parsed.data, gas: parsed.gas, nonce: free, chain: sponsor.chain, account: sponsor.account } as never);
      const serialized = await sponsor.account.signTransaction(request as never);
      const replaced = await this.storage.outbox.replacePending(stored.id, { ...tx, serialized, nonce: free });
      // Nonces handed out from here on start above what is stored, not above the gap.
      this.#sponsorNonce = undefined;
      this.log.warn({ id: stored.id, from: tx.nonce, to: free, replaced: hash }, 'outbox re-signed a sponsored transaction to close a nonce gap');
      return replaced;
    });
  }

  /** Writes still pending or sent: each holds its signer's nonce until it settles. */
  async #liveRecords(): Promise<OutboxRecord[]> {
    return [...(await this.storage.outbox.listPending({ limit: 1000 })), ...(await this.storage.outbox.listSent({ limit: 1000 }))];
  }

  async #nextSponsorNonce(): Promise<number> {
    const onChain = await this.chain.reader.getTransactionCount({ address: this.chain.sponsor.account.address, blockTag: 'pending' });
    const stored = (await this.#liveRecords())
      .map((r) => r.txRequest as TxRequest)
      .filter((t) => t.sponsored)
      .map((t) => t.nonce + 1);
    return Math.max(onChain, this.#sponsorNonce ?? 0, ...stored);
  }
}

const nonceOf = (r: OutboxRecord) => (r.txRequest as TxRequest).nonce;

export function outcomeOf(r: OutboxRecord): WriteOutcome {
  if (r.status === 'confirmed') return { status: 'confirmed', id: r.id, transactionHash: r.txHash!, response: r.response! };
  if (r.status === 'failed') return { status: 'failed', id: r.id, transactionHash: r.txHash, error: r.error ?? 'failed' };
  return { status: r.status, id: r.id, transactionHash: r.txHash };
}
