export { AnvilPortInUseError, startAnvil, type Anvil, type DevWallet, type StartAnvilOptions } from './startAnvil.js';
export { tiedToParent } from './tiedToParent.js';
export { devAccount, devPrivateKey, DEV_MNEMONIC } from './devAccounts.js';
