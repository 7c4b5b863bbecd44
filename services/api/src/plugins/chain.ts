import fp from 'fastify-plugin';
import type { RegistryPort } from '@identree/chain';

declare module 'fastify' {
  interface FastifyInstance {
    /** Read clients bound to the registry, and the sponsor's address; the API holds no key. */
    chain: RegistryPort;
  }
}

/** Decorates the app with `chain`. */
export const chainPlugin = fp<{ chain: RegistryPort }>(
  async (app, { chain }) => {
    app.decorate('chain', chain);
  },
  { name: 'chain' },
);
