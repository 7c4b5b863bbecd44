type Rate = { far: number; frr: number };
export type RocCurve = { name: string; points: Rate[]; eer: Rate };
const COLOURS = ['#1f6feb', '#d1242f', '#1a7f37', '#8250df', '#bf8700'];

/** An ROC plot (FAR against 1 - FRR, log-free, linear axes), one curve per engine, as a small self-contained SVG. */
export function rocSvg(curves: RocCurve[], title: string): string {
  const H = 420;
  const m = 50;
  const W = H + 230; // the square plot, then the legend on its right
  const x = (far: number) => m + far * (H - 2 * m);
  const y = (tar: number) => H - m - tar * (H - 2 * m);
  const line = (points: Rate[]) => points.map((p, i) => `${i ? 'L' : 'M'}${x(p.far).toFixed(1)},${y(1 - p.frr).toFixed(1)}`).join(' ');
  const ticks = [0, 0.25, 0.5, 0.75, 1];
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" font-family="sans-serif" font-size="11">
<rect width="${W}" height="${H}" fill="white"/>
<text x="${H / 2}" y="20" text-anchor="middle" font-size="12">${title}</text>
${ticks.map((t) => `<line x1="${x(t)}" y1="${y(0)}" x2="${x(t)}" y2="${y(1)}" stroke="#eee"/><line x1="${x(0)}" y1="${y(t)}" x2="${x(1)}" y2="${y(t)}" stroke="#eee"/>
<text x="${x(t)}" y="${y(0) + 15}" text-anchor="middle">${t}</text><text x="${x(0) - 6}" y="${y(t) + 4}" text-anchor="end">${t}</text>`).join('\n')}
<rect x="${x(0)}" y="${y(1)}" width="${H - 2 * m}" height="${H - 2 * m}" fill="none" stroke="#333"/>
<line x1="${x(0)}" y1="${y(0)}" x2="${x(1)}" y2="${y(1)}" stroke="#bbb" stroke-dasharray="4 4"/>
${curves.map(({ name, points, eer }, i) => {
    const c = COLOURS[i % COLOURS.length];
    return `<path d="${line(points)}" fill="none" stroke="${c}" stroke-width="2"/>
<circle cx="${x(eer.far)}" cy="${y(1 - eer.frr)}" r="4" fill="${c}"/>
<line x1="${H - 30}" y1="${y(1) + 10 + i * 22}" x2="${H - 10}" y2="${y(1) + 10 + i * 22}" stroke="${c}" stroke-width="2"/>
<text x="${H - 4}" y="${y(1) + 14 + i * 22}">${name} (EER ${(((eer.far + eer.frr) / 2) * 100).toFixed(1)} %)</text>`;
  }).join('\n')}
<text x="${H / 2}" y="${H - 12}" text-anchor="middle">false accept rate</text>
<text x="14" y="${H / 2}" text-anchor="middle" transform="rotate(-90 14 ${H / 2})">true accept rate (1 - FRR)</text>
</svg>
`;
}
