import { usageError } from '../cli/CliError.js';

export type PresentationRequest = { audience: string; nonce: string; attributes: string[]; minLevel?: string; requireLinked?: boolean; service?: string };

/**
 * A verifier's request as one URL a holder can scan or paste:
 * `identree:present?audience=…&nonce=…&attributes=a,b&minLevel=…&requireLinked=1&service=…`.
 * It carries only what the holder needs to answer; the nonce binds the answer to this request.
 */
export function requestUrl(request: PresentationRequest): string {
  const query = new URLSearchParams({ audience: request.audience, nonce: request.nonce, attributes: request.attributes.join(',') });
  if (request.minLevel) query.set('minLevel', request.minLevel);
  if (request.requireLinked) query.set('requireLinked', '1');
  if (request.service) query.set('service', request.service);
  return `identree:present?${query}`;
}

export function parseRequestUrl(text: string): PresentationRequest {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw usageError(`"${text}" is not a request URL`, 'it looks like identree:present?audience=…&nonce=…');
  }
  if (url.protocol !== 'identree:' || url.pathname !== 'present') throw usageError('the request URL must start with identree:present?');
  const audience = url.searchParams.get('audience');
  const nonce = url.searchParams.get('nonce');
  if (!audience || !nonce || !/^0x[0-9a-fA-F]{64}$/.test(nonce)) throw usageError('the request URL lacks an audience or a 32-byte nonce');
  const attributes = (url.searchParams.get('attributes') ?? '').split(',').filter(Boolean);
  return {
    audience, nonce, attributes, minLevel: url.searchParams.get('minLevel') ?? undefined,
    requireLinked: url.searchParams.get('requireLinked') === '1', service: url.searchParams.get('service') ?? undefined,
  };
}
