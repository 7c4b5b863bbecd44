import { CID } from 'multiformats/cid';
import { InvalidCidError } from './errors.js';

/**
 * Parses a CID string (v1 in any multibase, or v0 `Qm…`), throwing `InvalidCidError` for
 * anything else.
 *
 * @example
 * parseCid('bafkreifzjut3te2nhyekklss27nh3k72ysco7y32koao5eei66wof36n5e').code // 0x55, raw
 */
export function parseCid(cid: string): CID {
  if (typeof cid !== 'string' || cid.length === 0 || cid.length > 512) throw new InvalidCidError(String(cid));
  try {
    return CID.parse(cid);
  } catch (error) {
    throw new InvalidCidError(cid, error);
  }
}
