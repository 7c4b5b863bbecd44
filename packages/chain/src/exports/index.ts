// Connecting the services to an EVM node and its registry.
export { connectChain, type ChainPort, type ConnectChainParameters } from '../connectChain.js';
export { ChainConfigError } from '../errors.js';
