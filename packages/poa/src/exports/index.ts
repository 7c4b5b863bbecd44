export { startPoaNetwork, checkPoaOptions, MAX_VALIDATORS, DEFAULT_CHAIN_ID, type PoaNetwork, type StartPoaNetworkOptions } from '../startPoaNetwork.js';
export { cliqueGenesis, type CliqueGenesisParameters } from '../cliqueGenesis.js';
export { gethPath, hasGeth } from '../gethBinary.js';
export { type GethValidator } from '../gethValidator.js';
export { deployRegistryToPoa } from '../deployRegistryToPoa.js';
export { GethMissingError, PoaOptionError, PoaStartError } from '../errors.js';
