import type { Output } from '../cli/output.js';

type TreeCredential = { uid: string; type: string; issuer: string; issuerKind: string | null; level: string; valid: boolean; revoked: boolean; validUntil: number };

/**
 * The identity tree in the terminal: the identity at the root, its linked credentials as branches
 * grouped by certification level, strongest first, as the papers draw it.
 */
export function drawTree(out: Output, holder: string, entity: { kind?: string; status?: string } | undefined, credentials: TreeCredential[]): void {
  const c = out.color;
  out.line(`${c.bold(holder)}  ${c.dim(`${entity?.kind ?? 'unregistered'} · ${entity?.status ?? '?'}`)}`);
  const order = ['GovernmentCertified', 'Accredited', 'Uncertified'];
  const levels = [...new Set(credentials.map((x) => x.level))].sort((a, b) => (order.indexOf(a) + 99) % 99 - (order.indexOf(b) + 99) % 99);
  if (levels.length === 0) out.line(`└── ${c.dim('no linked credentials')}`);
  levels.forEach((level, li) => {
    const lastLevel = li === levels.length - 1;
    out.line(`${lastLevel ? '└──' : '├──'} ${c.cyan(level)}`);
    const items = credentials.filter((x) => x.level === level);
    items.forEach((x, i) => {
      const state = x.revoked ? c.red('revoked') : x.valid ? c.green('valid') : c.yellow('not valid');
      const expiry = x.validUntil && x.validUntil < 2 ** 32 - 1 ? ` until ${new Date(x.validUntil * 1000).toISOString().slice(0, 10)}` : '';
      out.line(`${lastLevel ? '    ' : '│   '}${i === items.length - 1 ? '└──' : '├──'} ${c.bold(x.type)} ${state}${expiry}  ${c.dim(`${x.uid.slice(0, 10)}… from ${x.issuer.slice(0, 10)}… (${x.issuerKind ?? '?'})`)}`);
    });
  });
}
