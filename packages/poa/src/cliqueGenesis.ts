import { concat, toHex, type Address } from 'viem';

export type CliqueGenesisParameters = {
  chainId: number;
  /** Seconds between blocks. */
  periodS: number;
  signers: readonly Address[];
  /** Accounts funded at genesis, in wei. */
  alloc: Record<Address, bigint>;
  gasLimit?: bigint;
};

/**
 * A geth Clique genesis. Forks up to London (plus the two difficulty-bomb delays) at block 0 and
 * nothing after: geth 1.13 refuses Shanghai and Cancun under Clique, which is why the registry
 * deployed here is its paris build. The extra data is Clique's: 32 bytes of vanity, the signers'
 * addresses, and 65 zero bytes where a sealed block carries its signature.
 *
 * @example
 * const genesis = cliqueGenesis({ chainId: 7417, periodS: 5, signers, alloc: { [sponsor]: 10n ** 24n } })
 */
export function cliqueGenesis(p: CliqueGenesisParameters) {
  const signers = [...p.signers].map((s) => s.toLowerCase() as Address).sort();
  return {
    config: {
      chainId: p.chainId,
      homesteadBlock: 0,
      eip150Block: 0,
      eip155Block: 0,
      eip158Block: 0,
      byzantiumBlock: 0,
      constantinopleBlock: 0,
      petersburgBlock: 0,
      istanbulBlock: 0,
      muirGlacierBlock: 0,
      berlinBlock: 0,
      londonBlock: 0,
      arrowGlacierBlock: 0,
      grayGlacierBlock: 0,
      clique: { period: p.periodS, epoch: 30_000 },
    },
    difficulty: '0x1',
    gasLimit: toHex(p.gasLimit ?? 30_000_000n),
    extradata: concat([toHex(0, { size: 32 }), ...signers, toHex(0, { size: 65 })]),
    alloc: Object.fromEntries(Object.entries(p.alloc).map(([a, wei]) => [a.toLowerCase(), { balance: toHex(wei) }])),
  };
}
