import { toHex } from 'viem';
import { mnemonicToAccount, type HDAccount } from 'viem/accounts';

/** anvil's well-known development mnemonic. Its keys are public: never use them on a real chain. */
export const DEV_MNEMONIC = 'test test test test test test test test test test test junk';

/** The `index`th funded development account of a chain started by `startAnvil`. */
export function devAccount(index: number): HDAccount {
  return mnemonicToAccount(DEV_MNEMONIC, { addressIndex: index });
}

/** The private key of anvil's dev account `index`: public, for the development chain only. */
export function devPrivateKey(index: number): `0x${string}` {
  return toHex(devAccount(index).getHdKey().privateKey!);
}
