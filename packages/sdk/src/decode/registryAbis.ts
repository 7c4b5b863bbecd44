import { holderRegistryAbi, identityRegistryAbi } from '@identree/abi';

/** Both contracts' ABIs in one: what a receipt or a range of logs from either is decoded with. */
export const registryAbis = [...identityRegistryAbi, ...holderRegistryAbi] as const;
export type RegistryAbis = typeof registryAbis;
