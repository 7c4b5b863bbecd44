import { createCanvas, type Canvas, type SKRSContext2D } from '@napi-rs/canvas';
import { formatDate } from '../fields/dates.js';
import { normaliseField } from '../fields/normaliseField.js';
import type { DocumentTemplate, TemplateField } from '../templates/documentTemplate.js';
import type { SyntheticIdentity } from './drawIdentity.js';
import { fonts, registerDocumentFonts } from './fonts.js';
import type { SeededRandom } from './seededRandom.js';

export type RenderDocumentParameters = {
  template: DocumentTemplate;
  identity: SyntheticIdentity;
  random: SeededRandom;
  /** Pixels per canonical unit (10 units per mm); 1.5 prints values about 33 px high. */
  scale?: number;
};

export type RenderDocumentReturnType = {
  canvas: Canvas;
  /** What each field shows, as printed. */
  printed: Record<string, string>;
  /** The ground truth: each printed value normalised as the template says. */
  truth: Record<string, string>;
};

/** The text a field prints for an identity: dates in the template's format, everything else as drawn. */
export function printedValue(field: TemplateField, identity: SyntheticIdentity): string {
  const value = identity[field.source];
  if (value === undefined) throw new RangeError(`the identity has no "${field.source}" for field ${field.name}`);
  return field.normaliser.kind === 'date' ? formatDate(value, field.normaliser.format) : value;
}

/**
 * Draws a clean document: paper, a faint guilloche, the title, a photo placeholder, each field's label
 * above its region and its value inside it.
 *
 * @example
 * const { canvas, truth } = renderDocument({ template, identity, random });
 */
export function renderDocument({ template, identity, random, scale = 1.5 }: RenderDocumentParameters): RenderDocumentReturnType {
  registerDocumentFonts();
  const { width, height } = template.size;
  const canvas = createCanvas(Math.round(width * scale), Math.round(height * scale));
  const g = canvas.getContext('2d');
  g.scale(scale, scale);
  g.fillStyle = template.style.paper;
  g.fillRect(0, 0, width, height);
  drawGuilloche(g, template, random);
  g.fillStyle = template.style.ink;
  g.font = `30px "${fonts.bold}"`;
  g.fillText(template.title, 30, 52);
  drawPhoto(g, template, random);
  const printed: Record<string, string> = {};
  const truth: Record<string, string> = {};
  for (const field of template.fields) {
    const text = printedValue(field, identity);
    printed[field.name] = text;
    truth[field.name] = normaliseField(field, text);
    drawField(g, template, field, text);
  }
  return { canvas, printed, truth };
}

function drawField(g: SKRSContext2D, template: DocumentTemplate, field: TemplateField, text: string) {
  const { x, y, width, height } = field.region;
  if (field.label) {
    g.fillStyle = '#4a4a4a';
    g.font = `14px "${fonts.text}"`;
    g.fillText(field.label, x + 2, y - 8);
  }
  g.fillStyle = template.style.ink;
  const family = field.type === 'mrz' ? fonts.mono : fonts.text;
  // DejaVu Sans Mono advances 0.602 em per character: the MRZ's 44 characters fill the region's width.
  let size = field.type === 'mrz' ? Math.min(height * 0.8, (width - 8) / (text.length * 0.602)) : height * 0.72;
  g.font = `${size}px "${family}"`;
  // Long values shrink to fit their region, as a card printer does, rather than run past it.
  while (g.measureText(text).width > width - 8 && size > 10) {
    size -= 1;
    g.font = `${size}px "${family}"`;
  }
  g.fillText(text, x + 4, y + height * 0.5 + size * 0.36);
}

function drawGuilloche(g: SKRSContext2D, template: DocumentTemplate, random: SeededRandom) {
  const { width, height } = template.size;
  g.save();
  g.strokeStyle = template.style.accent;
  g.globalAlpha = 0.22;
  g.lineWidth = 1.2;
  const phase = random.uniform(0, Math.PI * 2);
  for (let k = 0; k < 9; k++) {
    g.beginPath();
    for (let x = 0; x <= width; x += 6) {
      const y = height * (0.1 + k * 0.1) + 14 * Math.sin(x / 37 + phase + k) + 8 * Math.sin(x / 11 + k * 2);
      if (x === 0) g.moveTo(x, y); else g.lineTo(x, y);
    }
    g.stroke();
  }
  g.restore();
}

function drawPhoto(g: SKRSContext2D, template: DocumentTemplate, random: SeededRandom) {
  const { x, y, width, height } = template.style.photo;
  const shade = random.int(150, 200);
  g.fillStyle = `rgb(${shade},${shade + 10},${shade + 20})`;
  g.fillRect(x, y, width, height);
  g.fillStyle = `rgb(${shade - 60},${shade - 50},${shade - 45})`;
  g.beginPath();
  g.arc(x + width / 2, y + height * 0.38, width * 0.22, 0, Math.PI * 2);
  g.fill();
  g.beginPath();
  g.ellipse(x + width / 2, y + height * 0.95, width * 0.42, height * 0.3, 0, Math.PI, 0);
  g.fill();
}
