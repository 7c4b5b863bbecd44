import type { Address } from 'viem';

/** The levels a verifier may require, lowest last (the registry's `CertificationLevel`). */
export const CERTIFICATION_LEVELS = ['GovernmentCertified', 'Accredited', 'Uncertified'] as const;
export type CertificationLevel = (typeof CERTIFICATION_LEVELS)[number];
const isLevel = (s: string): s is CertificationLevel => (CERTIFICATION_LEVELS as readonly string[]).includes(s);

/** What a verifier asks a holder to prove. */
export type PresentationRequest = {
  /** Who asks, as the holder sees it and as the presentation is bound to. */
  audience: string;
  nonce: `0x${string}`;
  /** Attributes that must be disclosed. */
  attributes: string[];
  /** Credential types that must be presented (the verifier checks these itself: the policy has no such field). */
  types: string[];
  /** Attributes that must have a given value, such as `ageOver18: true`. */
  values: Record<string, string | boolean>;
  minLevel?: CertificationLevel;
  requireLinked?: boolean;
  /** The verifier's address: the holder may grant it access to read the disclosures again. */
  verifier?: Address;
};

/** Thrown for a request link that cannot be read: the message says what a good one looks like. */
export class RequestLinkError extends Error {
  override name = 'RequestLinkError';
}

const valueText = (v: string | boolean) => String(v);
const valueOf = (text: string): string | boolean => (text === 'true' ? true : text === 'false' ? false : text);

/**
 * A request as one `identree:present?…` URL, the form the CLI's `identree request` prints, with
 * three more fields it ignores (`types`, `values`, `verifier`); the CLI and the web app read each other's.
 */
export function requestUrl(r: PresentationRequest): string {
  const query = new URLSearchParams({ audience: r.audience, nonce: r.nonce, attributes: r.attributes.join(',') });
  if (r.types.length) query.set('types', r.types.join(','));
  const values = Object.entries(r.values);
  if (values.length) query.set('values', values.map(([k, v]) => `${k}:${valueText(v)}`).join(','));
  if (r.minLevel) query.set('minLevel', r.minLevel);
  if (r.requireLinked) query.set('requireLinked', '1');
  if (r.verifier) query.set('verifier', r.verifier);
  return `identree:present?${query}`;
}

/** The wallet's page for a request: the link a verifier sends, and what its QR code holds. */
export const walletLink = (origin: string, r: PresentationRequest) => `${origin}/app/wallet?request=${encodeURIComponent(requestUrl(r))}`;

/** Reads a request from an `identree:present?…` URL or from the wallet link that carries one. */
export function parseRequest(text: string): PresentationRequest {
  const trimmed = text.trim();
  let url: URL;
  try {
    url = new URL(trimmed);
    if (url.protocol !== 'identree:') url = new URL(url.searchParams.get('request') ?? '');
  } catch {
    throw new RequestLinkError('That is not a request link. Paste the whole link the verifier gave you; it starts with identree:present? or with this site\'s address.');
  }
  if (url.protocol !== 'identree:' || url.pathname !== 'present') throw new RequestLinkError('That link is not a request to present credentials. Ask the verifier for its request link.');
  const q = url.searchParams;
  const audience = q.get('audience');
  const nonce = q.get('nonce');
  if (!audience || !nonce || !/^0x[0-9a-fA-F]{64}$/.test(nonce)) throw new RequestLinkError('The request link is cut short: it names no verifier or no challenge. Copy the whole link again.');
  const list = (name: string) => (q.get(name) ?? '').split(',').map((s) => s.trim()).filter(Boolean);
  const values = Object.fromEntries(list('values').map((pair) => {
    const at = pair.indexOf(':');
    return at < 0 ? [pair, true] : [pair.slice(0, at), valueOf(pair.slice(at + 1))];
  }));
  const verifier = q.get('verifier');
  const minLevel = q.get('minLevel') ?? undefined;
  if (minLevel !== undefined && !isLevel(minLevel)) {
    throw new RequestLinkError(`The request link asks for a level this wallet does not know ("${minLevel.slice(0, 40)}"): it must be one of ${CERTIFICATION_LEVELS.join(', ')}. Ask the verifier for a new link.`);
  }
  return {
    audience, nonce: nonce as `0x${string}`, attributes: list('attributes'), types: list('types'), values,
    minLevel, requireLinked: q.get('requireLinked') === '1',
    verifier: verifier && /^0x[0-9a-fA-F]{40}$/.test(verifier) ? (verifier as Address) : undefined,
  };
}

/** Every attribute the request needs disclosed: the named ones and those with a required value. */
export const neededAttributes = (r: PresentationRequest) => [...new Set([...r.attributes, ...Object.keys(r.values)])];
