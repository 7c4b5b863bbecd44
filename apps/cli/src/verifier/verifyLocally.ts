import { createPublicClient, http, type Hash } from 'viem';
import { chainStatusSource, verifyPresentation, type VerifierPolicy } from '@identree/sdk';
import { address } from '../cli/arguments.js';
import { CliError, usageError } from '../cli/CliError.js';
import { ExitCode } from '../cli/exitCodes.js';
import { FileNonceStore } from './fileNonceStore.js';

const NONCE_TTL_SECONDS = 600;

export async function localNonce(audience: string) {
  const nonce = await new FileNonceStore().issue(audience, NONCE_TTL_SECONDS);
  return { audience, nonce, expiresAt: new Date(Date.now() + NONCE_TTL_SECONDS * 1000).toISOString() };
}

/**
 * An auditor's check that trusts no service: the SDK's verifier reads the registry through the
 * given node, and the nonce must be one this verifier issued (`request --local`).
 */
export async function verifyLocally(p: { rpc?: string; registry?: string; presentation: unknown; audience: string; nonce: string; policy: object }) {
  if (!p.rpc) throw usageError('--local needs a node to read the chain from', 'pass --rpc URL (or set it in a profile)');
  if (!p.registry) throw usageError('--local needs the registry you trust', 'pass --registry 0x…');
  const client = createPublicClient({ transport: http(p.rpc) });
  let chainId: number;
  try {
    chainId = await client.getChainId();
  } catch (error) {
    throw new CliError('chain_unreachable', `cannot reach the node at ${p.rpc}: ${(error as Error).message.split('\n')[0]}`, ExitCode.unavailable);
  }
  const status = chainStatusSource({ [chainId]: { client, registries: [address(p.registry, 'registry address')] } });
  return verifyPresentation({ presentation: p.presentation, audience: p.audience, nonce: p.nonce as Hash, nonces: new FileNonceStore(), status, policy: p.policy as VerifierPolicy });
}
