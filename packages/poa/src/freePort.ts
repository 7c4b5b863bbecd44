import { createServer } from 'node:net';

/** Ports this process has handed out: the OS may offer a just-released port to the next caller. */
const handedOut = new Set<number>();

const askOs = () =>
  new Promise<number>((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });

/**
 * A TCP port free on loopback right now (the OS picks it, so parallel runs do not clash), and
 * never one already handed out by this process: the validators' ports are taken before any geth
 * binds them, so a repeat would make two geths fight over one port.
 */
export async function freePort(): Promise<number> {
  for (;;) {
    const port = await askOs();
    if (handedOut.has(port)) continue;
    handedOut.add(port);
    return port;
  }
}
