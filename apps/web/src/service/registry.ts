import type { paths } from '@identree/client';
import { answer } from './api.js';
import { clientOf, type Session } from './session.js';

export type RegistrationTree = paths['/registry/tree']['get']['responses'][200]['content']['application/json'];
export type RegistrationNode = RegistrationTree['nodes'][number];

/** The most entities the view asks for at once; the service says when the tree holds more. */
export const TREE_LIMIT = 500;

/**
 * Who registered whom, from the top of the registry down, as the signed-in key: the service adds
 * the sponsored gas of the entities this identity may see (its own and those below it; every one
 * for the root authority).
 */
export const fetchRegistrationTree = async (session: Session): Promise<RegistrationTree> =>
  answer(clientOf(session).GET('/registry/tree', { params: { query: { limit: String(TREE_LIMIT) } } }));
