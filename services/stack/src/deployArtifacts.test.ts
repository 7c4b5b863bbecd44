// The container artifacts (deploy/compose.yaml, services/*/Dockerfile) checked against the code they
// run: no engine is needed, so a variable renamed in a service's config or in the split launcher
// shows up here rather than in a container that does not start.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import { API_ENVIRONMENT, loadConfig } from '@identree/api';
import { CHAIN_WORKER_ENVIRONMENT, loadChainWorkerConfig } from '@identree/chain-worker';
import { devPrivateKey } from '@identree/devchain';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const read = (file: string) => readFile(path.join(root, file), 'utf8');

type ComposeService = {
  image?: string;
  build?: { context: string; dockerfile: string };
  entrypoint?: string[];
  command?: string[];
  environment?: Record<string, string>;
  ports?: string[];
  volumes?: string[];
  depends_on?: Record<string, { condition: string }>;
  healthcheck?: { test: string[] };
};
const composeText = await read('deploy/compose.yaml');
const compose = parse(composeText) as { services: Record<string, ComposeService>; volumes: Record<string, unknown> };
const services = compose.services;
const env = (service: string) => services[service]!.environment ?? {};

/**
 * What `npm run start:split` passes each part (services/stack/src/startSplit.ts, `worker.env` and
 * `api.env`). Written out so the expectation reads plainly; the last test of this file checks the
 * list against the launcher's source, so a change there fails here until this list follows.
 */
const SPLIT_LAUNCHER_ENVIRONMENT = {
  'chain-worker': ['RPC_URL', 'SPONSOR_PRIVATE_KEY', 'DATABASE_URL', 'DATA_DIR', 'GRPC_PORT', 'WEBHOOK_ALLOW_PRIVATE', 'TOKEN_METADATA_URL'],
  api: ['RPC_URL', 'DATABASE_URL', 'DATA_DIR', 'PORT', 'CHAIN_WORKER_URL'],
} as const;

const APP_SERVICES = [
  { service: 'chain-worker', dir: 'services/chain-worker', reads: CHAIN_WORKER_ENVIRONMENT as readonly string[] },
  { service: 'api', dir: 'services/api', reads: API_ENVIRONMENT as readonly string[] },
] as const;

/** Compose's interpolation, enough for this file: defaults, required variables with a stand-in. */
function interpolate(value: string, given: Record<string, string>): string {
  return value.replace(/\$\{([A-Z_][A-Z0-9_]*)(?::([-?])([^}]*))?\}/g, (_, name: string, op?: string, word?: string) => {
    if (given[name] !== undefined) return given[name];
    if (op === '-') return word ?? '';
    if (op === '?') throw new Error(`${name} is required and has no stand-in in this test`);
    return '';
  });
}
const STAND_INS = { SPONSOR_PRIVATE_KEY: devPrivateKey(0), POSTGRES_PASSWORD: 'compose0test' };
const resolvedEnv = (service: string) => Object.fromEntries(Object.entries(env(service)).map(([k, v]) => [k, interpolate(String(v), STAND_INS)]));

type Instruction = { keyword: string; args: string };
/** A Dockerfile's instructions, continuation lines joined and comments dropped. */
async function dockerfile(dir: string): Promise<Instruction[]> {
  const text = await read(`${dir}/Dockerfile`);
  const logical = text.split('\n').filter((line) => !/^\s*#/.test(line)).join('\n').replace(/\\\n/g, ' ');
  return logical
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean)
    .map((line) => {
      const [, keyword, args] = /^(\S+)\s*(.*)$/.exec(line)!;
      return { keyword: keyword!.toUpperCase(), args: args!.trim() };
    });
}
const all = (instructions: Instruction[], keyword: string) => instructions.filter((i) => i.keyword === keyword);
const last = (instructions: Instruction[], keyword: string) => all(instructions, keyword).at(-1);

/** Each workspace's folder by its package name (a folder need not carry the name: services/biometrics is @identree/biometrics-service). */
let dirs: Promise<Map<string, string>> | undefined;
const workspaceDirs = () => (dirs ??= (async () => {
  const map = new Map<string, string>();
  for (const group of ['packages', 'services', 'apps']) {
    for (const entry of await readdir(path.join(root, group))) {
      const manifest = await read(`${group}/${entry}/package.json`).catch(() => null);
      if (manifest) map.set((JSON.parse(manifest) as { name: string }).name, `${group}/${entry}`);
    }
  }
  return map;
})());

/** The `@identree/*` workspaces a package needs at run time, itself included. */
async function runtimeWorkspaces(dir: string, seen = new Set<string>()): Promise<Set<string>> {
  seen.add(dir);
  const manifest = JSON.parse(await read(`${dir}/package.json`)) as { dependencies?: Record<string, string> };
  for (const name of Object.keys(manifest.dependencies ?? {})) {
    if (!name.startsWith('@identree/')) continue;
    const next = (await workspaceDirs()).get(name);
    if (!next) throw new Error(`${dir} depends on ${name}, which is no workspace`);
    if (!seen.has(next)) await runtimeWorkspaces(next, seen);
  }
  return seen;
}

