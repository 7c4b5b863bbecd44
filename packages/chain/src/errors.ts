/** The chain named in the configuration cannot be used as asked (no registry there, a wrong contract). */
export class ChainConfigError extends Error {
  override name = 'ConfigError';
}
