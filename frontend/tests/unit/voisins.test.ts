// The neighbouring countries' land under the départements (public/geo/voisins.topo.json, built by
// scripts/make-basemap.mjs): the countries next to France are there, and where they meet France
// their border runs through exactly the points France is drawn with (no sea-coloured gap).
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { feature } from 'topojson-client';
import type { Topology, GeometryCollection } from 'topojson-specification';
import type { FeatureCollection, Geometry, Position } from 'geojson';

const geo = (file: string): unknown => JSON.parse(readFileSync(new URL(`../../public/geo/${file}`, import.meta.url), 'utf8'));
const vtopo = geo('voisins.topo.json') as Topology<{ voisins: GeometryCollection<{ nom: string }> }>;
const voisins = feature(vtopo, vtopo.objects.voisins) as FeatureCollection<Geometry, { nom: string }>;
const dtopo = geo('france-departements.topo.json') as Topology<{ departements: GeometryCollection<{ code: string }> }>;
const departements = feature(dtopo, dtopo.objects.departements) as FeatureCollection<Geometry, { code: string }>;
const outremer = geo('outre-mer.geo.json') as FeatureCollection<Geometry, { code: string }>;

const rings = (g: Geometry): Position[][] => (g.type === 'Polygon' ? g.coordinates : g.type === 'MultiPolygon' ? g.coordinates.flat() : []);
const key = (p: Position): string => `${p[0]},${p[1]}`;
const pays = (nom: string): Geometry => {
  const f = voisins.features.find((v) => v.properties.nom === nom);
  assert.ok(f, `${nom} missing`);
  return f.geometry;
};

describe('voisins.topo.json', () => {
  test('the countries next to France, metropolitan and overseas, each once', () => {
    const noms = voisins.features.map((f) => f.properties.nom);
    for (const nom of ['Belgique', 'Luxembourg', 'Allemagne', 'Suisse', 'Italie', 'Monaco', 'Andorre', 'Espagne', 'Royaume-Uni', 'Pays-Bas', 'Suriname', 'Brésil', 'Saint-Martin (partie néerlandaise)'])
      assert.ok(noms.includes(nom), nom);
    assert.equal(new Set(noms).size, noms.length);
    for (const f of voisins.features) assert.ok(rings(f.geometry).length > 0, `${f.properties.nom} has no outline`);
  });

  test('no gap along a land border: just outside each segment France shares with a neighbour, the neighbour', () => {
    const inside = (p: Position, g: Geometry): boolean => {
      let odd = false;
      for (const r of rings(g))
        for (let i = 1; i < r.length; i += 1) {
          const [a, b] = [r[i - 1], r[i]];
          if (a[1] > p[1] !== b[1] > p[1] && p[0] < ((b[0] - a[0]) * (p[1] - a[1])) / (b[1] - a[1]) + a[0]) odd = !odd;
        }
      return odd;
    };
    const land = ['Belgique', 'Luxembourg', 'Allemagne', 'Suisse', 'Italie', 'Monaco', 'Andorre', 'Espagne'].map(pays);
    const theirs = land.map((g) => new Set(rings(g).flat().map(key)));
    let checked = 0;
    for (const d of departements.features)
      for (const r of rings(d.geometry))
        for (let i = 1; i < r.length; i += 1) {
          const [a, b] = [r[i - 1], r[i]];
          // a land border: both ends on the same neighbour (Roquebrune's coast runs from Monaco to Italy)
          if (!theirs.some((t) => t.has(key(a)) && t.has(key(b)))) continue;
          // 1 cm on either side of the segment's middle: the side out of the département
          const len = Math.hypot(b[0] - a[0], b[1] - a[1]);
          const [nx, ny] = [(-(b[1] - a[1]) / len) * 1e-7, ((b[0] - a[0]) / len) * 1e-7];
          const m = [(a[0] + b[0]) / 2, (a[1] + b[1]) / 2];
          const out = [[m[0] + nx, m[1] + ny], [m[0] - nx, m[1] - ny]].filter((p) => !inside(p, d.geometry));
          assert.equal(out.length, 1);
          if (departements.features.some((o) => inside(out[0], o.geometry))) continue; // between two départements
          checked += 1;
          assert.ok(land.some((g) => inside(out[0], g)), `sea-coloured gap beside ${d.properties.code} at ${key(m)}`);
        }
    assert.ok(checked >= 300, `${checked} segments of a land border`);
  });

  test('overseas, Suriname, Brazil and Sint Maarten follow the outline of Guyane and Saint-Martin (within 20 m)', () => {
    const near = (code: string): ((p: Position) => boolean) => {
      const f = outremer.features.find((o) => o.properties.code === code);
      assert.ok(f);
      const pts = rings(f.geometry).flat();
      return (p) => pts.some((q) => Math.abs(p[0] - q[0]) < 2e-4 && Math.abs(p[1] - q[1]) < 2e-4);
    };
    for (const [nom, code, min] of [['Suriname', '973', 50], ['Brésil', '973', 50], ['Saint-Martin (partie néerlandaise)', '978', 2]] as const) {
      const onOutline = near(code);
      const shared = rings(pays(nom)).flat().filter(onOutline).length;
      assert.ok(shared >= min, `${nom}: ${shared} points of ${code}'s outline`);
    }
  });
});
