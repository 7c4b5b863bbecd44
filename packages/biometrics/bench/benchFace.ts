// npm run bench:face: face enrollment and login end to end, models already loaded, on this machine's cores.
// Enrollment: decode, detect, embed, encrypt, store (embedded IPFS block store), and anchor: the holder's key
// commits the template on chain (FaceTemplateRegistry on a local anvil, automine, one transaction and its receipt).
// Login: decode, detect, embed, fetch, decrypt, compare, sign the SIWE message with the match-result hash.
// FACE_ENGINE=face-api/faceRecognitionNet (or another name in eval/engines.ts) times a candidate engine instead.
// With the default engine it also times the login with the anti-spoof gate's models (FACE_ANTISPOOF on): the same
// engine made with spoofGate, so each photo also runs human's antispoof and liveness models, and the gate decides.
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { privateKeyToAccount } from 'viem/accounts';
import { devPrivateKey, startAnvil } from '@identree/devchain';
import { commitFaceTemplate, deployFaceTemplateRegistry, deployIdentityRegistry, registerEntity } from '@identree/sdk';
import { enrollFace, fsTemplateBlobs, loginWithFace, memoryFaceAuditLog, memoryTemplateRecords } from '../src/exports/index.js';
import { createHumanEngine } from '../src/exports/human.js';
import { DEFAULT_ENGINE, enginesFromEnv, loadEngine } from '../eval/engines.js';

const RUNS = Number(process.env.BENCH_FACE_RUNS ?? 30);
const PAPER = { enrollMs: 4028, loginMs: 1069 };
const assets = path.join(path.dirname(createRequire(import.meta.url).resolve('@vladmandic/human')), '..', 'assets');
const image = await readFile(path.join(assets, 'screenshot-faceid.jpg'));

const [engineName] = enginesFromEnv(process.env.FACE_ENGINE ?? DEFAULT_ENGINE);
const engine = await loadEngine(engineName);
if (!engine) throw new Error(`${engineName}: its models cannot be had offline`);
const modelLoadMs = engine.modelLoadMs;
const dir = await mkdtemp(path.join(tmpdir(), 'bench-face-'));
const blobs = fsTemplateBlobs(dir);
const records = memoryTemplateRecords();
const audit = memoryFaceAuditLog();
// The chain: root deploys the identity and face template registries and registers the holder (a funded dev key).
const chain = await startAnvil({ accounts: 2 });
const root = chain.wallet(0);
const { registry } = await deployIdentityRegistry(root);
const { faceTemplateRegistry } = await deployFaceTemplateRegistry(root, { registry });
const holderWallet = chain.wallet(1);
await registerEntity(root, { registry, entity: holderWallet.account.address, kind: 'Person' });
const privateKey = devPrivateKey(1);
const account = privateKeyToAccount(privateKey);
const siwe = { domain: 'identree.test', uri: 'https://identree.test/login', chainId: 31337, nonce: 'benchnonce01' };

const quantile = (xs: number[], q: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil(q * s.length) - 1)];
};
async function time(fn: () => Promise<unknown>) {
  await fn(); // one warm-up: tfjs compiles its WebAssembly kernels for each input shape on first use
  const out: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const t = performance.now();
    await fn();
    out.push(performance.now() - t);
  }
  return out;
}

let enrolled = 0;
const enroll = await time(async () => {
  const { envelope } = await enrollFace({ engine, image, holder: account.address, recipients: [account.publicKey], blobs, records, audit });
  await commitFaceTemplate(holderWallet, { faceTemplateRegistry, cid: envelope.cid, templateVersion: envelope.templateVersion, mode: enrolled++ === 0 ? 'enroll' : 'reenroll' });
});
const login = await time(() => loginWithFace({ engine, image, account, privateKey, blobs, records, audit, siwe }));
await engine.dispose();
// The policy's cost: the same login on an engine that also runs the gate's two models on the photo (the gate's
// decision itself is two comparisons of medians). In the browser the page runs them on every frame of the steps.
let gated: number[] | null = null;
let gatedLoadMs = 0;
if (engineName === DEFAULT_ENGINE) {
  const spoofEngine = await createHumanEngine({ spoofGate: true });
  gatedLoadMs = spoofEngine.modelLoadMs;
  gated = await time(() => loginWithFace({ engine: spoofEngine, image, account, privateKey, blobs, records, audit, siwe }));
  await spoofEngine.dispose();
}
await chain.stop();
await rm(dir, { recursive: true, force: true });

const fmt = (x: number) => x.toFixed(1).padStart(8);
console.log(`face bench: ${RUNS} runs each, 800x564 JPEG, ${engine.model}, tfjs WebAssembly backend`);
console.log(`model load (apart)        ${fmt(modelLoadMs)} ms`);
console.log('                             median      p95   target   paper (i5 laptop, DeepFace FaceNet512)');
console.log(`enrollment end to end     ${fmt(quantile(enroll, 0.5))} ${fmt(quantile(enroll, 0.95))}   ≤ 400   ${PAPER.enrollMs} ms (registration)`);
console.log(`login end to end          ${fmt(quantile(login, 0.5))} ${fmt(quantile(login, 0.95))}   ≤ 200   ${PAPER.loginMs} ms (verification)`);
if (gated) console.log(`login, anti-spoof gate on ${fmt(quantile(gated, 0.5))} ${fmt(quantile(gated, 0.95))}            (FACE_ANTISPOOF on: + antispoof and liveness models; this engine's load, tfjs and faceRecognitionNet already up, ${gatedLoadMs.toFixed(0)} ms)`);
console.log('enrollment includes the chain anchor (a transaction on a local anvil, automine), as the paper\'s includes its IPFS upload and transaction');
console.log(JSON.stringify({
  loginMedianMs: +quantile(login, 0.5).toFixed(1), loginP95Ms: +quantile(login, 0.95).toFixed(1),
  enrollMedianMs: +quantile(enroll, 0.5).toFixed(1), enrollP95Ms: +quantile(enroll, 0.95).toFixed(1),
  modelLoadMs: +modelLoadMs.toFixed(1), runs: RUNS, anchorIncluded: true, engine: engineName,
  ...(gated ? { loginAntispoofMedianMs: +quantile(gated, 0.5).toFixed(1), loginAntispoofP95Ms: +quantile(gated, 0.95).toFixed(1), antispoofModelLoadMs: +gatedLoadMs.toFixed(1) } : {}),
}));
