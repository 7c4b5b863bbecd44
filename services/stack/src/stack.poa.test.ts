// The identity service unchanged on a real Proof-of-Authority network: three geth Clique
// validators, the registry's paris build deployed first, and the service started with RPC_URL,
// REGISTRY_ADDRESS and SPONSOR_PRIVATE_KEY as an operator would. A registration and a credential
// go in through the API and are read back on another validator. Skipped, saying why, without geth.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createPublicClient, http, keccak256, stringToHex, type Address, type Hex } from 'viem';
import { generatePrivateKey, privateKeyToAccount } from 'viem/accounts';
import { deployRegistryToPoa, gethPath, hasGeth, startPoaNetwork, type PoaNetwork } from '@identree/poa';
import { credentialId, CredentialType, identreeActions, prepareAnchorCredential, prepareRegisterEntity } from '@identree/sdk';
import { bootStack, loginOverHttp, postRegistration, startAllScript } from './testing/stackProcess.js';

const skip = hasGeth() ? false : `geth is not at ${gethPath()}: build it with tools/parts/install-go-parts.sh --only geth`;

describe('the identity service on a geth Clique network', { skip }, () => {
  let net: PoaNetwork;
  let registry: Address;
  let stack: Awaited<ReturnType<typeof bootStack>> | undefined;
  let dataDir: string;
  let url: string;
  before(async () => {
    net = await startPoaNetwork({ validators: 3, periodS: 1 });
    ({ registry } = await deployRegistryToPoa(net));
    dataDir = await mkdtemp(path.join(tmpdir(), 'identree-stack-poa-'));
    const port = 19_000 + Math.floor(Math.random() * 900);
    url = `http://127.0.0.1:${port}`;
    stack = await bootStack(
      startAllScript,
      { DATA_DIR: dataDir, PORT: String(port), RPC_URL: net.rpcUrls[0]!, REGISTRY_ADDRESS: registry, SPONSOR_PRIVATE_KEY: net.fundedKey, VERIFY_THREADS: '0' },
      /Identree identity service on/,
    );
  });
  after(async () => {
    await stack?.stop();
    await net?.stop();
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
  });

  it('serves the registry it was given, on the PoA chain', async () => {
    const health = (await (await fetch(`${url}/health`)).json()) as { registry: Address; chainId: number };
    assert.equal(health.registry.toLowerCase(), registry.toLowerCase());
    assert.equal(health.chainId, net.chainId);
  });

  it('registers a citizen and anchors her credential through the API, read back on another validator', async () => {
    // The funded account deployed the registry, so it is the root government; it signs in its own wallet.
    const government = privateKeyToAccount(net.fundedKey);
    const reader = createPublicClient({ chain: net.chain, transport: http(net.rpcUrls[2]) }).extend(identreeActions(registry));
    const token = await loginOverHttp(url, government, net.chainId);
    const fees = { gas: 600_000n, maxFeePerGas: 20_000_000_000n, maxPriorityFeePerGas: 2_000_000_000n, type: 'eip1559' as const, chainId: net.chainId };
    const sign = async (call: { to: Address; data: Hex }, nonce: number) => government.signTransaction({ ...call, ...fees, nonce });
    let nonce = await reader.getTransactionCount({ address: government.address, blockTag: 'pending' });

    const citizen = privateKeyToAccount(generatePrivateKey()).address;
    const registration = await postRegistration(url, token, 'poa-register', await sign(prepareRegisterEntity({ registry, entity: citizen, kind: 'Person' }), nonce++));
    assert.ok(registration.status === 200 || registration.status === 202, `POST /entities: ${registration.status} ${await registration.clone().text()}`);

    const commitment = keccak256(stringToHex('citizen passport on Clique'));
    const anchor = await fetch(`${url}/credentials`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}`, 'idempotency-key': 'poa-anchor' },
      body: JSON.stringify({ signedTransaction: await sign(prepareAnchorCredential({ registry, subject: citizen, credentialType: CredentialType.Passport, commitment }), nonce++) }),
    });
    assert.ok(anchor.status === 200 || anchor.status === 202, `POST /credentials: ${anchor.status} ${await anchor.clone().text()}`);

    const uid = credentialId({ issuer: government.address, commitment });
    // 202 means sent and not yet confirmed: wait for the chain, as a client polling /writes would.
    for (const deadline = Date.now() + 60_000; !(await reader.getCredential({ uid })) && Date.now() < deadline; ) await new Promise((r) => setTimeout(r, 500));
    assert.equal((await reader.getEntity({ entity: citizen }))?.kind, 'Person');
    const credential = await reader.getCredential({ uid });
    assert.equal(credential?.subject, citizen);
    assert.equal(credential?.commitment, commitment);
    for (const deadline = Date.now() + 30_000; Date.now() < deadline; await new Promise((r) => setTimeout(r, 500))) {
      if ((await fetch(`${url}/credentials/${uid}`)).status === 200) break;
    }
    const viaApi = (await (await fetch(`${url}/credentials/${uid}`)).json()) as { subject: string };
    assert.equal(viaApi.subject.toLowerCase(), citizen.toLowerCase());
    const entity = (await (await fetch(`${url}/entities/${citizen}`)).json()) as { kind: string };
    assert.equal(entity.kind, 'Person');
  });
});
