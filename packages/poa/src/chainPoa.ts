// `npm run chain:poa -- --validators 4 --period 5`: a geth Clique network on loopback, with the
// registry's paris build deployed, in the foreground until Ctrl-C. Exit codes: 0 stopped cleanly,
// 1 the network failed, 2 bad options (the message names the option).
import path from 'node:path';
import { parseArgs } from 'node:util';
import { privateKeyToAccount } from 'viem/accounts';
import { deployRegistryToPoa } from './deployRegistryToPoa.js';
import { PoaOptionError } from './errors.js';
import { checkPoaOptions, startPoaNetwork } from './startPoaNetwork.js';

const USAGE = `usage: npm run chain:poa -- [--validators 1-7] [--period seconds] [--data-dir dir] [--no-deploy]
  --validators  validators (Clique signers), each its own geth process (default 4)
  --period      seconds between blocks (default 5, the paper's; 1 for quick runs)
  --data-dir    keep the validators' data here (default: a temporary directory removed on exit)
  --no-deploy   do not deploy the identity registry`;

function options() {
  try {
    const { values } = parseArgs({
      options: {
        validators: { type: 'string', default: '4' },
        period: { type: 'string', default: '5' },
        'data-dir': { type: 'string' },
        'no-deploy': { type: 'boolean', default: false },
        help: { type: 'boolean', short: 'h', default: false },
      },
      strict: true,
    });
    if (values.help) {
      console.log(USAGE);
      process.exit(0);
    }
    const whole = (name: string, text: string) => {
      if (!/^\d+$/.test(text)) throw new PoaOptionError(`--${name} must be a whole number (got ${JSON.stringify(text)})`);
      return Number(text);
    };
    const checked = checkPoaOptions({ validators: whole('validators', values.validators), periodS: whole('period', values.period) });
    // npm runs this from the workspace folder; a relative --data-dir means the caller's folder.
    const dataDir = values['data-dir'] && path.resolve(process.env.INIT_CWD ?? process.cwd(), values['data-dir']);
    return { ...checked, dataDir, deploy: !values['no-deploy'] };
  } catch (error) {
    console.error(`chain:poa: ${(error as Error).message}\n${USAGE}`);
    process.exit(2);
  }
}

const o = options();
let net: Awaited<ReturnType<typeof startPoaNetwork>>;
try {
  console.log(`starting ${o.validators} geth Clique validators, ${o.periodS} s blocks…`);
  net = await startPoaNetwork({ validators: o.validators, periodS: o.periodS, dataDir: o.dataDir });
} catch (error) {
  console.error(`chain:poa: ${(error as Error).message}`);
  process.exit(1);
}
let stopping = false;
const shutdown = async () => {
  if (stopping) return;
  stopping = true;
  console.log('\nstopping validators…');
  await net.stop();
  console.log('stopped');
  process.exit(0);
};
process.on('SIGINT', shutdown);
process.on('SIGTERM', shutdown);

console.log(`chain id ${net.chainId}, data in ${net.dataDir}`);
for (const v of net.validators) console.log(`validator ${v.index}  signer ${v.signer}  RPC ${v.rpcUrl}`);
const funded = privateKeyToAccount(net.fundedKey).address;
console.log(`funded account ${funded}\n  key ${net.fundedKey}  (generated for this local network only)`);
if (o.deploy) {
  try {
    const { registry, blockNumber } = await deployRegistryToPoa(net);
    console.log(`identity registry (paris build) ${registry} in block ${blockNumber}`);
    console.log('\nrun the identity service on it:');
    console.log(`  RPC_URL=${net.rpcUrls[0]} REGISTRY_ADDRESS=${registry} SPONSOR_PRIVATE_KEY=${net.fundedKey}`);
  } catch (error) {
    console.error(`chain:poa: deploying the registry failed: ${(error as Error).message}`);
    await net.stop();
    process.exit(1);
  }
}
console.log('\nCtrl-C stops every validator.');
