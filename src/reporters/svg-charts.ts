import { escapeXml as e } from './escape.ts';
import { openTag, tag, type Attrs } from './html-tag.ts';
import { autoScale, colourMap, linearScale, logScale, type Scale } from './scales.ts';

const SVG_NS = 'http://www.w3.org/2000/svg';

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

/** The opening tag of a chart's SVG, `title` as its accessible name. */
const svgOpen = (width: number, height: number, title: string): string =>
  openTag('svg', { viewBox: `0 0 ${width} ${height}`, width, height, role: 'img', 'aria-label': title, xmlns: SVG_NS });

const line = (x1: number | string, y1: number, x2: number | string, y2: number, cls: string): string =>
  tag('line', { x1, y1, x2, y2, class: cls });

/** A text label: `attrs` place it, `text` is escaped. */
const label = (attrs: Attrs, text: string): string => tag('text', attrs, e(text));

interface Axes {
  sx: Scale;
  sy: Scale;
  X: (x: number) => number;
  Y: (y: number) => number;
  plotW: number;
  bottom: number;
}

/** Grid lines with the y ticks left of the plot, x ticks below it, both axes and their titles. */
function lineChartAxes({ sx, sy, X, Y, plotW, bottom }: Axes, xLabel: string, yLabel: string): string[] {
  const parts: string[] = [];
  for (const t of sy.ticks)
    parts.push(
      line(L, Y(t), L + plotW, Y(t), 'grid') +
        label({ x: L - 6, y: Y(t) + 3.5, 'text-anchor': 'end', class: 'tick' }, sy.format(t)),
    );
  for (const t of sx.ticks)
    parts.push(
      line(X(t), bottom, X(t), bottom + 4, 'axis') +
        label({ x: X(t), y: bottom + 15, 'text-anchor': 'middle', class: 'tick' }, sx.format(t)),
    );
  const middle = T + PLOT_H / 2;
  parts.push(
    line(L, bottom, L + plotW, bottom, 'axis') + line(L, T, L, bottom, 'axis'),
    label({ x: L + plotW / 2, y: bottom + 30, 'text-anchor': 'middle', class: 'label' }, xLabel),
    label({ x: 12, y: middle, transform: `rotate(-90 12 ${middle})`, 'text-anchor': 'middle', class: 'label' }, yLabel),
  );
  return parts;
}

/** One series: its curve, and its line in the legend below the x-axis title. */
function seriesPath(s: Series, i: number, colour: string, axes: Axes, keep: (p: [number, number]) => boolean): string {
  const { X, Y, bottom } = axes;
  const d = s.points
    .filter(keep)
    .map(([x, y], k) => `${k ? 'L' : 'M'}${X(x).toFixed(1)},${Y(y).toFixed(1)}`)
    .join(' ');
  const ly = bottom + 44 + i * LEGEND_LINE;
  return (
    tag('path', { d, fill: 'none', stroke: colour, 'stroke-width': 2, class: 'series', 'data-label': s.label }) +
    tag('rect', { x: L, y: ly - 6, width: 14, height: 3, fill: colour }) +
    label({ x: L + 20, y: ly - 2, class: 'legend' }, s.label)
  );
}

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
  const axes: Axes = { sx, sy, X, Y, plotW, bottom };
  const height = bottom + 44 + o.series.length * LEGEND_LINE;
  const parts = [
    svgOpen(width, height, o.title),
    label({ x: W / 2, y: 18, 'text-anchor': 'middle', class: 'title' }, `${o.title}${sy.log ? ' (log scale)' : ''}`),
    ...lineChartAxes(axes, o.xLabel, o.yLabel),
    ...o.series.map((s, i) => seriesPath(s, i, colour(s.label), axes, keep)),
    '</svg>',
  ];
  return `<figure class="chart">${parts.join('')}</figure>`;
}

export interface Bar {
  label: string;
  value: number;
  bad?: boolean;
  tolerance?: number;
}

/** One bar at height `y`: its label left of the axis, the bar, its value right of the plot, its tolerance mark. */
function barRow(b: Bar, y: number, left: number, right: number, X: (v: number) => number): string {
  const width = Math.max(1, X(b.value) - left).toFixed(1);
  const row =
    label({ x: left - 6, y: y + 11, 'text-anchor': 'end', class: 'tick' }, b.label) +
    tag('rect', { class: `bar${b.bad ? ' bad' : ''}`, x: left, y, width, height: 14 }) +
    label({ x: right + 8, y: y + 11, class: 'value' }, b.value.toExponential(1));
  if (b.tolerance === undefined || !Number.isFinite(b.tolerance)) return row;
  const at = X(b.tolerance).toFixed(1);
  return row + line(at, y - 2, at, y + 16, 'tolerance');
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
    svgOpen(width, h, o.title),
    label({ x: width / 2, y: 18, 'text-anchor': 'middle', class: 'title' }, o.title),
  ];
  for (const t of s.ticks)
    parts.push(
      line(X(t), T - 4, X(t), bottom, 'grid') +
        label({ x: X(t), y: bottom + 13, 'text-anchor': 'middle', class: 'tick' }, s.format(t)),
    );
  bars.forEach((b, i) => parts.push(barRow(b, T + i * 20, labelW, labelW + plotW, X)));
  parts.push(
    line(labelW, bottom, labelW + plotW, bottom, 'axis') +
      label(
        { x: labelW + plotW / 2, y: bottom + 28, 'text-anchor': 'middle', class: 'label' },
        `${o.unit} (log scale)`,
      ),
  );
  if (hasTol)
    parts.push(
      line(labelW, h - 10, labelW, h - 2, 'tolerance') +
        tag('text', { x: labelW + 6, y: h - 3, class: 'legend' }, "the checker's tolerance at that entry"),
    );
  parts.push('</svg>');
  return `<figure class="chart">${parts.join('')}</figure>`;
}
