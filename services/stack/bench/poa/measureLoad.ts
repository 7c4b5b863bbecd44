// One rising-rate run on a running PoA service: warm-up registrations (not measured), then stages
// of writes at rising rates, then every write looked up on chain.
import type { Address } from 'viem';
import { watchBlocks, percentile } from './blockWatch.js';
import { identityOps, submit, type SentOp } from './identityLoad.js';
import type { PoaService } from './poaService.js';

/** The seed contracts' gas per registration, measured by `npm run bench:gas` (its paper replay). */
export const SEED_GAS_PER_REGISTRATION = 1_424_508;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Waits until the government's confirmed nonce reaches `nonce`, or `timeoutMs` passes. */
async function drained(s: PoaService, nonce: number, timeoutMs: number) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if ((await s.reader().getTransactionCount({ address: s.government.address, blockTag: 'latest' })) >= nonce) return true;
    await sleep(500);
  }
  return false;
}

export async function measureLoad(s: PoaService, { rates, stageSeconds, log }: { rates: number[]; stageSeconds: number; log: (line: string) => void }) {
  // Warm-up: citizens for the credential anchors, registered through the service like the rest.
  let nonce = await s.reader().getTransactionCount({ address: s.government.address, blockTag: 'pending' });
  const warm = identityOps(s, nonce, []);
  const warmOps = await Promise.all(Array.from({ length: 10 }, () => warm()));
  await Promise.all(warmOps.map((op) => submit(s, op, -1)));
  nonce += warmOps.length;
  await drained(s, nonce, 120_000);
  const registered = warmOps.map((op) => op.entity!) as Address[];

  const watcher = watchBlocks(s.net.rpcUrls);
  const next = identityOps(s, nonce, registered);
  const answers: Promise<SentOp>[] = [];
  const stageWindows: { rate: number; from: number; to: number }[] = [];
  for (const [stage, rate] of rates.entries()) {
    const count = Math.round(rate * stageSeconds);
    const ops = await Promise.all(Array.from({ length: count }, () => next()));
    const from = Date.now();
    for (const [i, op] of ops.entries()) {
      const due = from + (i * 1000) / rate;
      if (due > Date.now()) await sleep(due - Date.now());
      answers.push(submit(s, op, stage));
    }
    const to = from + stageSeconds * 1000;
    if (to > Date.now()) await sleep(to - Date.now());
    stageWindows.push({ rate, from, to });
    log(`  stage ${stage + 1}: ${count} writes at ${rate}/s sent`);
  }
  const sent = await Promise.all(answers);
  const lastNonce = Math.max(...sent.map((op) => op.nonce)) + 1;
  const allIn = await drained(s, lastNonce, 120_000);
  await sleep(1_000); // every validator's watcher sees the last block
  await watcher.stop();

  const reader = s.reader();
  const included: (SentOp & { inclusionMs: number; blockNumber: bigint })[] = [];
  for (const op of sent) {
    const receipt = await reader.getTransactionReceipt({ hash: op.hash }).catch(() => undefined);
    if (receipt?.status !== 'success') continue;
    const at = watcher.firstSeen(receipt.blockNumber) ?? Number((await reader.getBlock({ blockNumber: receipt.blockNumber })).timestamp) * 1000;
    included.push({ ...op, inclusionMs: at - op.sentAt, blockNumber: receipt.blockNumber });
  }
  const firstSent = Math.min(...sent.map((op) => op.sentAt));
  const lastIn = Math.max(...included.map((op) => op.sentAt + op.inclusionMs));
  const stageTps = stageWindows.map((w, stage) => {
    const ops = included.filter((op) => op.stage === stage);
    const end = Math.max(w.to, ...ops.map((op) => op.sentAt + op.inclusionMs));
    return { offeredPerSec: w.rate, tps: Number((ops.length / ((end - w.from) / 1000)).toFixed(2)), included: ops.length };
  });
  const gasLimit = (await reader.getBlock()).gasLimit;
  // How full the chain got: if no block was near its gas limit, the limit was elsewhere (the service).
  let fullestBlockPercent = 0;
  for (const blockNumber of new Set(included.map((op) => op.blockNumber))) {
    const block = await reader.getBlock({ blockNumber });
    fullestBlockPercent = Math.max(fullestBlockPercent, Number((10_000n * block.gasUsed) / block.gasLimit) / 100);
  }
  const latencies = included.map((op) => op.inclusionMs);
  const propagation = watcher.propagationMs();
  return {
    sent: sent.length,
    answered2xx: sent.filter((op) => op.status! >= 200 && op.status! < 300).length,
    included: included.length,
    allIncluded: allIn,
    tps: Number((included.length / ((lastIn - firstSent) / 1000)).toFixed(2)),
    peakTps: Math.max(...stageTps.map((st) => st.tps)),
    registrations: included.filter((op) => op.kind === 'register').length,
    anchors: included.filter((op) => op.kind === 'anchor').length,
    successRate: Number((included.length / sent.length).toFixed(4)),
    inclusionMs: { p50: percentile(latencies, 50), p95: percentile(latencies, 95), max: Math.max(...latencies) },
    propagationMs: { blocks: propagation.length, p50: percentile(propagation, 50), p95: percentile(propagation, 95), max: Math.max(...propagation) },
    blockGasLimit: Number(gasLimit),
    fullestBlockPercent,
    stages: stageTps,
    statuses: Object.fromEntries([...new Set(sent.map((op) => op.status))].map((st) => [String(st), sent.filter((op) => op.status === st).length])),
  };
}
