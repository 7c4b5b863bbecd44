import type { FastifyInstance } from 'fastify';
import type { ServiceConfig } from './config.js';

/**
 * Listens on HOST:PORT. A port that is taken is a clear one-line error and exit code 1, after
 * `cleanUp` (which stops whatever the process started, an embedded anvil included).
 */
export async function listenOrExplain(app: FastifyInstance, config: ServiceConfig, cleanUp: () => Promise<void>) {
  try {
    // A burst of new connections (a load balancer reconnecting, a thousand clients at once) overflows
    // Node's default accept queue of 511; every dropped SYN then costs its client a one-second
    // retransmit. The kernel caps this at net.core.somaxconn.
    await app.listen({ port: config.port, host: config.host, backlog: 4096 });
  } catch (error) {
    await app.close().catch(() => {});
    await cleanUp();
    if ((error as NodeJS.ErrnoException).code === 'EADDRINUSE') {
      console.error(`Identree: ${config.host}:${config.port} is already in use (PORT, HOST); stop what listens there or choose another port`);
      process.exit(1);
    }
    throw error;
  }
}
