// Label decluttering: which names a map can show without one covering another, or a marker.
//
// A pure, deterministic greedy placement over screen rectangles: the labels are taken by
// priority (highest first; equal priorities by key), and each one takes the first of its
// places (where it is drawn, then right, left, below and above its anchor: placesAround) that
// overlaps no label kept before it and no obstacle (the markers: a name drawn under a group
// of places could not be read, as « Saint-Denis » under La Réunion's group of 21); a label
// with no such place is left out. A dense city (Nantes and its twenty communes at zoom 10)
// then shows its most important names, and the others on hover (see basemap.ts).

export interface Rect {
  left: number;
  top: number;
  right: number;
  bottom: number;
}

/** How far a label moves from where it is drawn, in pixels. */
export interface Shift {
  dx: number;
  dy: number;
}

export interface LabelBox {
  /** Unique among the boxes; breaks ties between equal priorities. */
  key: string;
  priority: number;
  left: number;
  top: number;
  right: number;
  bottom: number;
  /** The point the label names (a préfecture's dot, a town's places): when given, the label
   * may move around it (placesAround); otherwise it stays where it is drawn. */
  anchor?: { x: number; y: number };
}

/** Labels closer than this (in pixels) count as overlapping: names need air to be read. */
export const LABEL_GAP_PX = 2;

/** Grid cell for the overlap index, in pixels: about one short label. */
const CELL = 64;

/** Orders labels for placement: priority descending, then key ascending. */
export function placementOrder(a: LabelBox, b: LabelBox): number {
  return b.priority - a.priority || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0);
}

function overlaps(a: Rect, b: Rect, gap: number): boolean {
  return a.left < b.right + gap && b.left < a.right + gap && a.top < b.bottom + gap && b.top < a.bottom + gap;
}

/** How much farther than where it is drawn a label may go from its point, when a marker
 * covers its point's near sides (a group of places centred on a préfecture's dot at the scale
 * of France: its disc is 30 px across). */
export const FAR_PX = 14;

/** The shifts that put a label drawn in `box` at each of its places around `anchor`: first
 * where it is, then to the right, the left, below, above, at the distance it is drawn from
 * its point, then the four sides FAR_PX farther (each place once).
 *
 *   placesAround({ left: 10, top: -7, right: 60, bottom: 7 }, { x: 0, y: 0 }).slice(0, 4)
 *   // → [{ dx: 0, dy: 0 }, { dx: -70, dy: 0 }, { dx: -35, dy: 17 }, { dx: -35, dy: -17 }]
 */
export function placesAround(box: Rect, anchor: { x: number; y: number }): Shift[] {
  const w = box.right - box.left;
  const h = box.bottom - box.top;
  const { x, y } = anchor;
  const near = Math.max(0, box.left - x, x - box.right, box.top - y, y - box.bottom);
  const out: Shift[] = [{ dx: 0, dy: 0 }];
  for (const d of [near, near + FAR_PX]) {
    const sides: Rect[] = [
      { left: x + d, top: y - h / 2, right: x + d + w, bottom: y + h / 2 },
      { left: x - d - w, top: y - h / 2, right: x - d, bottom: y + h / 2 },
      { left: x - w / 2, top: y + d, right: x + w / 2, bottom: y + d + h },
      { left: x - w / 2, top: y - d - h, right: x + w / 2, bottom: y - d },
    ];
    for (const r of sides) {
      const s = { dx: Math.round(r.left - box.left), dy: Math.round(r.top - box.top) };
      // the side it is drawn on already (within a pixel): not twice
      if (out.some((o) => Math.abs(o.dx - s.dx) <= 1 && Math.abs(o.dy - s.dy) <= 1)) continue;
      out.push(s);
    }
  }
  return out;
}

function shifted(b: LabelBox, s: Shift): LabelBox {
  return { ...b, left: b.left + s.dx, right: b.right + s.dx, top: b.top + s.dy, bottom: b.bottom + s.dy };
}

