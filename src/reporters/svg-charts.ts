import { escapeXml as e } from './escape.ts';

export interface Series { label: string; points: [number, number][] }

const COLORS = ['#1f77b4', '#d62728', '#2ca02c', '#ff7f0e', '#9467bd', '#8c564b', '#e377c2', '#17becf'];
// The legend sits in a column right of the plot, so it never covers a curve.
const W = 520, H = 260, L = 56, R = 170, T = 30, B = 40;

function ticks(lo: number, hi: number, n = 5): number[] {
  if (!(hi > lo)) return [lo];
  const step = (hi - lo) / (n - 1);
  return Array.from({ length: n }, (_, i) => lo + i * step);
}
const fmt = (v: number) => (Math.abs(v) >= 1000 || (Math.abs(v) < 0.01 && v !== 0) ? v.toExponential(0) : Number(v.toPrecision(3)).toString());

/** An inline SVG line chart (no scripts, no external resources). Non-finite points are dropped. */
export function lineChart(o: { title: string; series: Series[]; xLabel: string; yLabel: string; yMin?: number; yMax?: number; logY?: boolean }): string {
  const tf = (y: number) => (o.logY ? Math.log10(y) : y);
  const pts = o.series.flatMap((s) => s.points).filter(([x, y]) => Number.isFinite(x) && Number.isFinite(tf(y)));
  if (pts.length === 0) return `<figure class="chart"><figcaption>${e(o.title)}</figcaption><p class="empty">no finite data</p></figure>`;
  const xs = pts.map((p) => p[0]), ys = pts.map((p) => tf(p[1]));
  const x0 = Math.min(...xs), x1 = Math.max(...xs) === x0 ? x0 + 1 : Math.max(...xs);
  let y0 = o.yMin ?? Math.min(...ys), y1 = o.yMax ?? Math.max(...ys);
  if (y1 === y0) { y0 -= 1; y1 += 1; }
  const sx = (x: number) => L + ((x - x0) / (x1 - x0)) * (W - L - R);
  const sy = (y: number) => T + (1 - (y - y0) / (y1 - y0)) * (H - T - B);
  const parts = [`<svg viewBox="0 0 ${W} ${H}" width="${W}" height="${H}" role="img" aria-label="${e(o.title)}" xmlns="http://www.w3.org/2000/svg">`,
    `<text x="${W / 2}" y="18" text-anchor="middle" class="title">${e(o.title)}</text>`,
    `<line x1="${L}" y1="${H - B}" x2="${W - R}" y2="${H - B}" class="axis"/><line x1="${L}" y1="${T}" x2="${L}" y2="${H - B}" class="axis"/>`];
  for (const t of ticks(y0, y1)) parts.push(`<text x="${L - 4}" y="${sy(t) + 4}" text-anchor="end" class="tick">${e(o.logY ? `1e${t.toFixed(1)}` : fmt(t))}</text><line x1="${L}" y1="${sy(t)}" x2="${W - R}" y2="${sy(t)}" class="grid"/>`);
  for (const t of ticks(x0, x1)) parts.push(`<text x="${sx(t)}" y="${H - B + 14}" text-anchor="middle" class="tick">${e(fmt(Math.round(t)))}</text>`);
  parts.push(`<text x="${(L + W - R) / 2}" y="${H - 6}" text-anchor="middle" class="label">${e(o.xLabel)}</text>`, `<text x="12" y="${(T + H - B) / 2}" transform="rotate(-90 12 ${(T + H - B) / 2})" text-anchor="middle" class="label">${e(o.yLabel)}</text>`);
  o.series.forEach((s, i) => {
    const c = COLORS[i % COLORS.length];
    const d = s.points.filter(([x, y]) => Number.isFinite(x) && Number.isFinite(tf(y))).map(([x, y], k) => `${k ? 'L' : 'M'}${sx(x).toFixed(1)},${sy(Math.min(y1, Math.max(y0, tf(y)))).toFixed(1)}`).join(' ');
    parts.push(`<path d="${d}" fill="none" stroke="${c}" stroke-width="2" class="series" data-label="${e(s.label)}"/>`);
    parts.push(`<rect x="${W - R + 8}" y="${T + 4 + i * 14}" width="10" height="3" fill="${c}"/><text x="${W - R + 22}" y="${T + 9 + i * 14}" class="legend">${e(s.label)}</text>`);
  });
  parts.push('</svg>');
  return `<figure class="chart">${parts.join('')}</figure>`;
}

/** Horizontal bars on a log scale (e.g. gradient relative error per tensor). */
export function barChart(o: { title: string; bars: { label: string; value: number; bad?: boolean }[]; unit: string }): string {
  const bars = o.bars.filter((b) => Number.isFinite(b.value));
  const h = T + bars.length * 20 + 20;
  const logs = bars.map((b) => Math.log10(Math.max(b.value, 1e-20)));
  const lo = Math.min(-17, ...logs), hi = Math.max(0, ...logs);
  const sx = (v: number) => 150 + ((v - lo) / (hi - lo)) * (W - 210);
  const parts = [`<svg viewBox="0 0 ${W} ${h}" width="${W}" height="${h}" role="img" aria-label="${e(o.title)}" xmlns="http://www.w3.org/2000/svg">`, `<text x="${W / 2}" y="18" text-anchor="middle" class="title">${e(o.title)}</text>`];
  bars.forEach((b, i) => {
    const y = T + i * 20, v = logs[i];
    const bad = !!b.bad;
    parts.push(`<text x="146" y="${y + 12}" text-anchor="end" class="tick">${e(b.label)}</text><rect class="bar${bad ? ' bad' : ''}" x="150" y="${y}" width="${Math.max(1, sx(v) - 150).toFixed(1)}" height="14"/><text x="${sx(v) + 4}" y="${y + 12}" class="tick">${e(b.value.toExponential(1))}</text>`);
  });
  parts.push(`<text x="${W / 2}" y="${h - 4}" text-anchor="middle" class="label">${e(o.unit)} (log scale)</text></svg>`);
  return `<figure class="chart">${parts.join('')}</figure>`;
}
