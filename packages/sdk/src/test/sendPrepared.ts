import assert from 'node:assert/strict';
import type { TransactionReceipt } from 'viem';
import type { DevWallet } from '@identree/devchain';
import type { PreparedCall } from '../prepare/types.js';

/** Signs and sends a prepared call with a plain viem wallet (no SDK action), and waits for its success. */
export async function sendPrepared(wallet: DevWallet, call: PreparedCall): Promise<TransactionReceipt> {
  const hash = await wallet.sendTransaction({ to: call.to, data: call.data, value: call.value });
  const receipt = await wallet.waitForTransactionReceipt({ hash });
  assert.equal(receipt.status, 'success', `${call.data.slice(0, 10)} to ${call.to} reverted`);
  return receipt;
}