/** Where each label shows (its shift from where it is drawn), for the labels kept: greedy by
 * priority, each at the first of its places (placesAround, when it has an anchor) that
 * overlaps no label kept before it and no `obstacle` (`gap` pixels apart at least). Empty
 * boxes (not laid out) are never kept.
 *
 *   layoutLabels(
 *     [{ key: 'Saint-Denis', priority: 2, left: 9, top: -7, right: 80, bottom: 7, anchor: { x: 0, y: 0 } }],
 *     [{ left: 5, top: -15, right: 35, bottom: 15 }], // a group of places beside the dot
 *   ) // → Map { 'Saint-Denis' => { dx: -89, dy: 0 } }: to the left of the dot
 */
export function layoutLabels(boxes: readonly LabelBox[], obstacles: readonly Rect[] = [], gap = LABEL_GAP_PX): Map<string, Shift> {
  const kept = new Map<string, Shift>();
  const grid = new Map<string, Rect[]>(); // the names kept
  const blocked = new Map<string, Rect[]>(); // the obstacles
  const cells = (b: Rect): string[] => {
    const out: string[] = [];
    for (let x = Math.floor((b.left - gap) / CELL); x <= Math.floor((b.right + gap) / CELL); x++)
      for (let y = Math.floor((b.top - gap) / CELL); y <= Math.floor((b.bottom + gap) / CELL); y++) out.push(`${x},${y}`);
    return out;
  };
  const put = (into: Map<string, Rect[]>, b: Rect): void => {
    for (const c of cells(b)) into.set(c, [...(into.get(c) ?? []), b]);
  };
  const hits = (from: Map<string, Rect[]>, at: Rect): boolean => cells(at).some((c) => from.get(c)?.some((o) => overlaps(at, o, gap)));
  for (const o of obstacles) if (o.right > o.left && o.bottom > o.top) put(blocked, o);
  for (const b of [...boxes].sort(placementOrder)) {
    if (!(b.right > b.left && b.bottom > b.top) || kept.has(b.key)) continue;
    const places = b.anchor ? placesAround(b, b.anchor) : [{ dx: 0, dy: 0 }];
    // a name no place of which is free goes (shown on hover): never under a marker, a
    // préfecture's neither (ui25: « Alençon » was drawn under Alençon's groups)
    const s = places.find((p) => !hits(grid, shifted(b, p)) && !hits(blocked, shifted(b, p)));
    if (!s) continue;
    kept.set(b.key, s);
    put(grid, shifted(b, s));
  }
  return kept;
}

/** The keys of the labels to show, where they are drawn (layoutLabels without obstacles nor
 * anchors): greedy by priority, skipping any label that would overlap one already kept.
 *
 *   placeLabels([
 *     { key: 'Nantes', priority: 2, left: 0, top: 0, right: 50, bottom: 14 },
 *     { key: 'Rezé', priority: 1, left: 30, top: 5, right: 60, bottom: 19 },
 *     { key: 'Orvault', priority: 1, left: 0, top: 40, right: 45, bottom: 54 },
 *   ]) // → Set { 'Nantes', 'Orvault' }
 */
export function placeLabels(boxes: readonly LabelBox[], gap = LABEL_GAP_PX): Set<string> {
  return new Set(layoutLabels(boxes.map(({ anchor: _, ...b }) => b), [], gap).keys());
}

/** Whether two measures of the same obstacles agree within `tolerance` pixels (the markers
 * stand still: the names laid out around them stay clear of them).
 *
 *   sameRects([{ left: 0, top: 0, right: 30, bottom: 30 }], [{ left: 0.4, top: 0, right: 30.4, bottom: 30 }]) // → true
 *   sameRects([{ left: 0, top: 0, right: 30, bottom: 30 }], [{ left: 12, top: 0, right: 42, bottom: 30 }]) // → false
 */
export function sameRects(a: readonly Rect[], b: readonly Rect[], tolerance = 1): boolean {
  if (a.length !== b.length) return false;
  const key = (r: Rect): string => `${Math.round(r.left)},${Math.round(r.top)}`;
  const sorted = (rs: readonly Rect[]): Rect[] => [...rs].sort((x, y) => (key(x) < key(y) ? -1 : key(x) > key(y) ? 1 : 0));
  const [x, y] = [sorted(a), sorted(b)];
  return x.every((r, i) => {
    const o = y[i]!;
    return Math.abs(r.left - o.left) <= tolerance && Math.abs(r.top - o.top) <= tolerance && Math.abs(r.right - o.right) <= tolerance && Math.abs(r.bottom - o.bottom) <= tolerance;
  });
}
