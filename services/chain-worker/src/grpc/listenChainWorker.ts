import http2 from 'node:http2';
import type { AddressInfo } from 'node:net';
import { connectNodeAdapter } from '@connectrpc/connect-node';
import type { ChainWorker } from '../chainWorker.js';
import { chainWorkerRoutes } from './chainWorkerRoutes.js';

export type ChainWorkerServer = { url: string; close(): Promise<void> };

/**
 * Serves the chain worker's gRPC services over HTTP/2 without TLS (h2c), for loopback or a private
 * network: gRPC, gRPC-Web and Connect clients alike, a stock `@grpc/grpc-js` client included.
 * A plain `GET /health` answers too, for probes that do not speak gRPC.
 */
export async function listenChainWorker(worker: ChainWorker, { port = 0, host = '127.0.0.1' }: { port?: number; host?: string } = {}): Promise<ChainWorkerServer> {
  const handler = connectNodeAdapter({
    routes: chainWorkerRoutes(worker),
    fallback: (request, response) => {
      if (request.method === 'GET' && request.url === '/health') {
        void worker.health().then((parts) => {
          const ok = Object.values(parts).every((s) => s === 'ok');
          response.writeHead(ok ? 200 : 503, { 'content-type': 'application/json' });
          response.end(JSON.stringify({ status: ok ? 'ok' : 'degraded', parts }));
        });
        return;
      }
      response.writeHead(404, { 'content-type': 'application/json' });
      response.end(JSON.stringify({ error: 'not_found', message: `no route ${request.method} ${request.url}` }));
    },
  });
  const server = http2.createServer(handler);
  const sessions = new Set<http2.ServerHttp2Session>();
  server.on('session', (session) => {
    sessions.add(session);
    session.once('close', () => sessions.delete(session));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve());
  });
  const { port: bound } = server.address() as AddressInfo;
  return {
    url: `http://${host.includes(':') ? `[${host}]` : host}:${bound}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        // Open HTTP/2 sessions keep close() waiting; the API reconnects when it needs to.
        for (const session of sessions) session.destroy();
      }),
  };
}
