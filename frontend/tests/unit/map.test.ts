// The map's names: which ones show without covering another (declutter.ts), at which zoom and
// in which order (names.ts), and which points fall on no outline of the basemap (outlines.ts).
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { LABEL_GAP_PX, layoutLabels, placeLabels, placementOrder, placesAround, sameRects, type LabelBox } from '../../src/map/declutter';
import { PRIORITY_FOCUS, PRIORITY_PREFECTURE, PRIORITY_REGIONAL_PREFECTURE, namesAt, prefecturePriority, townPriority } from '../../src/map/names';
import { basemapCode, geometryBox, offOutlines } from '../../src/map/outlines';

const box = (key: string, priority: number, left: number, top: number, width = 50, height = 14): LabelBox => ({
  key,
  priority,
  left,
  top,
  right: left + width,
  bottom: top + height,
});

describe('placeLabels', () => {
  test('the example of its documentation: Rezé covers Nantes, Orvault covers nothing', () => {
    const kept = placeLabels([
      { key: 'Nantes', priority: 2, left: 0, top: 0, right: 50, bottom: 14 },
      { key: 'Rezé', priority: 1, left: 30, top: 5, right: 60, bottom: 19 },
      { key: 'Orvault', priority: 1, left: 0, top: 40, right: 45, bottom: 54 },
    ]);
    assert.deepEqual(kept, new Set(['Nantes', 'Orvault']));
  });

  test('the higher priority wins whatever the order of the boxes', () => {
    const a = box('Figeac', 10, 0, 0);
    const b = box('Capdenac', 20, 10, 5);
    assert.deepEqual(placeLabels([a, b]), new Set(['Capdenac']));
    assert.deepEqual(placeLabels([b, a]), new Set(['Capdenac']));
  });

  test('equal priorities: the first key in order wins', () => {
    assert.deepEqual(placeLabels([box('b', 1, 0, 0), box('a', 1, 5, 0)]), new Set(['a']));
  });

  test('names closer than the gap count as overlapping; farther ones are both kept', () => {
    const left = box('gauche', 2, 0, 0, 50);
    assert.deepEqual(placeLabels([left, box('proche', 1, 50 + LABEL_GAP_PX - 1, 0)]), new Set(['gauche']));
    assert.deepEqual(placeLabels([left, box('loin', 1, 50 + LABEL_GAP_PX, 0)]), new Set(['gauche', 'loin']));
    assert.deepEqual(placeLabels([left, box('proche', 1, 51, 0)], 0), new Set(['gauche', 'proche']));
  });

  test('a box not laid out (no width or no height) is never kept, and hides nothing', () => {
    assert.deepEqual(placeLabels([box('vide', 9, 0, 0, 0, 14), box('plat', 9, 0, 0, 50, 0), box('Rodez', 1, 0, 0)]), new Set(['Rodez']));
  });

  test('an overlap found across the cells of the index (a long name spanning several cells)', () => {
    const long = box('Villefranche-de-Rouergue', 5, 0, 0, 300);
    const far = box('Millau', 1, 250, 10, 40);
    assert.deepEqual(placeLabels([long, far]), new Set(['Villefranche-de-Rouergue']));
    // negative screen coordinates (a name past the map's left or top edge) too
    assert.deepEqual(placeLabels([box('Ouest', 2, -120, -30, 100), box('Est', 1, -40, -25, 30)]), new Set(['Ouest']));
  });

  test('a key given twice is kept once', () => {
    assert.deepEqual(placeLabels([box('Cahors', 1, 0, 0), box('Cahors', 1, 500, 500)]), new Set(['Cahors']));
  });

  test('a chain: a kept name can make room for a third one', () => {
    // B covers A and C; A is first, so B goes and C (which covers only B) stays
    const kept = placeLabels([box('A', 3, 0, 0), box('B', 2, 40, 0), box('C', 1, 80, 0)]);
    assert.deepEqual(kept, new Set(['A', 'C']));
  });

  test('placementOrder: priority descending, then key', () => {
    const sorted = [box('b', 1, 0, 0), box('c', 2, 0, 0), box('a', 1, 0, 0)].sort(placementOrder).map((b) => b.key);
    assert.deepEqual(sorted, ['c', 'a', 'b']);
  });
});

