import { escapeXml as e } from './escape.ts';
import { autoScale, colourMap, linearScale, logScale } from './scales.ts';

export interface Series {
  label: string;
  points: [number, number][];
}

// Plot box: tick labels sit outside it (left and below), axis titles further out, the legend
// below the x-axis title, one full line per series, so no label covers a tick or a curve.
const W = 520,
  L = 64,
  R = 16,
  T = 30,
  PLOT_H = 190,
  CHAR = 6,
  LEGEND_LINE = 14;

const legendWidth = (labels: readonly string[]) =>
  Math.max(W, L + 24 + CHAR * Math.max(0, ...labels.map((l) => l.length)) + R);

/**
 * An inline SVG line chart (no scripts, no external resources). Nice rounded ticks; a log y
 * axis when the values span more than three decades; non-finite points (and non-positive ones
 * on a log axis) are dropped. `colour` keeps one colour per series name across charts.
 */
export function lineChart(o: {
  title: string;
  series: Series[];
  xLabel: string;
  yLabel: string;
  yMin?: number;
  yMax?: number;
  colour?: (label: string) => string;
}): string {
  const colour = o.colour ?? colourMap(o.series.map((s) => s.label));
  const all = o.series.flatMap((s) => s.points).filter(([x, y]) => Number.isFinite(x) && Number.isFinite(y));
  if (all.length === 0)
    return `<figure class="chart"><figcaption>${e(o.title)}</figcaption><p class="empty">no finite data</p></figure>`;
  const sy = autoScale(
    all.map((p) => p[1]),
    { lo: o.yMin, hi: o.yMax },
  );
  const keep = ([x, y]: [number, number]) => Number.isFinite(x) && Number.isFinite(y) && (!sy.log || y > 0);
  const sx = linearScale(Math.min(...all.map((p) => p[0])), Math.max(...all.map((p) => p[0])));
  const width = legendWidth(o.series.map((s) => s.label));
  const plotW = W - L - R,
    bottom = T + PLOT_H;
  const X = (x: number) => L + sx.fraction(x) * plotW;
  const Y = (y: number) => bottom - Math.min(1, Math.max(0, sy.fraction(y))) * PLOT_H;
  const height = bottom + 44 + o.series.length * LEGEND_LINE;
  const parts = [
    `<svg viewBox="0 0 ${width} ${height}" width="${width}" height="${height}" role="img" aria-label="${e(o.title)}" xmlns="http://www.w3.org/2000/svg">`,
    `<text x="${W / 2}" y="18" text-anchor="middle" class="title">${e(o.title)}${sy.log ? ' (log scale)' : ''}</text>`,
  ];
  for (const t of sy.ticks)
    parts.push(
      `<line x1="${L}" y1="${Y(t)}" x2="${L + plotW}" y2="${Y(t)}" class="grid"/><text x="${L - 6}" y="${Y(t) + 3.5}" text-anchor="end" class="tick">${e(sy.format(t))}</text>`,
    );
  for (const t of sx.ticks)
    parts.push(
      `<line x1="${X(t)}" y1="${bottom}" x2="${X(t)}" y2="${bottom + 4}" class="axis"/><text x="${X(t)}" y="${bottom + 15}" text-anchor="middle" class="tick">${e(sx.format(t))}</text>`,
    );
  parts.push(
    `<line x1="${L}" y1="${bottom}" x2="${L + plotW}" y2="${bottom}" class="axis"/><line x1="${L}" y1="${T}" x2="${L}" y2="${bottom}" class="axis"/>`,
    `<text x="${L + plotW / 2}" y="${bottom + 30}" text-anchor="middle" class="label">${e(o.xLabel)}</text>`,
    `<text x="12" y="${T + PLOT_H / 2}" transform="rotate(-90 12 ${T + PLOT_H / 2})" text-anchor="middle" class="label">${e(o.yLabel)}</text>`,
  );
  o.series.forEach((s, i) => {
    const c = colour(s.label);
    const d = s.points
      .filter(keep)
      .map(([x, y], k) => `${k ? 'L' : 'M'}${X(x).toFixed(1)},${Y(y).toFixed(1)}`)
      .join(' ');
    parts.push(`<path d="${d}" fill="none" stroke="${c}" stroke-width="2" class="series" data-label="${e(s.label)}"/>`);
    const ly = bottom + 44 + i * LEGEND_LINE;
    parts.push(
      `<rect x="${L}" y="${ly - 6}" width="14" height="3" fill="${c}"/><text x="${L + 20}" y="${ly - 2}" class="legend">${e(s.label)}</text>`,
    );
  });
  parts.push('</svg>');
  return `<figure class="chart">${parts.join('')}</figure>`;
}

