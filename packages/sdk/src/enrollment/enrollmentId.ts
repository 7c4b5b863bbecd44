import { encodeAbiParameters, keccak256, type Address, type Hash } from 'viem';

/**
 * An enrollment's id, as the registry derives it: `keccak256(abi.encode(enrollee, imageHash, fieldsRoot))`.
 *
 * @example
 * const id = enrollmentId({ enrollee, imageHash, fieldsRoot })
 */
export const enrollmentId = ({ enrollee, imageHash, fieldsRoot }: { enrollee: Address; imageHash: Hash; fieldsRoot: Hash }): Hash =>
  keccak256(encodeAbiParameters([{ type: 'address' }, { type: 'bytes32' }, { type: 'bytes32' }], [enrollee, imageHash, fieldsRoot]));
