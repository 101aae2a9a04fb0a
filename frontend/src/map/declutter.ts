// Label decluttering: which names a map can show without one covering another.
//
// A pure, deterministic greedy placement over screen rectangles: the labels are taken by
// priority (highest first; equal priorities by key), and each one is kept unless it would
// overlap a label kept before it. A dense city (Nantes and its twenty communes at zoom 10)
// then shows its most important names, and the others on hover (see basemap.ts).

export interface LabelBox {
  /** Unique among the boxes; breaks ties between equal priorities. */
  key: string;
  priority: number;
  left: number;
  top: number;
  right: number;
  bottom: number;
}

/** Labels closer than this (in pixels) count as overlapping: names need air to be read. */
export const LABEL_GAP_PX = 2;

/** Grid cell for the overlap index, in pixels: about one short label. */
const CELL = 64;

/** Orders labels for placement: priority descending, then key ascending. */
export function placementOrder(a: LabelBox, b: LabelBox): number {
  return b.priority - a.priority || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0);
}

function overlaps(a: LabelBox, b: LabelBox, gap: number): boolean {
  return a.left < b.right + gap && b.left < a.right + gap && a.top < b.bottom + gap && b.top < a.bottom + gap;
}

/** The keys of the labels to show: greedy by priority, skipping any label that would overlap
 * one already kept (`gap` pixels apart at least). Empty boxes (not laid out) are never kept.
 *
 *   placeLabels([
 *     { key: 'Nantes', priority: 2, left: 0, top: 0, right: 50, bottom: 14 },
 *     { key: 'Rezé', priority: 1, left: 30, top: 5, right: 60, bottom: 19 },
 *     { key: 'Orvault', priority: 1, left: 0, top: 40, right: 45, bottom: 54 },
 *   ]) // → Set { 'Nantes', 'Orvault' }
 */
export function placeLabels(boxes: readonly LabelBox[], gap = LABEL_GAP_PX): Set<string> {
  const kept = new Set<string>();
  const grid = new Map<string, LabelBox[]>();
  const cells = (b: LabelBox): string[] => {
    const out: string[] = [];
    for (let x = Math.floor((b.left - gap) / CELL); x <= Math.floor((b.right + gap) / CELL); x++)
      for (let y = Math.floor((b.top - gap) / CELL); y <= Math.floor((b.bottom + gap) / CELL); y++) out.push(`${x},${y}`);
    return out;
  };
  for (const b of [...boxes].sort(placementOrder)) {
    if (!(b.right > b.left && b.bottom > b.top) || kept.has(b.key)) continue;
    const mine = cells(b);
    if (mine.some((c) => grid.get(c)?.some((o) => overlaps(b, o, gap)))) continue;
    kept.add(b.key);
    for (const c of mine) grid.set(c, [...(grid.get(c) ?? []), b]);
  }
  return kept;
}
