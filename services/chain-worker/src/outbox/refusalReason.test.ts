import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createPublicClient, http, parseEther } from 'viem';
import { privateKeyToAccount, generatePrivateKey } from 'viem/accounts';
import { startAnvil } from '@identree/devchain';
import { refusalReason } from './refusalReason.js';

describe('refusalReason', () => {
  it('names insufficient funds, with neither the node\'s URL nor the request body', async () => {
    const anvil = await startAnvil({ accounts: 1 });
    try {
      const client = createPublicClient({ transport: http(anvil.rpcUrl) });
      const pauper = privateKeyToAccount(generatePrivateKey());
      const chainId = await client.getChainId();
      const serialized = await pauper.signTransaction({ chainId, to: pauper.address, value: parseEther('1'), gas: 21_000n, maxFeePerGas: 10n ** 10n, maxPriorityFeePerGas: 1n, nonce: 0, type: 'eip1559' });
      const error = await client.request({ method: 'eth_sendRawTransaction', params: [serialized] }).then(() => null, (e: unknown) => e);
      assert.ok(error, 'the node accepted a transaction its signer cannot pay for');
      assert.match(String((error as Error).message), /127\.0\.0\.1/, 'viem\'s own message names the node');
      const reason = refusalReason(error);
      assert.equal(reason, 'insufficient funds: the signing account cannot pay for this transaction\'s gas');
    } finally {
      await anvil.stop();
    }
  });

  it('keeps the node\'s reason and withholds any URL in it', () => {
    assert.equal(refusalReason(new Error('boom at http://10.0.0.5:8545/secret')), 'the node refused the transaction: boom at [address withheld]');
  });
});