export interface Bar {
  label: string;
  value: number;
  bad?: boolean;
  tolerance?: number;
}

/**
 * Horizontal bars on a log axis with decade ticks (e.g. gradient relative error per tensor), each
 * with its tolerance marked; the values stand in their own column right of the plot, clear of bars and marks.
 */
export function barChart(o: { title: string; bars: Bar[]; unit: string }): string {
  const bars = o.bars.filter((b) => Number.isFinite(b.value));
  const positives = bars.flatMap((b) => [b.value, b.tolerance ?? NaN]).filter((v) => Number.isFinite(v) && v > 0);
  const s = logScale(Math.max(1e-18, Math.min(1e-16, ...positives)), Math.max(1, ...positives));
  const labelW = 12 + CHAR * Math.max(4, ...bars.map((b) => b.label.length));
  const width = Math.max(W, labelW + 360),
    plotW = width - labelW - 70;
  const X = (v: number) => labelW + Math.min(1, Math.max(0, s.fraction(Math.max(v, s.lo)))) * plotW;
  const bottom = T + bars.length * 20 + 4;
  const hasTol = bars.some((b) => b.tolerance !== undefined);
  const h = bottom + 36 + (hasTol ? LEGEND_LINE : 0);
  const parts = [
    `<svg viewBox="0 0 ${width} ${h}" width="${width}" height="${h}" role="img" aria-label="${e(o.title)}" xmlns="http://www.w3.org/2000/svg">`,
    `<text x="${width / 2}" y="18" text-anchor="middle" class="title">${e(o.title)}</text>`,
  ];
  for (const t of s.ticks)
    parts.push(
      `<line x1="${X(t)}" y1="${T - 4}" x2="${X(t)}" y2="${bottom}" class="grid"/><text x="${X(t)}" y="${bottom + 13}" text-anchor="middle" class="tick">${e(s.format(t))}</text>`,
    );
  bars.forEach((b, i) => {
    const y = T + i * 20;
    parts.push(
      `<text x="${labelW - 6}" y="${y + 11}" text-anchor="end" class="tick">${e(b.label)}</text><rect class="bar${b.bad ? ' bad' : ''}" x="${labelW}" y="${y}" width="${Math.max(1, X(b.value) - labelW).toFixed(1)}" height="14"/>`,
      `<text x="${labelW + plotW + 8}" y="${y + 11}" class="value">${e(b.value.toExponential(1))}</text>`,
    );
    if (b.tolerance !== undefined && Number.isFinite(b.tolerance))
      parts.push(
        `<line x1="${X(b.tolerance).toFixed(1)}" y1="${y - 2}" x2="${X(b.tolerance).toFixed(1)}" y2="${y + 16}" class="tolerance"/>`,
      );
  });
  parts.push(
    `<line x1="${labelW}" y1="${bottom}" x2="${labelW + plotW}" y2="${bottom}" class="axis"/><text x="${labelW + plotW / 2}" y="${bottom + 28}" text-anchor="middle" class="label">${e(o.unit)} (log scale)</text>`,
  );
  if (hasTol)
    parts.push(
      `<line x1="${labelW}" y1="${h - 10}" x2="${labelW}" y2="${h - 2}" class="tolerance"/><text x="${labelW + 6}" y="${h - 3}" class="legend">the checker's tolerance at that entry</text>`,
    );
  parts.push('</svg>');
  return `<figure class="chart">${parts.join('')}</figure>`;
}
