import { startAnvil, type Anvil } from '@identree/devchain';
import { deployIdentityRegistry } from '../actions/deployIdentityRegistry.js';
import { identreeActions } from '../clients/identreeActions.js';
import type { Address } from 'viem';

/** A fresh anvil with a deployed registry; account 0 is the root government. */
export async function registryFixture() {
  const chain: Anvil = await startAnvil({ accounts: 20 });
  const { registry } = await deployIdentityRegistry(chain.wallet(0));
  const as = (index: number) => {
    const wallet = chain.wallet(index);
    return Object.assign(wallet.extend(identreeActions(registry)), { address: wallet.account.address as Address });
  };
  return { chain, registry, as, stop: () => chain.stop() };
}
export type RegistryFixture = Awaited<ReturnType<typeof registryFixture>>;
