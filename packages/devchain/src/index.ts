export { startAnvil, type Anvil, type DevWallet, type StartAnvilOptions } from './startAnvil.js';
export { devAccount, devPrivateKey, DEV_MNEMONIC } from './devAccounts.js';
