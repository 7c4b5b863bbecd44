import { createWalletClient, custom, getAddress, type Address, type EIP1193Provider, type Hex, type LocalAccount } from 'viem';

declare global {
  interface Window {
    ethereum?: EIP1193Provider;
  }
}

/** EIP-712 typed data as the service prepares it (uint256 fields already as bigint). */
export type TypedDataToSign = { domain: Record<string, unknown>; types: Record<string, { name: string; type: string }[]>; primaryType: string; message: Record<string, unknown> };

/** A signer: a key opened in this page, or a wallet extension (EIP-1193) that keeps its own keys. */
export type MessageSigner = {
  address: Address;
  signMessage: (message: string) => Promise<`0x${string}`>;
  signTypedData: (typed: TypedDataToSign) => Promise<`0x${string}`>;
  /**
   * Signs a transaction without sending it, for the service to submit. A key in this page can; a
   * wallet extension cannot (they only sign and send at once), so it is absent there.
   */
  signTransaction?: (tx: PreparedTransaction) => Promise<`0x${string}`>;
  source: 'browser key' | 'wallet';
  /**
   * A key opened in this page: it signs presentations as a viem account and opens what was sealed
   * to it (ECIES). A wallet extension never lends its key, so it is absent there. `unseal` hands the
   * key to one function call, so it is never stored anywhere but this closure.
   */
  local?: { account: LocalAccount; unseal: <T>(open: (privateKey: Hex) => T) => T };
};

/** An unsigned transaction as `POST /prepare/{write}` answers it (amounts as decimal strings). */
export type PreparedTransaction = {
  functionName: string; from: Address; to: Address; data: `0x${string}`; value: string; chainId: number; nonce: number; gas: string;
  type: string; maxFeePerGas?: string; maxPriorityFeePerGas?: string; gasPrice?: string;
};

export const hasInjectedWallet = () => typeof window !== 'undefined' && window.ethereum !== undefined;

/** Asks the injected wallet (MetaMask and the like) for an account; it signs in its own window. */
export async function connectInjectedWallet(): Promise<MessageSigner> {
  if (!window.ethereum) throw new Error('No wallet extension was found in this browser.');
  const wallet = createWalletClient({ transport: custom(window.ethereum) });
  const [address] = await wallet.requestAddresses();
  if (!address) throw new Error('The wallet shared no account.');
  const account = getAddress(address);
  return {
    address: account,
    source: 'wallet',
    signMessage: (message) => wallet.signMessage({ account, message }),
    signTypedData: (typed) => wallet.signTypedData({ ...(typed as Omit<Parameters<typeof wallet.signTypedData>[0], 'account'>), account }),
  };
}
