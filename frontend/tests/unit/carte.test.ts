// The Carte page's rules: the towns named on the map and in a group's description (towns.ts),
// a place's row (points.ts), and when a box that scrolls is a tab stop (lib/scroll.ts).
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { PRIORITY_FOCUS } from '../../src/map/names';
import { aroundPlace, featKey, levelsText, type Feat } from '../../src/pages/carte/points';
import { TOWNS_NAMED, clusterText, placeWeight, townKey, townNames } from '../../src/pages/carte/towns';
import { overflows, scrollAttributes } from '../../src/lib/scroll';

function place(id: string, commune: string | null, departement: string | null, [lon, lat]: [number, number], offers = 0, feature: 'actor' | 'platform' = 'actor'): Feat {
  return {
    type: 'Feature',
    geometry: { type: 'Point', coordinates: [lon, lat] },
    properties: { feature, id, name: id, kind: 'lycee', commune, departement, campuses: [], sectors: [], levels: [], modalities: [], offers },
  };
}

describe('towns of the places', () => {
  test('townKey: the commune and its département as the basemap writes it; none without a commune', () => {
    assert.equal(townKey(place('a', 'Figeac', '046', [2, 44.6])), 'town:Figeac|46');
    assert.equal(townKey(place('a', 'Ajaccio', '02A', [8.7, 41.9])), 'town:Ajaccio|2A');
    assert.equal(townKey(place('a', null, '046', [2, 44.6])), null);
  });

  test('placeWeight: one, plus its offers for an establishment; a platform weighs one', () => {
    assert.equal(placeWeight(place('a', 'Figeac', '46', [2, 44.6], 40)), 41);
    assert.equal(placeWeight(place('p', 'Figeac', '46', [2, 44.6], 40, 'platform')), 1);
  });

  test('townNames: each town once, at the mean point of its places, weighted; préfectures and places without a commune left out', () => {
    const shown = [
      place('lycee', 'Figeac', '46', [2.0, 44.6], 10),
      place('iut', 'Figeac', '46', [2.2, 44.8], 3),
      place('prefecture', 'Rodez', '12', [2.57, 44.35], 50),
      place('inconnu', null, null, [1, 45], 99),
      place('cfa', 'Decazeville', '12', [2.25, 44.56], 1),
    ];
    const names = townNames(shown, new Set(), new Set(['Rodez|12']));
    assert.deepEqual(
      names.map((t) => ({ ...t, lat: Number(t.lat.toFixed(6)), lon: Number(t.lon.toFixed(6)) })),
      [
        { key: 'town:Figeac|46', name: 'Figeac', lat: 44.7, lon: 2.1, priority: 15 },
        { key: 'town:Decazeville|12', name: 'Decazeville', lat: 44.56, lon: 2.25, priority: 2 },
      ],
    );
  });

  test('townNames: a town with a place put forward comes before all the others', () => {
    const shown = [place('a', 'Figeac', '46', [2, 44.6], 100), place('b', 'Capdenac-Gare', '12', [2.08, 44.57], 0)];
    const names = townNames(shown, new Set([featKey(shown[1])]), new Set());
    assert.equal(names.find((t) => t.name === 'Capdenac-Gare')?.priority, PRIORITY_FOCUS + 1);
    assert.equal(names.find((t) => t.name === 'Figeac')?.priority, 101);
  });

  test('clusterText: the example of its documentation', () => {
    assert.equal(clusterText(3, [{ key: 'a', name: 'Rezé' }, { key: 'b', name: 'Nantes' }, { key: 'b', name: 'Nantes' }]), '3 lieux : Nantes (2), Rezé');
  });

  test('clusterText: places without a commune counted, never named; one place said in the singular', () => {
    assert.equal(clusterText(4, [{ key: 'a', name: 'Orvault' }]), '4 lieux : Orvault');
    assert.equal(clusterText(1, []), '1 lieu');
  });

  test('clusterText: the first towns by number of places then name (French order), the rest counted', () => {
    const towns = ['Écouflant', 'Angers', 'Trélazé', 'Avrillé', 'Beaucouzé', 'Bouchemaine', 'Saint-Barthélemy-d’Anjou', 'Verrières-en-Anjou'].map((name) => ({ key: name, name }));
    towns.push({ key: 'Trélazé', name: 'Trélazé' });
    const text = clusterText(9, towns);
    assert.equal(TOWNS_NAMED, 6);
    assert.equal(text, '9 lieux : Trélazé (2), Angers, Avrillé, Beaucouzé, Bouchemaine, Écouflant et 2 autres communes');
    assert.equal(clusterText(8, towns.slice(0, 7)), '8 lieux : Angers, Avrillé, Beaucouzé, Bouchemaine, Écouflant, Saint-Barthélemy-d’Anjou et 1 autre commune');
  });
});

describe('a place in the list', () => {
  test('levelsText: none, one level, a range', () => {
    assert.equal(levelsText([]), 'aucune formation enregistrée');
    assert.equal(levelsText([4, 4]), 'niveau 4');
    assert.equal(levelsText([5, 3, 4]), 'niveaux 3 à 5');
  });

  test('featKey: its kind and identifier', () => {
    assert.equal(featKey(place('0460040X', 'Figeac', '46', [2, 44.6])), 'actor:0460040X');
  });
});

describe('boxes that scroll', () => {
  test('overflows: along either axis, by more than a pixel', () => {
    assert.equal(overflows({ scrollWidth: 720, clientWidth: 660, scrollHeight: 900, clientHeight: 900 }), true);
    assert.equal(overflows({ scrollWidth: 661, clientWidth: 660, scrollHeight: 900, clientHeight: 900 }), false);
    assert.equal(overflows({ scrollWidth: 300, clientWidth: 300, scrollHeight: 4933, clientHeight: 654 }), true);
    assert.equal(overflows({ scrollWidth: 0, clientWidth: 0, scrollHeight: 0, clientHeight: 0 }), false);
  });

  test('scrollAttributes: a named region in the tab order while it scrolls; its own tabindex otherwise', () => {
    assert.deepEqual(scrollAttributes(true, 'Lieux affichés', null), { tabindex: '0', role: 'region', 'aria-label': 'Lieux affichés' });
    assert.deepEqual(scrollAttributes(false, 'Lieux affichés', null), { tabindex: null, role: null, 'aria-label': null });
    // a section named by its heading, focused by the page (tabindex -1) when it does not scroll
    assert.deepEqual(scrollAttributes(true, null, '-1'), { tabindex: '0', role: null, 'aria-label': null });
    assert.deepEqual(scrollAttributes(false, null, '-1'), { tabindex: '-1', role: null, 'aria-label': null });
  });
});

describe('the place a radius is centred on', () => {
  test('aroundPlace: its name and commune after « de », contracted; never coordinates', () => {
    assert.equal(aroundPlace('Lycée La Découverte', 'Decazeville'), 'de Lycée La Découverte (Decazeville)');
    assert.equal(aroundPlace('Le Likès', 'Quimper'), 'du Likès (Quimper)');
    assert.equal(aroundPlace('Les Cordeliers', 'Dinan'), 'des Cordeliers (Dinan)');
    assert.equal(aroundPlace('IUT de Rennes', 'Rennes'), 'd’IUT de Rennes');
    assert.equal(aroundPlace('Lycée de Figeac', null), 'de Lycée de Figeac');
    assert.equal(aroundPlace('Lycée polyvalent La Découverte (Decazeville)', 'Decazeville'), 'de Lycée polyvalent La Découverte (Decazeville)');
  });
});
