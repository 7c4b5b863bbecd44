import type { Address, Hex } from 'viem';

/**
 * An unsigned contract call: what a wallet signs and sends, or a sponsor wraps in its own transaction.
 * No registry function is payable, so `value` is zero or absent.
 */
export type PreparedCall = { to: Address; data: Hex; value?: 0n };
