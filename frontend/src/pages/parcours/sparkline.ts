// The taux de pression of an offer over the years, as a small inline SVG line with a French
// text alternative (screen readers read the figures, not the drawing).

import { fmtNum } from '../../lib/dom';
import type { PathwayOffer } from '../../lib/types';

const SVG = 'http://www.w3.org/2000/svg';
const W = 64;
const H = 18;

type Point = { year: number; pressure: number };

/** The years whose taux de pression is known, oldest first: only those whose wishes are of
 * the offer's kind and whose figures are of the same course year (never a 1re pro entry
 * beside a 2nde one, nor Parcoursup confirmed wishes beside Affelnet first wishes). */
export function pressurePoints(o: PathwayOffer): Point[] {
  return (o.history ?? [])
    .filter((y) => y.pressure != null && (y.demand_kind ?? null) === (o.demand_kind ?? null) && (y.entry_year ?? null) === (o.entry_year ?? null))
    .map((y) => ({ year: y.year, pressure: y.pressure as number }))
    .sort((a, b) => a.year - b.year);
}

/** « en hausse », « en baisse » or « stable » from the first to the last known year (±5 %). */
export function trendFr(points: Point[]): string {
  const first = points[0].pressure;
  const last = points[points.length - 1].pressure;
  if (last > first * 1.05) return 'en hausse';
  if (last < first * 0.95) return 'en baisse';
  return 'stable';
}

/** What the sparkline says in words. */
export function sparklineText(points: Point[], kind?: string | null): string {
  const years = points.map((p) => `${p.year} : ${fmtNum(p.pressure, 2)}`).join(' ; ');
  const what = kind === 'first_wishes' ? 'premiers vœux Affelnet' : kind === 'confirmed_wishes' ? 'vœux confirmés sur Parcoursup' : 'vœux';
  return `Taux de pression par année (${what} par place), ${trendFr(points)} : ${years}`;
}

/** The sparkline, or null when fewer than two years are known. */
export function pressureSparkline(o: PathwayOffer): SVGSVGElement | null {
  const pts = pressurePoints(o);
  if (pts.length < 2) return null;
  const max = Math.max(...pts.map((p) => p.pressure), 1);
  const y0 = pts[0].year;
  const span = Math.max(pts[pts.length - 1].year - y0, 1);
  const xy = pts.map((p) => [2 + ((p.year - y0) / span) * (W - 4), H - 2 - (p.pressure / max) * (H - 4)]);
  const svg = document.createElementNS(SVG, 'svg');
  svg.setAttribute('class', 'sparkline');
  svg.setAttribute('width', String(W));
  svg.setAttribute('height', String(H));
  svg.setAttribute('viewBox', `0 0 ${W} ${H}`);
  svg.setAttribute('role', 'img');
  const text = sparklineText(pts, o.demand_kind);
  svg.setAttribute('aria-label', text);
  const title = document.createElementNS(SVG, 'title');
  title.textContent = text;
  const line = document.createElementNS(SVG, 'polyline');
  line.setAttribute('points', xy.map(([x, y]) => `${x.toFixed(1)},${y.toFixed(1)}`).join(' '));
  line.setAttribute('fill', 'none');
  line.setAttribute('stroke', 'currentColor');
  line.setAttribute('stroke-width', '1.5');
  const [lx, ly] = xy[xy.length - 1];
  const dot = document.createElementNS(SVG, 'circle');
  dot.setAttribute('cx', lx.toFixed(1));
  dot.setAttribute('cy', ly.toFixed(1));
  dot.setAttribute('r', '2');
  dot.setAttribute('fill', 'currentColor');
  svg.append(title, line, dot);
  return svg;
}
