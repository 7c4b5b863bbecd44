// npm run chaos:poa — the paper's failure scenarios on a geth Clique network with the identity
// service writing at a steady rate: one validator stopped, a minority stopped, one validator
// isolated by dropping its peer links (a partition), and a rolling restart. For each: throughput
// during the fault against the healthy window before it, and the time from the fault's end until
// every validator holds the same head. Afterwards every write the service answered 2xx is looked
// up on chain. Validator 0 serves the service's RPC and is never failed. Ends with one JSON line.
import { parseArgs } from 'node:util';
import type { Address } from 'viem';
import { checkPoaOptions, gethPath, hasGeth, type PoaNetwork } from '@identree/poa';
import { identityOps, submit, type SentOp } from './poa/identityLoad.js';
import { heal, isolate, untilConverged } from './poa/networkFaults.js';
import { startPoaService } from './poa/poaService.js';
import { steadyLoad } from './poa/steadyLoad.js';

const USAGE = 'usage: npm run chaos:poa -- [--validators 3-7] [--period seconds] [--rate writes/s] [--window seconds]';
let o: { validators: number; periodS: number; rate: number; windowS: number };
try {
  const { values } = parseArgs({
    options: { validators: { type: 'string', default: '5' }, period: { type: 'string', default: '5' }, rate: { type: 'string', default: '6' }, window: { type: 'string' } },
    strict: true,
  });
  const whole = (name: string, text: string) => {
    if (!/^\d+$/.test(text) || Number(text) === 0) throw new Error(`--${name} must be a whole number above 0 (got ${JSON.stringify(text)})`);
    return Number(text);
  };
  const { validators, periodS } = checkPoaOptions({ validators: whole('validators', values.validators), periodS: whole('period', values.period) });
  if (validators < 3) throw new Error(`--validators must be at least 3 for a minority to fail (got ${validators})`);
  o = { validators, periodS, rate: whole('rate', values.rate), windowS: values.window ? whole('window', values.window) : Math.max(10, 4 * periodS) };
} catch (error) {
  console.error(`chaos:poa: ${(error as Error).message}\n${USAGE}`);
  process.exit(2);
}
if (!hasGeth()) {
  console.error(`chaos:poa: geth is not at ${gethPath()}: build it with tools/parts/install-go-parts.sh --only geth`);
  process.exit(1);
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const PAPER: Record<string, string> = {
  'one validator stopped': '8 % less, recovered in 12 s',
  'minority stopped': '3 of 7 down: 28 % less, 35 s',
  'partition (one validator isolated)': 'partition or cascading: 65-85 % less, up to 145 s',
  'rolling restart': 'not reported',
};
type Scenario = { name: string; fault: (net: PoaNetwork) => Promise<void>; end: (net: PoaNetwork) => Promise<void> };
const last = (k: number) => Array.from({ length: k }, (_, i) => o.validators - 1 - i); // never validator 0
const minority = Math.floor((o.validators - 1) / 2);
const scenarios: Scenario[] = [
  { name: 'one validator stopped', fault: (net) => net.validators[last(1)[0]!]!.stop(), end: (net) => net.restartValidator(last(1)[0]!) },
  {
    name: 'minority stopped',
    fault: async (net) => void (await Promise.all(last(minority).map((i) => net.validators[i]!.stop()))),
    end: async (net) => {
      for (const i of last(minority)) await net.restartValidator(i);
    },
  },
  { name: 'partition (one validator isolated)', fault: (net) => isolate(net, last(1)[0]!), end: (net) => heal(net) },
  {
    name: 'rolling restart',
    fault: async (net) => {
      for (const i of last(o.validators - 1)) {
        await net.validators[i]!.stop();
        await net.restartValidator(i);
      }
    },
    end: async () => {},
  },
];

/** Our writes per second in blocks stamped within [from, to). */
function throughput(included: Map<string, number>, from: number, to: number) {
  let n = 0;
  for (const t of included.values()) if (t >= from && t < to) n++;
  return n / ((to - from) / 1000);
}

console.log(`${o.validators} validators, ${o.periodS} s blocks, ${o.rate} writes/s through the service, ${o.windowS} s windows; minority = ${minority}`);
const s = await startPoaService({ validators: o.validators, periodS: o.periodS });
try {
  let nonce = await s.reader().getTransactionCount({ address: s.government.address, blockTag: 'pending' });
  const warm = identityOps(s, nonce, []);
  const warmOps = await Promise.all(Array.from({ length: 10 }, () => warm()));
  await Promise.all(warmOps.map((op) => submit(s, op, -1)));
  nonce += warmOps.length;
  const load = steadyLoad(s, { perSecond: o.rate, firstNonce: nonce, registered: warmOps.map((op) => op.entity!) as Address[] });
  const marks: { name: string; healthyFrom: number; faultFrom: number; faultTo: number; recoveredMs: number }[] = [];
  for (const scenario of scenarios) {
    const healthyFrom = Date.now();
    await sleep(o.windowS * 1000);
    const faultFrom = Date.now();
    await scenario.fault(s.net);
    const faultLeft = faultFrom + o.windowS * 1000 - Date.now();
    if (faultLeft > 0) await sleep(faultLeft);
    const faultTo = Date.now();
    await scenario.end(s.net);
    // Restarting is part of recovering: counted from the fault's end, not from the restart.
    const recoveredMs = Number.isNaN(await untilConverged(s.net)) ? NaN : Date.now() - faultTo;
    marks.push({ name: scenario.name, healthyFrom, faultFrom, faultTo, recoveredMs });
    console.log(`  ${scenario.name}: fault ${((faultTo - faultFrom) / 1000).toFixed(1)} s, every validator on one head ${(recoveredMs / 1000).toFixed(1)} s after it ended`);
  }
  const sent: SentOp[] = await load.stop();
  // Everything sent gets its chance: wait for the government's nonce to catch up (or 3 minutes).
  const lastNonce = Math.max(...sent.map((op) => op.nonce)) + 1;
  for (const deadline = Date.now() + 180_000; Date.now() < deadline; await sleep(1_000)) {
    if ((await s.reader().getTransactionCount({ address: s.government.address })) >= lastNonce) break;
  }
  // Read on the validator that was failed most, once it holds the same head as the others.
  await untilConverged(s.net);
  const reader = s.reader(o.validators - 1);
  const included = new Map<string, number>();
  const blockTime = new Map<bigint, number>();
  for (const op of sent) {
    const receipt = await reader.getTransactionReceipt({ hash: op.hash }).catch(() => undefined);
    if (receipt?.status !== 'success') continue;
    if (!blockTime.has(receipt.blockNumber)) blockTime.set(receipt.blockNumber, Number((await reader.getBlock({ blockNumber: receipt.blockNumber })).timestamp) * 1000);
    included.set(op.hash, blockTime.get(receipt.blockNumber)!);
  }
  const accepted = sent.filter((op) => op.status! >= 200 && op.status! < 300);
  const lost = accepted.filter((op) => !included.has(op.hash));
  const results = [];
  for (const m of marks) {
    const healthy = throughput(included, m.healthyFrom, m.faultFrom);
    const faulty = throughput(included, m.faultFrom, m.faultTo);
    const lossPercent = healthy > 0 ? Number((100 * (1 - faulty / healthy)).toFixed(1)) : NaN;
    results.push({ name: m.name, healthyTps: Number(healthy.toFixed(2)), faultTps: Number(faulty.toFixed(2)), throughputLossPercent: lossPercent, recoveryS: Number((m.recoveredMs / 1000).toFixed(1)) });
    console.log(`  ${m.name.padEnd(36)} ${healthy.toFixed(2)} -> ${faulty.toFixed(2)} TPS (${lossPercent} % less), recovered in ${(m.recoveredMs / 1000).toFixed(1)} s   paper: ${PAPER[m.name]}`);
  }
  console.log(`  writes sent ${sent.length}, answered 2xx ${accepted.length}, on chain ${included.size}, answered 2xx but not on chain ${lost.length}`);
  console.log(JSON.stringify({ validators: o.validators, blockPeriodS: o.periodS, ratePerSec: o.rate, scenarios: results, sentWrites: sent.length, acceptedWrites: accepted.length, lostWrites: lost.length }));
  if (lost.length > 0) process.exitCode = 1;
} finally {
  await s.stop();
}
