import type { Hex } from 'viem';
import { privateKeyToAccount } from 'viem/accounts';
import type { MessageSigner, PreparedTransaction } from './injectedWallet.js';

const toViemTransaction = (tx: PreparedTransaction) =>
  tx.type === 'legacy'
    ? { type: 'legacy' as const, to: tx.to, data: tx.data, value: BigInt(tx.value), chainId: tx.chainId, nonce: tx.nonce, gas: BigInt(tx.gas), gasPrice: BigInt(tx.gasPrice ?? 0) }
    : {
        type: 'eip1559' as const, to: tx.to, data: tx.data, value: BigInt(tx.value), chainId: tx.chainId, nonce: tx.nonce, gas: BigInt(tx.gas),
        maxFeePerGas: BigInt(tx.maxFeePerGas ?? 0), maxPriorityFeePerGas: BigInt(tx.maxPriorityFeePerGas ?? 0),
      };

/** A key opened in this page as a signer; viem signs, the key never leaves the page. */
export function browserSigner(privateKey: Hex): MessageSigner {
  const account = privateKeyToAccount(privateKey);
  return {
    local: { account, unseal: (open) => open(privateKey) },
    address: account.address,
    source: 'browser key',
    signMessage: (message) => account.signMessage({ message }),
    signTypedData: (typed) => account.signTypedData(typed as Parameters<typeof account.signTypedData>[0]),
    signTransaction: (tx) => account.signTransaction(toViemTransaction(tx)),
  };
}
