/** Draws chart data with Observable Plot; returns the SVG (or figure) element. */
import * as Plot from '@observablehq/plot';
import type { ChartSettings } from '../../notebook/view-settings';
import type { ChartRow } from '../../session/result-chart';

const ACCENT = '#2f6fde';

function marks(s: ChartSettings, rows: readonly ChartRow[]): Plot.Markish[] {
  const colored = rows.some((r) => r.color !== undefined && r.color !== null);
  const paint = colored ? 'color' : ACCENT;
  const data = rows as ChartRow[];
  switch (s.type) {
    case 'bar':
      return [Plot.barY(data, { x: 'x', y: 'y', fill: paint, tip: true }), Plot.ruleY([0])];
    case 'line':
      return [Plot.lineY(data, { x: 'x', y: 'y', stroke: paint, tip: true })];
    case 'area':
      return [Plot.areaY(data, { x: 'x', y: 'y', fill: paint, fillOpacity: 0.7, tip: true }), Plot.ruleY([0])];
    case 'scatter':
      return [Plot.dot(data, { x: 'x', y: 'y', stroke: paint, r: 2.5, tip: true })];
    case 'histogram':
      return [Plot.rectY(data, { x1: 'x', x2: 'x2', y: 'y', fill: ACCENT, inset: 0.5, tip: true }), Plot.ruleY([0])];
    case 'heatmap':
      return [Plot.cell(data, { x: 'x', y: 'y', fill: 'value', tip: true })];
  }
}

export function drawPlot(s: ChartSettings, rows: readonly ChartRow[], width: number): SVGSVGElement | HTMLElement {
  const ordinalX = s.type === 'bar' || s.type === 'heatmap';
  const yLabel =
    s.type === 'histogram'
      ? 'count'
      : s.type === 'heatmap'
        ? (s.y ?? '')
        : s.y
          ? `${s.aggregate && s.aggregate !== 'none' ? `${s.aggregate}(${s.y})` : s.y}`
          : 'count';
  return Plot.plot({
    width: Math.max(320, width),
    height: 320,
    marginLeft: 64,
    marginBottom: ordinalX ? 60 : 36,
    style: { fontSize: '11px', background: 'white' },
    x: { label: s.x ?? null, ...(ordinalX ? { type: 'band' as const, tickRotate: rows.length > 12 ? -40 : 0 } : {}) },
    y: { label: yLabel, grid: true, ...(s.type === 'heatmap' ? { type: 'band' as const } : {}) },
    color:
      s.type === 'heatmap'
        ? { scheme: 'blues', legend: true, label: s.color ? `${s.aggregate ?? 'avg'}(${s.color})` : 'count' }
        : { legend: rows.some((r) => r.color !== undefined) },
    marks: marks(s, rows),
  });
}

/** The chart's SVG as a standalone file. */
export function svgText(el: Element): string {
  const svg = el instanceof SVGSVGElement ? el : el.querySelector('svg');
  if (!svg) return '';
  const copy = svg.cloneNode(true) as SVGSVGElement;
  copy.setAttribute('xmlns', 'http://www.w3.org/2000/svg');
  return new XMLSerializer().serializeToString(copy);
}

/** The chart as PNG at twice its size, drawn from the SVG through a canvas. */
export async function pngBlob(el: Element): Promise<Blob> {
  const svg = el instanceof SVGSVGElement ? el : el.querySelector('svg');
  const w = Number(svg?.getAttribute('width') ?? 640);
  const h = Number(svg?.getAttribute('height') ?? 320);
  const img = new Image();
  img.src = `data:image/svg+xml;charset=utf-8,${encodeURIComponent(svgText(el))}`;
  await img.decode();
  const canvas = document.createElement('canvas');
  canvas.width = w * 2;
  canvas.height = h * 2;
  const ctx = canvas.getContext('2d');
  if (!ctx) throw new Error('no canvas');
  ctx.fillStyle = 'white';
  ctx.fillRect(0, 0, canvas.width, canvas.height);
  ctx.drawImage(img, 0, 0, canvas.width, canvas.height);
  return new Promise((resolve, reject) =>
    canvas.toBlob((b) => (b ? resolve(b) : reject(new Error('PNG encoding failed'))), 'image/png'),
  );
}
