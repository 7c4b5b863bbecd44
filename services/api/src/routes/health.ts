import type { FastifyPluginAsync } from 'fastify';
import { Type, type Static } from '@sinclair/typebox';
import type { Storage } from '@identree/store';
import type { ChainWorkerClient } from '../chainWorker/chainWorkerClient.js';

const PROBE_MS = 2_000;
const CACHE_MS = 1_000;

const Parts = Type.Object(
  { chain: Type.String(), database: Type.String(), chainWorker: Type.String() },
  { description: 'Each part the API depends on: "ok", or "down: why"' },
);
const Health = Type.Object({
  status: Type.Union([Type.Literal('ok'), Type.Literal('degraded')]),
  chainId: Type.Integer(),
  registry: Type.String(),
  enrollmentRegistry: Type.Optional(Type.String({ description: 'The document enrollment registry; absent when enrollment is off' })),
  blockNumber: Type.Union([Type.String(), Type.Null()]),
  parts: Parts,
});

/** Resolves to "ok" or "down: why" within PROBE_MS: a part that hangs is reported down, not waited for. */
async function probe(check: () => Promise<unknown>): Promise<string> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(`no answer within ${PROBE_MS} ms`)), PROBE_MS)));
  try {
    await Promise.race([check(), late]);
    return 'ok';
  } catch (error) {
    return `down: ${String((error as Error).message ?? error).split('\n')[0]}`;
  } finally {
    clearTimeout(timer);
  }
}

/**
 * 200 when the chain node, the database and the chain worker all answer; 503 naming the part that
 * does not, so a load balancer or an operator sees what is wrong without waiting on it.
 */
export const healthRoutes: FastifyPluginAsync<{ chainWorker: ChainWorkerClient; storage: Storage; enrollmentRegistry?: string }> = async (app, { chainWorker, storage, enrollmentRegistry }) => {
  // One probe of the parts per second at most, shared by every caller in that second: ten thousand
  // load-balancer connections polling /health must not become ten thousand calls to each part.
  let latest: { at: number; answer: Promise<{ ok: boolean; body: Static<typeof Health> }> } | undefined;
  const check = async () => {
    let blockNumber: string | null = null;
    const [chain, database, worker] = await Promise.all([
      probe(async () => (blockNumber = (await app.chain.reader.getBlockNumber({ cacheTime: 0 })).toString())),
      probe(() => storage.cursor.get('registry')),
      probe(async () => {
        const { status, parts } = await chainWorker.health.check({}, { timeoutMs: PROBE_MS });
        if (status !== 'ok') throw new Error(Object.entries(parts).filter(([, s]) => s !== 'ok').map(([name, s]) => `${name} ${s}`).join('; '));
      }),
    ]);
    const parts = { chain, database, chainWorker: worker };
    const ok = Object.values(parts).every((s) => s === 'ok');
    return { ok, body: { status: ok ? ('ok' as const) : ('degraded' as const), chainId: app.chain.chainId, registry: app.chain.registry, ...(enrollmentRegistry ? { enrollmentRegistry } : {}), blockNumber, parts } };
  };
  app.get('/health', {
    schema: { tags: ['service'], response: { 200: { ...Health, description: 'Every part answers' }, 503: { ...Health, description: 'Degraded: the parts that did not answer are named' } } },
  }, async (_request, reply) => {
    if (!latest || Date.now() - latest.at > CACHE_MS) latest = { at: Date.now(), answer: check() };
    const { ok, body } = await latest.answer;
    return reply.status(ok ? 200 : 503).send(body);
  });
};
