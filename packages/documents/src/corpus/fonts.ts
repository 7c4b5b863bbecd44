import { GlobalFonts } from '@napi-rs/canvas';
import { createRequire } from 'node:module';
import path from 'node:path';

// DejaVu ships as TrueType files inside the `dejavu-fonts-ttf` npm package: nothing is fetched at run time.
const fontDir = path.join(path.dirname(createRequire(import.meta.url).resolve('dejavu-fonts-ttf/package.json')), 'ttf');
let registered = false;

// Each face under its own family name, so a drawing never depends on how the canvas picks a weight.
export const fonts = { text: 'DejaVu Sans', bold: 'DejaVu Sans Bold', mono: 'DejaVu Sans Mono' } as const;

/** Registers the document fonts with the canvas once per process. */
export function registerDocumentFonts(): void {
  if (registered) return;
  const files: [string, string][] = [
    ['DejaVuSans.ttf', fonts.text], ['DejaVuSans-Bold.ttf', fonts.bold], ['DejaVuSansMono.ttf', fonts.mono],
  ];
  for (const [file, family] of files) {
    if (!GlobalFonts.registerFromPath(path.join(fontDir, file), family)) throw new Error(`cannot register font ${file}`);
  }
  registered = true;
}
