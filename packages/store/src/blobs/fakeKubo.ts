import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import * as dagPb from '@ipld/dag-pb';
import { UnixFS } from 'ipfs-unixfs';
import { CID } from 'multiformats/cid';
import { sha256 } from 'multiformats/hashes/sha2';
import { NotAFileError } from './errors.js';
import { FsBlobStore } from './FsBlobStore.js';

// Test support for the blob store and route tests (not a test file itself).

/** The empty UnixFS directory, which every kubo repository holds from `ipfs init` on. */
export const EMPTY_DIRECTORY_CID = 'QmUNLLsPACCz1vLxQVkXqqLX5R1X345qqfHbsf67hvA3Nn';

/**
 * Puts a block the way `FsBlobStore` lays blocks out (kubo's flatfs, `next-to-last/2`), for blocks
 * `put` never writes itself, such as a directory node that came with an imported repository.
 */
export async function writeFsBlock(dir: string, bytes: Uint8Array, codec = dagPb.code): Promise<string> {
  const cid = CID.createV1(codec, await sha256.digest(bytes));
  const key = cid.toString();
  const file = path.join(dir, 'blocks', key.slice(-3, -1), key);
  await mkdir(path.dirname(file), { recursive: true });
  await writeFile(file, bytes);
  return key;
}

/** The empty directory node, encoded as kubo encodes it. */
export const emptyDirectoryBlock = () => dagPb.encode(dagPb.prepare({ Data: new UnixFS({ type: 'directory' }).marshal(), Links: [] }));

type Seen = { method: string; path: string; query: Record<string, string>; contentType?: string; file?: Uint8Array; fieldName?: string };

/**
 * A stand-in for kubo's RPC API, just enough of add/cat/block/stat: it keeps blocks in an
 * FsBlobStore, answers errors the way kubo does ({ Message, Code, Type } with HTTP 500), and
 * records each request so tests can check its shape. `override` replaces the next answer.
 */
export async function fakeKubo() {
  const dir = await mkdtemp(path.join(tmpdir(), 'identree-fake-kubo-'));
  const blocks = new FsBlobStore(dir);
  await writeFsBlock(dir, emptyDirectoryBlock());
  const seen: Seen[] = [];
  let override: { status: number; body: string } | undefined;
  const body = async (req: IncomingMessage) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    return Buffer.concat(chunks);
  };
  const kuboError = (message: string) => JSON.stringify({ Message: message, Code: 0, Type: 'error' });
  const server: Server = createServer(async (req, res) => {
    const url = new URL(req.url!, 'http://fake');
    const entry: Seen = { method: req.method!, path: url.pathname, query: Object.fromEntries(url.searchParams), contentType: req.headers['content-type'] };
    seen.push(entry);
    const send = (status: number, text: string) => res.writeHead(status, { 'content-type': 'application/json' }).end(text);
    const raw = await body(req);
    if (override) {
      const { status, body: text } = override;
      override = undefined;
      return send(status, text);
    }
    if (req.method !== 'POST') return send(405, kuboError(`${req.method} is not allowed`));
    try {
      if (url.pathname === '/api/v0/add') {
        const form = await new Response(raw, { headers: { 'content-type': entry.contentType ?? '' } }).formData();
        const parts: [string, File][] = [];
        form.forEach((value, key) => parts.push([key, value as File]));
        const [[fieldName, file]] = parts;
        entry.fieldName = fieldName;
        entry.file = new Uint8Array(await file.arrayBuffer());
        const hash = await blocks.put(entry.file);
        return send(200, `${JSON.stringify({ Name: file.name, Hash: hash, Size: String(entry.file.length) })}\n`);
      }
      if (url.pathname === '/api/v0/cat' || url.pathname === '/api/v0/block/stat') {
        const arg = url.searchParams.get('arg') ?? '';
        const found = await blocks.get(arg).catch((error) => (error instanceof NotAFileError ? error : undefined));
        if (found === undefined) return send(500, kuboError(`invalid path "${arg}": invalid cid`));
        if (found instanceof NotAFileError) {
          // block/stat reads any block; cat reads files only.
          if (url.pathname === '/api/v0/block/stat') return send(200, JSON.stringify({ Key: arg }));
          return send(500, kuboError('this dag node is a directory'));
        }
        if (found === null) return send(500, kuboError(`block was not found locally (offline): ipld: could not find ${arg}`));
        if (url.pathname === '/api/v0/block/stat') return send(200, JSON.stringify({ Key: arg, Size: found.length }));
        return res.writeHead(200, { 'content-type': 'text/plain' }).end(found);
      }
      // Erasure: every stored file counts as pinned; the leaves go with the root, so refs lists none.
      if (url.pathname === '/api/v0/refs') return res.writeHead(200, { 'content-type': 'application/json' }).end('');
      if (url.pathname === '/api/v0/pin/rm') {
        const arg = url.searchParams.get('arg') ?? '';
        if (!(await blocks.has(arg))) return send(500, kuboError('not pinned or pinned indirectly'));
        return send(200, JSON.stringify({ Pins: [arg] }));
      }
      if (url.pathname === '/api/v0/block/rm') {
        for (const arg of url.searchParams.getAll('arg')) await blocks.erase(arg);
        return send(200, '');
      }
      return send(404, kuboError(`unknown command ${url.pathname}`));
    } catch (error) {
      return send(500, kuboError(String(error)));
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    apiUrl: `http://127.0.0.1:${port}`,
    seen,
    answerNext: (status: number, text: string) => (override = { status, body: text }),
    close: async () => {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await rm(dir, { recursive: true, force: true });
    },
  };
}
