import type { BitstringStatusListEntry } from '@identree/sdk';

/** Bits per list: the W3C Bitstring Status List minimum (16 KiB), which gives herd privacy. */
export const STATUS_LIST_SIZE = 131_072;
/** A list takes entries until half full, so a random draw finds a free position at the first try or soon after. */
export const STATUS_LIST_CAPACITY = STATUS_LIST_SIZE / 2;

export type StatusPurpose = BitstringStatusListEntry['statusPurpose'];
export const STATUS_PURPOSES: readonly StatusPurpose[] = ['revocation', 'suspension'];

/** Where list `listId` is published, for one purpose or as an IETF Token Status List. */
export const bitstringListUrl = (publicUrl: string, listId: number, purpose: StatusPurpose) => `${publicUrl}/status-lists/${listId}/${purpose}`;
export const tokenListUrl = (publicUrl: string, listId: number) => `${publicUrl}/status-lists/${listId}/token`;

/** What a credential carries: a W3C entry per purpose, and the IETF reference for its SD-JWT VC form. */
export function statusReferences(publicUrl: string, listId: number, index: number) {
  const credentialStatus: BitstringStatusListEntry[] = STATUS_PURPOSES.map((statusPurpose) => {
    const statusListCredential = bitstringListUrl(publicUrl, listId, statusPurpose);
    return { id: `${statusListCredential}#${index}`, type: 'BitstringStatusListEntry', statusPurpose, statusListIndex: String(index), statusListCredential };
  });
  return { credentialStatus, status: { status_list: { idx: index, uri: tokenListUrl(publicUrl, listId) } } };
}
