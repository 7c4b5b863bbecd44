import { lookup as dnsLookup, type LookupAddress, type LookupOptions } from 'node:dns';
import { isIP } from 'node:net';
import ipaddr from 'ipaddr.js';
import { Agent } from 'undici';

/**
 * Where webhooks may go. A service that serves a network must not become a way into the networks it
 * sits in (server-side request forgery): a subscriber could otherwise name http://10.0.0.5/ or the
 * cloud metadata address and have the service call it. A service listening only on loopback is a
 * local development stack, and calling this machine is what its user wants.
 */
export type WebhookTargetPolicy = { allowPrivate: boolean };

/** The target is not a public address and the policy forbids private ones. */
export class WebhookTargetError extends Error {
  override name = 'WebhookTargetError';
}

/** Only ordinary public unicast addresses; loopback, private, link-local, CGNAT, multicast and the rest are not. */
function isPublicAddress(address: string): boolean {
  if (!ipaddr.isValid(address)) return false;
  // ipaddr.process turns IPv4-mapped IPv6 (::ffff:10.0.0.1) into the IPv4 address it carries.
  return ipaddr.process(address).range() === 'unicast';
}

const stripBrackets = (host: string) => (host.startsWith('[') && host.endsWith(']') ? host.slice(1, -1) : host);

/**
 * Checks what can be checked without DNS when a subscription is made: the scheme and literal
 * addresses or `localhost`. Names are checked again at every delivery, where they resolve.
 */
export function checkWebhookUrl(url: URL, policy: WebhookTargetPolicy): void {
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new WebhookTargetError(`${url.protocol} is not http or https`);
  if (policy.allowPrivate) return;
  const host = stripBrackets(url.hostname);
  if (isIP(host) && !isPublicAddress(host)) throw new WebhookTargetError(`${host} is not a public address`);
  if (host === 'localhost' || host.endsWith('.localhost')) throw new WebhookTargetError(`${host} is this machine`);
}

type LookupCallback = (error: NodeJS.ErrnoException | null, address: string | LookupAddress[], family?: number) => void;

/**
 * A DNS lookup that refuses names resolving to any non-public address, used for the connection
 * itself so a name cannot resolve to a public address when subscribed and a private one when called
 * (DNS rebinding).
 */
function guardedLookup(hostname: string, options: LookupOptions, callback: LookupCallback): void {
  dnsLookup(hostname, { ...options, all: true }, (error, addresses) => {
    if (error) return callback(error, []);
    const blocked = addresses.find((a) => !isPublicAddress(a.address));
    if (blocked) return callback(Object.assign(new WebhookTargetError(`${hostname} resolves to ${blocked.address}, not a public address`), { code: 'EACCES' }), []);
    if (options.all) return callback(null, addresses);
    callback(null, addresses[0]!.address, addresses[0]!.family);
  });
}

/**
 * The HTTP agent webhooks are sent with: with private targets forbidden, every connection's
 * address is checked after resolution, and literal addresses before any connection is made.
 */
export function webhookAgent(policy: WebhookTargetPolicy): Agent {
  return policy.allowPrivate ? new Agent() : new Agent({ connect: { lookup: guardedLookup as never } });
}
