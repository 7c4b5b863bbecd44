import type { FastifyInstance } from 'fastify';
import { formatEther, parseTransaction, recoverTransactionAddress, type Address, type Hex, type TransactionSerialized } from 'viem';
import { decodeRegistryCall, simulateRegistryWrite } from '@identree/sdk';
import { ServiceError } from '../errors.js';

/** The contract a transaction is addressed to, or null for anything else. */
export function targetOf(app: FastifyInstance, to: Address | null | undefined): 'registry' | 'holderRegistry' | null {
  const t = to?.toLowerCase();
  if (t === app.chain.registry.toLowerCase()) return 'registry';
  if (t === app.chain.holderRegistry.toLowerCase()) return 'holderRegistry';
  return null;
}

/**
 * Refuses, before anything is stored or sent, a transaction whose sender cannot pay for its gas at
 * the fee it signed: the node would refuse it anyway, and an authority registered without ether
 * should hear "insufficient funds", with what it holds and what it needs.
 */
export async function requireFunds(app: FastifyInstance, from: Address, gas: bigint, maxFeePerGas: bigint) {
  const needed = gas * maxFeePerGas;
  const balance = await app.chain.reader.getBalance({ address: from });
  if (balance < needed) {
    throw new ServiceError(
      'insufficient_funds',
      `${from} holds ${formatEther(balance)} ether and this transaction may cost up to ${formatEther(needed)}; fund the account, or send the write as a signed message the service relays where the route offers one`,
    );
  }
}

/**
 * What the service checks of an authority's signed transaction before it goes to the chain worker:
 * the registry would accept it now, run as its signer (a revert is answered with the SDK's typed
 * error, 409 or 422 by the error table, and nothing is paid), and the signer can pay for it.
 * The function must be one of `allowed`. Signature, chain, target and function are checked again by the chain worker, the one writer.
 */
export async function preflightSigned(app: FastifyInstance, serialized: Hex, allowed: readonly string[]) {
  let tx;
  let signer: Address;
  try {
    tx = parseTransaction(serialized as TransactionSerialized);
    signer = await recoverTransactionAddress({ serializedTransaction: serialized as TransactionSerialized });
  } catch {
    throw new ServiceError('invalid_transaction', 'signedTransaction is not a signed EVM transaction');
  }
  const contract = targetOf(app, tx.to);
  if (!contract) throw new ServiceError('invalid_transaction', 'the transaction is not addressed to the registry or its holder registry');
  if (tx.chainId !== app.chain.chainId) throw new ServiceError('invalid_transaction', `the transaction is for chain ${tx.chainId}, not ${app.chain.chainId}`);
  let functionName: string;
  try {
    functionName = decodeRegistryCall(tx.data ?? '0x', { contract }).functionName;
  } catch {
    throw new ServiceError('invalid_transaction', 'the transaction does not call a registry function');
  }
  if (!allowed.includes(functionName)) throw new ServiceError('invalid_transaction', `this route accepts ${allowed.join(' or ')}, not ${functionName}`);
  await simulateRegistryWrite(app.chain.reader as never, { to: tx.to!, data: tx.data ?? '0x', contract, account: signer });
  const fee = tx.maxFeePerGas ?? tx.gasPrice ?? 0n;
  await requireFunds(app, signer, tx.gas ?? 0n, fee);
  return { signer, contract, tx };
}
