import type { PrivateKeyAccount } from 'viem/accounts';
import type { MessageSigner } from './injectedWallet.js';

/** A key opened in this page as a signer; viem signs, the key never leaves the page. */
export function browserSigner(account: PrivateKeyAccount): MessageSigner {
  return {
    address: account.address,
    source: 'browser key',
    signMessage: (message) => account.signMessage({ message }),
    signTypedData: (typed) => account.signTypedData(typed as Parameters<PrivateKeyAccount['signTypedData']>[0]),
  };
}
