import { encodeAbiParameters, keccak256, type Hash } from 'viem';

/**
 * The similarity at and above which two embeddings of the default engine (human's mesh, face-api's
 * faceRecognitionNet, 128 values) are taken as one person: the EER point of `npm run eval:face`'s
 * 1,000-step sweep for `human+face-api/faceRecognitionNet` on its 10 genuine and 396 impostor pairs
 * (its step 931/999; FAR 0.51 %, FRR 0 % there, EER 0.25 %; a tiny set: see the README's face figures).
 */
export const DEFAULT_FACE_THRESHOLD = 0.931932;
/** The threshold of templates made with human's own faceres (1024 values), the engine before; from the same sweep. */
export const FACERES_FACE_THRESHOLD = 0.5;

/**
 * The threshold for a model's embeddings: a template is only ever compared with an embedding of its own model,
 * and the scales differ (faceRecognitionNet's impostors sit at 0.7-0.96, faceres's at 0.1-0.65).
 *
 * @example
 * faceThreshold(engine.model) // 0.931932
 */
export const faceThreshold = (model: string) => (model.endsWith('/faceres') ? FACERES_FACE_THRESHOLD : DEFAULT_FACE_THRESHOLD);

/** keccak256 of what was matched: template (CID, version, model), threshold, liveness. Never the score. */
export const faceMatchResultHash = (r: { cid: string; templateVersion: number; model: string; threshold: number; livenessHash?: Hash }) =>
  keccak256(encodeAbiParameters(
    [{ type: 'string' }, { type: 'string' }, { type: 'uint64' }, { type: 'string' }, { type: 'uint32' }, { type: 'bytes32' }],
    ['identree/face-match/v1', r.cid, BigInt(r.templateVersion), r.model, Math.round(r.threshold * 1e6), r.livenessHash ?? `0x${'0'.repeat(64)}`],
  ));