describe('names by zoom and priority', () => {
  test('namesAt: régional chefs-lieux from 5, préfectures from 7, départements at 7 only, towns from 8', () => {
    assert.deepEqual(namesAt(4), { regionalPrefectures: false, prefectures: false, departements: false, towns: false });
    assert.deepEqual(namesAt(5), { regionalPrefectures: true, prefectures: false, departements: false, towns: false });
    assert.deepEqual(namesAt(7), { regionalPrefectures: true, prefectures: true, departements: true, towns: false });
    assert.deepEqual(namesAt(7.5), { regionalPrefectures: true, prefectures: true, departements: true, towns: false });
    assert.deepEqual(namesAt(8), { regionalPrefectures: true, prefectures: true, departements: false, towns: true });
  });

  test('a town put forward first, then régional chefs-lieux, préfectures, then towns by weight', () => {
    const focused = townPriority(1, true);
    const heavy = townPriority(40, false);
    const light = townPriority(1, false);
    assert.ok(focused > prefecturePriority(true));
    assert.ok(prefecturePriority(true) > prefecturePriority(false));
    assert.ok(prefecturePriority(false) > heavy && heavy > light);
    assert.equal(prefecturePriority(true), PRIORITY_REGIONAL_PREFECTURE);
    assert.equal(focused, PRIORITY_FOCUS + 1);
  });

  test('no weight lifts a town to a préfecture', () => {
    assert.ok(townPriority(5_000_000, false) < PRIORITY_PREFECTURE);
  });
});

describe('outlines', () => {
  test('geometryBox of a polygon, a multipolygon and a collection', () => {
    assert.deepEqual(geometryBox({ type: 'Polygon', coordinates: [[[1, 43], [2, 44.5], [1.5, 42], [1, 43]]] }), [1, 42, 2, 44.5]);
    assert.deepEqual(
      geometryBox({ type: 'MultiPolygon', coordinates: [[[[-61.8, 16], [-61, 16.5], [-61.8, 16]]], [[[-61.3, 15.8], [-61.2, 15.9], [-61.3, 15.8]]]] }),
      [-61.8, 15.8, -61, 16.5],
    );
    assert.deepEqual(
      geometryBox({ type: 'GeometryCollection', geometries: [{ type: 'Point', coordinates: [3, 45] }, { type: 'GeometryCollection', geometries: [] }, { type: 'Point', coordinates: [4, 46] }] }),
      [3, 45, 4, 46],
    );
  });

  test('offOutlines: the example of its documentation, and the margin', () => {
    assert.equal(offOutlines([[-61.5, 16.2], [2.35, 48.85]], [[-5.2, 41.3, 9.6, 51.1]]), 1);
    assert.equal(offOutlines([[9.65, 45]], [[-5.2, 41.3, 9.6, 51.1]]), 0);
    assert.equal(offOutlines([[9.75, 45]], [[-5.2, 41.3, 9.6, 51.1]]), 1);
    assert.equal(offOutlines([[1, 1]], []), 1);
  });

  test('basemapCode: the basemap writes codes without a leading 0', () => {
    assert.deepEqual(['046', '02A', '02b', ' 971', '12', '2A', '976'].map(basemapCode), ['46', '2A', '2B', '971', '12', '2A', '976']);
  });
});

