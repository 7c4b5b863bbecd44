import { readFileSync, writeFileSync } from 'node:fs';
import { cosineSimilarity, decodeImage } from '../src/exports/index.js';
import { createHumanEngine } from '../src/exports/human.js';
import { closeEyes, printAndRecapture, rng, toJpeg, turnHead, type Box } from './syntheticFrames.js';
const engine = await createHumanEngine();
const r = rng(1);
for (const file of process.argv.slice(2)) {
  const img = await decodeImage(readFileSync(file));
  const [f] = await engine.observe(img);
  console.log(file.split('/').pop(), img.width, img.height, 'yaw', f.yaw.toFixed(3), 'eyes', f.eyeOpenness.left.toFixed(3), f.eyeOpenness.right.toFixed(3), f.box.map(Math.round));
  const box = f.box as Box;
  for (const a of [-1.0, 1.0]) {
    const t = turnHead(img, box, a);
    const g = await engine.observe(await decodeImage(await toJpeg(t)));
    console.log(' turn', a, g.length, g[0] && g[0].yaw.toFixed(3), g[0] && cosineSimilarity(f.embedding, g[0].embedding).toFixed(3));
    if (a === 0.6) writeFileSync('/tmp/s31/turn.jpg', await toJpeg(t));
  }
  const c = closeEyes(img, f.eyes!);
  writeFileSync('/tmp/s31/closed.jpg', await toJpeg(c));
  const g = await engine.observe(await decodeImage(await toJpeg(c)));
  console.log(' closed', g.length, g[0] && g[0].eyeOpenness.left.toFixed(3), g[0] && g[0].eyeOpenness.right.toFixed(3), g[0] && g[0].yaw.toFixed(3));
  const p = await printAndRecapture(img, r);
  writeFileSync('/tmp/s31/print.jpg', await toJpeg(p));
  const h = await engine.observe(await decodeImage(await toJpeg(p)));
  console.log(' print', h.length, h[0] && h[0].yaw.toFixed(3), h[0] && cosineSimilarity(f.embedding, h[0].embedding).toFixed(3), h[0]?.eyeOpenness);
}
