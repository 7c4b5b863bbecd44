import { fetch, type Agent } from 'undici';
import type { SigningKey, Storage, WebhookDeliveryRecord } from '@identree/store';
import { checkWebhookUrl, DELIVERY_HEADER, EVENT_HEADER, SIGNATURE_HEADER, signWebhookBody, webhookAgent, type WebhookTargetPolicy } from '@identree/webhooks';

export type WebhookDispatcherOptions = {
  /** How often due deliveries are looked for. @default 500 */
  intervalMs?: number;
  /** Per request. @default 5_000 */
  timeoutMs?: number;
  /** Attempts before a delivery is given up (status `failed`). @default 10 */
  maxAttempts?: number;
  /** Wait before attempt n+1 (n counted from 1). @default min(2^n s, 1 h) */
  backoffMs?: (attempt: number) => number;
  /** Whether targets may be private or loopback addresses. @default { allowPrivate: false } */
  targets?: WebhookTargetPolicy;
};
type Logger = { warn(o: object, m: string): void; error(o: object, m: string): void };

/**
 * Sends the webhook outbox the indexer fills: each due delivery is claimed under a lease (so two
 * instances never send it at once, and a crash only delays it), POSTed with a JSON body signed as a
 * detached JWS, and marked delivered on a 2xx. Anything else is retried with backoff, so receivers
 * see a delivery at least once and drop repeats by its `deliveryId`.
 */
export class WebhookDispatcher {
  #timer: NodeJS.Timeout | undefined;
  #running = false;
  #draining: Promise<number> | undefined;
  readonly #targets: WebhookTargetPolicy;
  readonly #agent: Agent;

  constructor(
    private readonly storage: Storage,
    private readonly key: SigningKey,
    private readonly log: Logger = console,
    private readonly options: WebhookDispatcherOptions = {},
  ) {
    this.#targets = options.targets ?? { allowPrivate: false };
    this.#agent = webhookAgent(this.#targets);
  }

  start() {
    this.#running = true;
    const tick = async () => {
      await this.drain().catch((err) => this.log.error({ err }, 'webhook drain failed'));
      if (this.#running) this.#timer = setTimeout(tick, this.options.intervalMs ?? 500);
    };
    void tick();
  }

  async stop() {
    this.#running = false;
    clearTimeout(this.#timer);
    await this.#draining?.catch(() => undefined);
    await this.#agent.close();
  }

  /** One pass over due deliveries; resolves with how many were attempted. Never runs twice at once. */
  drain(): Promise<number> {
    this.#draining ??= this.#drainOnce().finally(() => (this.#draining = undefined));
    return this.#draining;
  }

  async #drainOnce(): Promise<number> {
    const timeoutMs = this.options.timeoutMs ?? 5_000;
    const due = await this.storage.webhooks.claimDue({ limit: 50, leaseMs: timeoutMs * 3 });
    await Promise.all(due.map((d) => this.#deliver(d, timeoutMs)));
    return due.length;
  }

  async #deliver(d: WebhookDeliveryRecord, timeoutMs: number) {
    const body = Buffer.from(JSON.stringify({ deliveryId: d.deliveryId, event: d.event, createdAt: d.createdAt.toISOString(), data: d.payload }));
    let failure: string;
    try {
      // Checked again at delivery: the policy may have changed since the subscription was made.
      checkWebhookUrl(new URL(d.url), this.#targets);
      const response = await fetch(d.url, {
        dispatcher: this.#agent,
        method: 'POST',
        body,
        // A redirect is an answer we do not follow: the subscriber named this URL, not another.
        redirect: 'manual',
        signal: AbortSignal.timeout(timeoutMs),
        headers: {
          'content-type': 'application/json',
          [SIGNATURE_HEADER]: await signWebhookBody(this.key, body),
          [DELIVERY_HEADER]: d.deliveryId,
          [EVENT_HEADER]: d.event,
        },
      });
      await response.body?.cancel().catch(() => undefined);
      if (response.status >= 200 && response.status < 300) {
        await this.storage.webhooks.markDelivered(d.id);
        return;
      }
      failure = `HTTP ${response.status}`;
    } catch (error) {
      failure = (error as Error).name === 'TimeoutError' ? `no answer within ${timeoutMs} ms` : `request failed: ${causeOf(error)}`;
    }
    const attempt = d.attempts + 1;
    const last = attempt >= (this.options.maxAttempts ?? 10);
    const backoff = this.options.backoffMs ?? ((n: number) => Math.min(2 ** n * 1000, 3_600_000));
    await this.storage.webhooks.markAttemptFailed(d.id, failure, last ? null : backoff(attempt));
    this.log.warn({ deliveryId: d.deliveryId, attempt, failure, gaveUp: last }, 'webhook delivery failed');
  }
}

/** undici reports a refused connection as "fetch failed" with the reason as its cause. */
const causeOf = (error: unknown): string => {
  const cause = (error as { cause?: unknown }).cause;
  return cause instanceof Error ? `${(error as Error).message}: ${cause.message}` : (error as Error).message;
};
