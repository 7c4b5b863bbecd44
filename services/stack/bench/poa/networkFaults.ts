// The failures the chaos run injects, on the validators other than the one the service talks to.
import { createPublicClient, http } from 'viem';
import type { PoaNetwork } from '@identree/poa';

const rpc = (url: string) => createPublicClient({ transport: http(url, { retryCount: 0, timeout: 2_000 }) });

/** Drops every peer link of validator `i` both ways (a partition); `heal` peers it again. */
export async function isolate(net: PoaNetwork, i: number) {
  const v = net.validators[i]!;
  await Promise.all(
    net.validators.filter((o) => o !== v).flatMap((o) => [
      rpc(o.rpcUrl).request({ method: 'admin_removePeer' as never, params: [v.enode] as never }),
      rpc(v.rpcUrl).request({ method: 'admin_removePeer' as never, params: [o.enode] as never }),
    ]),
  );
}

export async function heal(net: PoaNetwork) {
  // One dial per pair, the lower index dialling, as the launcher peers them.
  const live = net.validators.filter((v) => v.running());
  await Promise.all(
    live.flatMap((v, i) => live.slice(i + 1).map((o) => rpc(v.rpcUrl).request({ method: 'admin_addPeer' as never, params: [o.enode] as never }))),
  );
}

/** Milliseconds until every running validator has the same head block (same height and hash). */
export async function untilConverged(net: PoaNetwork, timeoutMs = 180_000): Promise<number> {
  const start = Date.now();
  while (Date.now() - start < timeoutMs) {
    const heads = await Promise.all(
      net.validators.filter((v) => v.running()).map((v) => rpc(v.rpcUrl).getBlock().then((b) => `${b.number}:${b.hash}`, () => 'down')),
    );
    if (!heads.includes('down') && new Set(heads).size === 1) return Date.now() - start;
    await new Promise((r) => setTimeout(r, 250));
  }
  return NaN;
}
