// npm run bench:poa — the paper's PoA experiment on this machine: identity registrations and
// credential anchors sent through the identity service at a rising rate, on a geth Clique network,
// at 5 s and 1 s block periods. Prints throughput, success rate, inclusion latency and block
// propagation per period, and beside them the seed's contract design on the same network,
// COMPUTED (not run) from the measured block gas limit, the period and the seed's measured
// 1,424,508 gas per registration. Ends with one JSON line. Exit 2 on bad options.
import { parseArgs } from 'node:util';
import { checkPoaOptions, gethPath, hasGeth } from '@identree/poa';
import { measureLoad, SEED_GAS_PER_REGISTRATION } from './poa/measureLoad.js';
import { startPoaService } from './poa/poaService.js';

const USAGE = 'usage: npm run bench:poa -- [--validators 1-7] [--periods 5,1] [--rates 4,8,16,32] [--stage-seconds N]';
const list = (name: string, text: string) => {
  const values = text.split(',').map(Number);
  if (values.some((v) => !Number.isInteger(v) || v <= 0)) throw new Error(`--${name} must be whole numbers above 0, comma-separated (got ${JSON.stringify(text)})`);
  return values;
};
let o: { validators: number; periods: number[]; rates: number[]; stageSeconds?: number };
try {
  const { values } = parseArgs({
    options: { validators: { type: 'string', default: '4' }, periods: { type: 'string', default: '5,1' }, rates: { type: 'string', default: '4,8,16,32' }, 'stage-seconds': { type: 'string' } },
    strict: true,
  });
  const periods = list('periods', values.periods);
  const validators = Number(values.validators);
  for (const periodS of periods) checkPoaOptions({ validators, periodS });
  const stageSeconds = values['stage-seconds'] === undefined ? undefined : list('stage-seconds', values['stage-seconds'])[0];
  o = { validators, periods, rates: list('rates', values.rates), stageSeconds };
} catch (error) {
  console.error(`bench:poa: ${(error as Error).message}\n${USAGE}`);
  process.exit(2);
}
if (!hasGeth()) {
  console.error(`bench:poa: geth is not at ${gethPath()}: build it with tools/parts/install-go-parts.sh --only geth`);
  process.exit(1);
}

const results = [];
for (const periodS of o.periods) {
  // Three blocks per stage at least, so each rate is seen over several blocks.
  const stageSeconds = o.stageSeconds ?? Math.max(8, 3 * periodS);
  console.log(`\n${o.validators} validators, ${periodS} s blocks, rates ${o.rates.join(', ')} writes/s, ${stageSeconds} s each`);
  const service = await startPoaService({ validators: o.validators, periodS });
  try {
    const m = await measureLoad(service, { rates: o.rates, stageSeconds, log: console.log });
    const seedDesignOpsPerSec = Number((m.blockGasLimit / periodS / SEED_GAS_PER_REGISTRATION).toFixed(2));
    console.log(`  sent ${m.sent}, answered 2xx ${m.answered2xx}, on chain ${m.included} (${(m.successRate * 100).toFixed(2)} %)  answers ${JSON.stringify(m.statuses)}`);
    console.log(`  throughput ${m.tps} TPS average, ${m.peakTps} at peak (per stage: ${m.stages.map((st) => `${st.offeredPerSec}/s -> ${st.tps}`).join(', ')})`);
    console.log(`  ${m.registrations} registrations and ${m.anchors} anchors; each transaction is one identity operation`);
    console.log(`  inclusion latency p50 ${m.inclusionMs.p50} ms, p95 ${m.inclusionMs.p95} ms, max ${m.inclusionMs.max} ms (send to first validator holding the block)`);
    console.log(`  block propagation between validators over ${m.propagationMs.blocks} blocks: p50 ${m.propagationMs.p50} ms, p95 ${m.propagationMs.p95} ms, max ${m.propagationMs.max} ms (20 ms polling)`);
    console.log(`  fullest block ${m.fullestBlockPercent} % of its gas limit`);
    console.log(`  seed design on this network (COMPUTED): ${m.blockGasLimit} gas / ${periodS} s / ${SEED_GAS_PER_REGISTRATION} gas = ${seedDesignOpsPerSec} registrations/s`);
    results.push({ blockPeriodS: periodS, tps: m.tps, peakTps: m.peakTps, identityOpsPerSec: m.tps, seedDesignOpsPerSec, seedDesignComputed: true, successRate: m.successRate, sent: m.sent, included: m.included, inclusionMsP50: m.inclusionMs.p50, inclusionMsP95: m.inclusionMs.p95, propagationMsP50: m.propagationMs.p50, propagationMsP95: m.propagationMs.p95, blockGasLimit: m.blockGasLimit, fullestBlockPercent: m.fullestBlockPercent, stages: m.stages });
  } finally {
    await service.stop();
  }
}
console.log(`\npaper (7 validators, 5 s): 31.5 TPS average, 44.79 peak, 99.61 % success, propagation 103 ms (p95 119 ms)`);
const [first] = results;
console.log(JSON.stringify({ validators: o.validators, ...first, periods: results }));