describe('layoutLabels: names beside the markers, never under them', () => {
  // La Réunion at zoom 10: the préfecture's dot (x 0), its name drawn to its right, a group of
  // 21 places (a 30 px disc) just right of the dot: the name was drawn under the group.
  const saintDenis: LabelBox = { key: 'pref:Saint-Denis|974', priority: 2_000_000, left: 9, top: -7, right: 80, bottom: 7, anchor: { x: 0, y: 0 } };
  const group = { left: 5, top: -10, right: 35, bottom: 20 };

  test('a name covered by a marker moves to the first free side of its point', () => {
    const shown = layoutLabels([saintDenis], [group]);
    assert.deepEqual(shown.get(saintDenis.key), { dx: -89, dy: 0 }); // to the left of the dot
    // without the marker, where it is drawn
    assert.deepEqual(layoutLabels([saintDenis]).get(saintDenis.key), { dx: 0, dy: 0 });
  });

  test('a name moves away from a name kept before it rather than leaving', () => {
    const sainteMarie: LabelBox = { key: 'town:Sainte-Marie|974', priority: 10, left: -35, top: 18, right: 35, bottom: 32, anchor: { x: 0, y: 0 } };
    const other = box('town:Le Port|974', 20, -40, 20, 80, 14); // below the point
    const shown = layoutLabels([other, sainteMarie]);
    assert.ok(shown.has(other.key) && shown.has(sainteMarie.key));
    assert.notDeepEqual(shown.get(sainteMarie.key), { dx: 0, dy: 0 });
  });

  test('a group of places centred on the point: the name goes farther out rather than leaving', () => {
    // France at zoom 5: Toulouse's group (a 30 px disc) on its préfecture's dot
    const onDot = { left: -15, top: -15, right: 15, bottom: 15 };
    const s = layoutLabels([saintDenis], [onDot]).get(saintDenis.key);
    assert.deepEqual(s, { dx: 14, dy: 0 }); // to the right, FAR_PX farther
  });

  test('a name with no free place is left out (shown on hover), not drawn over a marker', () => {
    const walls = [
      { left: -200, top: -200, right: 200, bottom: -4 },
      { left: -200, top: 4, right: 200, bottom: 200 },
    ];
    // a préfecture's name too (it stayed under the markers before ui25)
    assert.equal(layoutLabels([saintDenis], walls).size, 0);
    // a name with no anchor stays where it is drawn, or goes
    const fixed = box('fixe', 1, 10, 10);
    assert.equal(layoutLabels([fixed], [{ left: 0, top: 0, right: 20, bottom: 20 }]).size, 0);
  });

  test('placesAround: where it is drawn, then the other sides at the same distance', () => {
    assert.deepEqual(placesAround({ left: 10, top: -7, right: 60, bottom: 7 }, { x: 0, y: 0 }).slice(0, 4), [
      { dx: 0, dy: 0 },
      { dx: -70, dy: 0 },
      { dx: -35, dy: 17 },
      { dx: -35, dy: -17 },
    ]);
  });
});

describe('sameRects: the names wait for the markers to stand still', () => {
  const disc = { left: 100, top: 50, right: 140, bottom: 90 };
  test('the same bubbles, in any order, within a pixel: settled', () => {
    const pin = { left: 0, top: 0, right: 26, bottom: 26 };
    assert.equal(sameRects([disc, pin], [pin, { ...disc, left: 100.6, right: 140.6 }]), true);
  });
  test('a group still gliding, or one more bubble: not yet', () => {
    // Ardèche: Tournon-sur-Rhône's group of 3 measured 12 px higher 0.1 s later
    assert.equal(sameRects([disc], [{ ...disc, top: 38, bottom: 78 }]), false);
    assert.equal(sameRects([disc], [disc, disc]), false);
    assert.equal(sameRects([], []), true);
  });
  test('a group\'s whole bubble is a wall: a name touching its halo moves to a free side', () => {
    // Orne: « Argentan » drawn under its group of 2 (a 40 px bubble, its halo 5 px wide)
    const argentan: LabelBox = { key: 'town:Argentan|61', priority: 10, left: -28, top: 12, right: 28, bottom: 30, anchor: { x: 0, y: 0 } };
    const bubble = { left: -20, top: -20, right: 20, bottom: 20 };
    const s = layoutLabels([argentan], [bubble]).get(argentan.key)!;
    const at = { left: argentan.left + s.dx, right: argentan.right + s.dx, top: argentan.top + s.dy, bottom: argentan.bottom + s.dy };
    assert.ok(at.left >= bubble.right || at.right <= bubble.left || at.top >= bubble.bottom || at.bottom <= bubble.top, JSON.stringify(at));
  });
});
