import { encodeAbiParameters, keccak256, type Hash } from 'viem';

/** The similarity above which two faceres embeddings are taken as one person (from `npm run eval:face`). */
export const DEFAULT_FACE_THRESHOLD = 0.5;

/** keccak256 of what was matched: template (CID, version, model), threshold, liveness. Never the score. */
export const faceMatchResultHash = (r: { cid: string; templateVersion: number; model: string; threshold: number; livenessHash?: Hash }) =>
  keccak256(encodeAbiParameters(
    [{ type: 'string' }, { type: 'string' }, { type: 'uint64' }, { type: 'string' }, { type: 'uint32' }, { type: 'bytes32' }],
    ['identree/face-match/v1', r.cid, BigInt(r.templateVersion), r.model, Math.round(r.threshold * 1e6), r.livenessHash ?? `0x${'0'.repeat(64)}`],
  ));