const hostAndPort = (url: string) => {
  const u = new URL(url);
  return `${u.hostname}:${u.port}`;
};
const containerPort = (mapping: string) => mapping.split(':').at(-1)!;

describe('deploy/compose.yaml', () => {
  it('runs PostgreSQL, kubo, a chain, the chain worker and the API', () => {
    assert.deepEqual(Object.keys(services).sort(), ['api', 'chain', 'chain-worker', 'kubo', 'postgres']);
    assert.match(services.postgres!.image!, /^postgres:16/);
    assert.match(services.kubo!.image!, /^ipfs\/kubo:/);
    assert.match(services.chain!.image!, /^ghcr\.io\/foundry-rs\/foundry:/);
    assert.equal(services['chain-worker']!.build!.dockerfile, 'services/chain-worker/Dockerfile');
    assert.equal(services.api!.build!.dockerfile, 'services/api/Dockerfile');
    // The build context is the repository root, seen from deploy/.
    for (const { service } of APP_SERVICES) assert.equal(path.resolve(root, 'deploy', services[service]!.build!.context), root);
  });

  for (const { service, reads } of APP_SERVICES) {
    it(`gives the ${service} only variables it reads`, () => {
      const unread = Object.keys(env(service)).filter((name) => !reads.includes(name));
      assert.deepEqual(unread, []);
    });

    it(`gives the ${service} every variable the split launcher passes it`, () => {
      const missing = SPLIT_LAUNCHER_ENVIRONMENT[service].filter((name) => !(name in env(service)));
      assert.deepEqual(missing, []);
    });
  }

  it('gives the chain worker an environment its configuration accepts', () => {
    const config = loadChainWorkerConfig(resolvedEnv('chain-worker'));
    assert.equal(config.grpcHost, '0.0.0.0');
    assert.equal(config.webhookAllowPrivate, false);
  });

  it('gives the API an environment its configuration accepts', () => {
    const config = loadConfig(resolvedEnv('api'));
    assert.equal(config.host, '0.0.0.0');
    assert.equal(config.publicUrl, 'http://localhost:8080');
    assert.ok(config.chainWorkerUrl && config.databaseUrl && config.rpcUrl && config.ipfsApiUrl);
  });

  it('points the API at the chain worker by its service name and gRPC port', () => {
    const worker = env('chain-worker');
    assert.equal(hostAndPort(env('api').CHAIN_WORKER_URL!), `chain-worker:${worker.GRPC_PORT}`);
    assert.equal(worker.GRPC_HOST, '0.0.0.0');
    assert.match(services['chain-worker']!.healthcheck!.test.join(' '), new RegExp(`127\\.0\\.0\\.1:${worker.GRPC_PORT}\\b`));
  });

  it('publishes the API on the port it listens on, and nothing of the chain worker', () => {
    const api = env('api');
    assert.deepEqual(services.api!.ports!.map(containerPort), [api.PORT]);
    assert.equal(api.HOST, '0.0.0.0');
    assert.match(services.api!.healthcheck!.test.join(' '), new RegExp(`127\\.0\\.0\\.1:${api.PORT}/health`));
    assert.equal(services['chain-worker']!.ports, undefined);
    assert.equal(services.kubo!.ports, undefined, "kubo's API is an admin API");
  });

  it('reaches the chain, PostgreSQL and kubo by their service names', () => {
    const chainArgs = services.chain!.command!;
    const anvilPort = chainArgs[chainArgs.indexOf('--port') + 1];
    assert.equal(chainArgs[chainArgs.indexOf('--host') + 1], '0.0.0.0');
    for (const { service } of APP_SERVICES) {
      const resolved = resolvedEnv(service);
      assert.equal(hostAndPort(resolved.RPC_URL!), `chain:${anvilPort}`);
      assert.equal(hostAndPort(resolved.DATABASE_URL!), 'postgres:5432');
      assert.equal(new URL(resolved.DATABASE_URL!).pathname, `/${services.postgres!.environment!.POSTGRES_DB}`);
    }
    assert.equal(env('api').DATABASE_URL, env('chain-worker').DATABASE_URL);
    assert.equal(hostAndPort(env('api').IPFS_API_URL!), 'kubo:5001');
  });

  it('shares one webhook signing key file between the chain worker and the API', () => {
    const file = env('chain-worker').WEBHOOK_SIGNING_KEY_FILE!;
    assert.equal(env('api').WEBHOOK_SIGNING_KEY_FILE, file);
    const mountOf = (service: string) => services[service]!.volumes!.map((v) => v.split(':')).find(([, target]) => target === path.posix.dirname(file));
    assert.equal(mountOf('chain-worker')?.[0], 'webhook-key');
    assert.equal(mountOf('api')?.[0], 'webhook-key');
    assert.ok('webhook-key' in compose.volumes);
    assert.equal(env('api').WEBHOOK_ALLOW_PRIVATE, env('chain-worker').WEBHOOK_ALLOW_PRIVATE);
  });

  it('starts each app service only once what it needs is healthy', () => {
    const needs = { 'chain-worker': ['chain', 'postgres'], api: ['chain', 'chain-worker', 'kubo', 'postgres'] };
    for (const [service, dependencies] of Object.entries(needs)) {
      const dependsOn = services[service]!.depends_on!;
      assert.deepEqual(Object.keys(dependsOn).sort(), dependencies);
      for (const dependency of dependencies) {
        assert.equal(dependsOn[dependency]!.condition, 'service_healthy', `${service} on ${dependency}`);
        assert.ok(services[dependency]!.healthcheck?.test.length, `${dependency} has a health check`);
      }
    }
  });

  it('asks for the sponsor key and the database password rather than shipping them', () => {
    assert.match(env('chain-worker').SPONSOR_PRIVATE_KEY!, /^\$\{SPONSOR_PRIVATE_KEY:\?/);
    assert.match(services.postgres!.environment!.POSTGRES_PASSWORD!, /^\$\{POSTGRES_PASSWORD:\?/);
    assert.doesNotMatch(composeText, /0x[0-9a-fA-F]{64}/);
  });
});

for (const { service, dir } of APP_SERVICES) {
  describe(`${dir}/Dockerfile`, async () => {
    const instructions = await dockerfile(dir);
    const manifest = JSON.parse(await read(`${dir}/package.json`)) as { scripts: { start: string } };

    it('builds on node:20-bookworm-slim only', () => {
      const bases = all(instructions, 'FROM').map((i) => i.args.split(/\s+/)[0]);
      assert.ok(bases.length > 0);
      for (const base of bases) assert.equal(base, 'node:20-bookworm-slim');
    });

    it("runs the same entry script, with the same node flags, as the package's start script", () => {
      const cmd = JSON.parse(last(instructions, 'CMD')!.args) as string[]; // exec form: JSON or it throws
      const start = manifest.scripts.start.split(/\s+/);
      assert.deepEqual(cmd.slice(0, -1), start.slice(0, -1));
      const workdir = last(instructions, 'WORKDIR')!.args;
      assert.equal(path.posix.relative(workdir, path.posix.resolve(workdir, cmd.at(-1)!)), path.posix.join(dir, start.at(-1)!));
    });

    it('runs as a user other than root', () => {
      const user = last(instructions, 'USER')?.args.split(':')[0];
      assert.ok(user && user !== 'root' && user !== '0', `USER ${user}`);
    });

    it('declares a health check', () => {
      assert.match(last(instructions, 'HEALTHCHECK')?.args ?? '', /\bCMD\b/);
    });

    it('exposes the port the compose file gives it', () => {
      const port = service === 'api' ? env('api').PORT : env('chain-worker').GRPC_PORT;
      assert.deepEqual(all(instructions, 'EXPOSE').map((i) => i.args), [port]);
    });

    it('installs the production dependencies of this workspace alone', () => {
      const install = all(instructions, 'RUN').find((i) => i.args.includes('npm ci'))!;
      assert.match(install.args, /--omit=dev/);
      assert.match(install.args, new RegExp(`--workspace ${dir}\\b`));
    });

    it('copies the manifest and the sources of every workspace the service needs', async () => {
      const copies = all(instructions, 'COPY').filter((i) => !i.args.startsWith('--from')).map((i) => i.args.split(/\s+/)[0]);
      for (const workspace of await runtimeWorkspaces(dir)) {
        assert.ok(copies.includes(`${workspace}/package.json`), `COPY ${workspace}/package.json`);
        assert.ok(copies.includes(workspace), `COPY ${workspace}`);
      }
    });
  });
}

describe('the split launcher', () => {
  it('still passes each part the variables listed in this test', async () => {
    const source = await read('services/stack/src/startSplit.ts');
    const passed = (part: string) => {
      const env = new RegExp(`const ${part}: Part = \\{[\\s\\S]*?^\\s*env: \\{(.*)\\},\\s*$`, 'm').exec(source)?.[1];
      assert.ok(env, `${part}.env in startSplit.ts`);
      return [...env.matchAll(/(?:^|,)\s*([A-Z][A-Z0-9_]*)\s*:/g)].map((m) => m[1]);
    };
    assert.deepEqual(passed('worker'), SPLIT_LAUNCHER_ENVIRONMENT['chain-worker']);
    assert.deepEqual(passed('api'), SPLIT_LAUNCHER_ENVIRONMENT.api);
  });
});
