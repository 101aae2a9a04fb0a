// What the map says about one place: its popup and its row in the accessible list.

import { h, dept } from '../../lib/dom';
import { APPROXIMATE_FR, communeFromNote, communeSaid, kindFr, modalityFr } from '../../lib/labels';
import type { MapProps, PointFeature } from '../../lib/types';
import { hrefFor } from '../../router';
import { tableBox } from '../../lib/scroll';

export type Feat = PointFeature<MapProps>;

export function featKey(f: Feat): string {
  return `${f.properties.feature}:${f.properties.id}`;
}

/** « de » and the place a radius is centred on, contracted as French does, with its commune
 * unless its name holds it already (graph/mapdata.py place_label, the API's notice):
 *
 *   aroundPlace('Lycée La Découverte', 'Decazeville') // → 'de Lycée La Découverte (Decazeville)'
 *   aroundPlace('Le Likès', 'Quimper') // → 'du Likès (Quimper)'
 *   aroundPlace('IUT de Rennes', 'Rennes') // → 'd’IUT de Rennes'
 *   aroundPlace('Lycée La Découverte (Decazeville)', 'Decazeville') // → 'de Lycée La Découverte (Decazeville)'
 */
export function aroundPlace(name: string, commune: string | null | undefined): string {
  const label = !commune || name.toLocaleLowerCase('fr').includes(commune.toLocaleLowerCase('fr')) ? name : `${name} (${commune})`;
  if (label.startsWith('Le ')) return `du ${label.slice(3)}`;
  if (label.startsWith('Les ')) return `des ${label.slice(4)}`;
  if (/^[AEIOUYÉÈÊÂÎÔ]/.test(label)) return `d’${label}`;
  return `de ${label}`;
}

export function levelsText(levels: number[]): string {
  if (!levels.length) return 'aucune formation enregistrée';
  const min = Math.min(...levels);
  const max = Math.max(...levels);
  return min === max ? `niveau ${min}` : `niveaux ${min} à ${max}`;
}

/** `campusNames`: campus id → name (ids are never shown). */
export function popup(f: Feat, campusParam: string | null, campusNames: Map<string, string>): HTMLElement {
  const p = f.properties;
  const commune = p.commune ? communeSaid(p.commune, p.commune_from) : p.commune;
  const where = [commune, p.departement ? `(${dept(p.departement)})` : ''].filter(Boolean).join(' ');
  const campus = p.campuses[0] ?? campusParam ?? 'mecanic-vallee';
  // how the import found the commune when no file names it (the same words as the answers')
  const communeNote = communeFromNote(p.commune_from);
  return h(
    'div',
    { class: 'popup' },
    h('p', { class: 'popup-title' }, p.name),
    h('p', { class: 'muted' }, `${kindFr(p.kind)}${where ? ` · ${where}` : ''}`),
    h(
      'ul',
      {},
      communeNote && p.commune ? h('li', {}, communeNote.charAt(0).toUpperCase() + communeNote.slice(1)) : null,
      p.location_precision === 'commune' ? h('li', {}, APPROXIMATE_FR) : null,
      p.feature === 'actor' ? h('li', {}, `${p.offers} formation${p.offers > 1 ? 's' : ''} · ${levelsText(p.levels)}`) : null,
      p.modalities.length ? h('li', {}, p.modalities.map(modalityFr).join(', ')) : null,
      p.boarding_places ? h('li', {}, `Internat : ${p.boarding_places} places`) : null,
      p.campuses.length ? h('li', {}, `Campus : ${p.campuses.map((c) => campusNames.get(c) ?? 'campus sans nom').join(', ')}`) : null,
    ),
    h('p', {}, h('a', { href: hrefFor('reseau', { campus, select: featKey(f) }) }, 'Voir dans le réseau')),
  );
}

export function listRow(f: Feat, isFocus: boolean, open: () => void): HTMLElement {
  const p = f.properties;
  return h(
    'tr',
    { class: isFocus ? 'is-focus' : '' },
    h('th', { scope: 'row' }, h('button', { type: 'button', class: 'link-button', onclick: open }, p.name)),
    // data-label: the column's name, shown before the cell where a phone stacks the rows (styles.css)
    h('td', { 'data-label': 'Type' }, kindFr(p.kind)),
    h('td', { 'data-label': 'Commune' }, `${p.commune ? communeSaid(p.commune, p.commune_from) : '—'}${p.departement ? ` (${dept(p.departement)})` : ''}`),
    h('td', { 'data-label': 'Formations' }, p.feature === 'actor' && p.offers ? `${p.offers} · ${levelsText(p.levels)}` : 'aucune enregistrée'),
    h('td', { 'data-label': 'Modalités' }, p.modalities.map(modalityFr).join(', ') || '—'),
  );
}

export function pointList(tableBody: HTMLElement, tableCount: HTMLElement): HTMLElement {
  return h(
    'details',
    { class: 'point-list' },
    h('summary', {}, 'Liste des lieux affichés ', tableCount),
    tableBox(
      'Acteurs et plateformes affichés sur la carte',
      h(
        'table',
        { class: 'table' },
        h('caption', { class: 'sr-only' }, 'Acteurs et plateformes affichés sur la carte'),
        h(
          'thead',
          {},
          h('tr', {}, ...['Nom', 'Type', 'Commune', 'Formations', 'Modalités'].map((t) => h('th', { scope: 'col' }, t))),
        ),
        tableBody,
      ),
    ),
  );
}
