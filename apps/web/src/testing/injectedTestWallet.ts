import { personalSign, signTypedData, SignTypedDataVersion } from '@metamask/eth-sig-util';
import type { BrowserContext } from 'playwright-core';
import { hexToBytes, type Hex } from 'viem';
import { privateKeyToAccount } from 'viem/accounts';

/**
 * A wallet extension for browser tests: `window.ethereum` (EIP-1193) in every page of the context,
 * answering from Node with MetaMask's own signing library (@metamask/eth-sig-util), so the page gets
 * exactly what an extension gives: accounts, personal_sign and eth_signTypedData_v4, and no raw
 * signature, transaction signing or private key. Every request is recorded, to assert on.
 */
export async function injectTestWallet(context: BrowserContext, privateKey: Hex, { chainId }: { chainId: number }): Promise<{ requests: string[] }> {
  const address = privateKeyToAccount(privateKey).address;
  const key = Buffer.from(hexToBytes(privateKey));
  const requests: string[] = [];
  await context.exposeBinding('__identreeTestWallet', async (_source, method: string, params: unknown[] = []) => {
    requests.push(method);
    switch (method) {
      case 'eth_requestAccounts':
      case 'eth_accounts':
        return [address];
      case 'eth_chainId':
        return `0x${chainId.toString(16)}`;
      case 'personal_sign':
        return personalSign({ privateKey: key, data: params[0] as string });
      case 'eth_signTypedData_v4':
        return signTypedData({ privateKey: key, data: JSON.parse(params[1] as string), version: SignTypedDataVersion.V4 });
      default:
        // As MetaMask answers a method it does not offer (eth_sign is off, eth_signTransaction absent).
        throw new Error(`The wallet does not support ${method}`);
    }
  });
  // A string, not a function: the test runner's transpiler would add helpers the page does not have.
  await context.addInitScript({
    content: `window.ethereum = {
      request: ({ method, params }) => window.__identreeTestWallet(method, params),
      on: () => undefined,
      removeListener: () => undefined,
    };`,
  });
  return { requests };
}
