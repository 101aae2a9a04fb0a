// The Réseau page's words (a node's label, type and place, a link's heading and details) and
// the Manques page's rules (a level of the continuum matrix, a filière in the list, a period).
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { campusesIn, nodeLabel, shortLabel, territoryNote } from '../../src/pages/reseau/labels';
import { campusCountsFr, edgeText, linkHeading, nodePlace, nodeTypeFr } from '../../src/pages/reseau/panel';
import { levelState, num, periodFr } from '../../src/pages/manques/charts';
import { choiceLabel } from '../../src/components/sector-choices';
import type { NetEdge, NetNode } from '../../src/lib/types';

const node = (n: Partial<NetNode>): NetNode => ({ id: 'x', type: 'actor', key: 'x', label: 'x', degree: 0, ...n });
const edge = (e: Partial<NetEdge>): NetEdge => ({ id: 'e', source: 'a', target: 'b', type: 'OFFERS', ...e });

describe('Réseau', () => {
  test('campusesIn, territoryNote: a link’s région or départements, its own campuses or none said', () => {
    const list = [
      { id: 'clermont', short_name: 'Entreprises Clermont', departements: ['063'], region_code: '84' },
      { id: 'mv', short_name: 'Mecanic Vallée', departements: ['012', '046'], region_code: '76' },
      { id: 'auto', short_name: 'Auto-mobilités', departements: [], region_code: '84' },
    ];
    assert.deepEqual(campusesIn(list, '76', ['09', '12', '46']).map((c) => c.id), ['mv']);
    assert.deepEqual(campusesIn(list, '84', ['01', '63']).map((c) => c.id), ['clermont', 'auto']);
    assert.deepEqual(campusesIn(list, null, ['46']).map((c) => c.id), ['mv']);
    // Hauts-de-France: no campus of the data there (the page showed Mecanic Vallée)
    assert.deepEqual(campusesIn(list, '32', ['02', '59', '60', '62', '80']), []);
    assert.equal(
      territoryNote('la région Hauts-de-France', []),
      'Le réseau se lit campus par campus, et aucun campus des données ne se trouve dans la région Hauts-de-France : aucun réseau n’est affiché. Choisissez un campus dans la liste.',
    );
    assert.equal(territoryNote('la région Occitanie', ['Mecanic Vallée']), 'Le réseau se lit campus par campus : Mecanic Vallée, seul campus des données dans la région Occitanie, est affiché.');
    assert.match(territoryNote('la région Auvergne-Rhône-Alpes', ['A', 'B']), /2 campus des données se trouvent dans la région Auvergne-Rhône-Alpes \(A, B\) ; A est affiché/);
    assert.match(territoryNote(null, []), /territoire du lien n’est pas pris en compte/);
  });

  test('campusCountsFr: a campus of one member says « 1 membre » (it said « 1 membres »)', () => {
    assert.equal(campusCountsFr(1, 4), '1 membre, 4 secteurs suivis.');
    assert.equal(campusCountsFr(12, 1), '12 membres, 1 secteur suivi.');
  });

  test('shortLabel: lycée types as counsellors write them, subtitles and long parentheses dropped', () => {
    assert.equal(shortLabel('Lycée polyvalent Champollion'), 'LPO Champollion');
    assert.equal(shortLabel('Lycée professionnel Jean Jaurès – site de Figeac'), 'LP Jean Jaurès');
    assert.equal(shortLabel('Institut universitaire de technologie de Figeac (IUT Figeac)'), 'IUT Figeac');
    // a long CFA name was cut (« Centre de formation des apprentis de l… ») with no way to read it
    assert.equal(shortLabel('Centre de formation des apprentis de l’industrie (CFAI Occitanie Midi-Pyrénées)'), 'CFAI Occitanie Midi-Pyrénées');
    assert.equal(
      shortLabel('Centre de formation d’apprentis de la chambre de métiers et de l’artisanat du Morbihan'),
      'CFA de la chambre de métiers et de l’artisanat du Morbihan',
    );
    const longest = shortLabel(`CFA ${'du bâtiment et des travaux publics '.repeat(3)}`);
    assert.ok(longest.length <= 64 && / et des…$/.test(longest), longest);
    assert.equal(shortLabel('Mecanic Vallée'), 'Mecanic Vallée');
  });

  test('nodeLabel: a diploma whole (the drawing wraps it), other nodes shortened', () => {
    const long = 'TECHNICIEN EN CHAUDRONNERIE INDUSTRIELLE ET SOUDAGE';
    assert.equal(nodeLabel('diploma', long), long);
    assert.equal(nodeLabel('diploma', 'BTS CRSA'), 'BTS CRSA');
    assert.equal(nodeLabel('actor', 'Lycée général et technologique Champollion'), 'LGT Champollion');
  });

  test('nodeTypeFr and nodePlace', () => {
    assert.equal(nodeTypeFr(node({ type: 'diploma', kind: 'bts', level: 5 })), 'Diplôme · BTS · Niveau 5 (bac + 2)');
    assert.equal(nodeTypeFr(node({ type: 'campus' })), 'Campus');
    assert.equal(nodeTypeFr(node({ type: 'actor', kind: 'cfa' })), 'CFA');
    assert.equal(nodePlace(node({ commune: 'Figeac', departement: '046' })), ' · Figeac (46)');
    assert.equal(nodePlace(node({})), '');
  });

  test('linkHeading: read from the selected node', () => {
    assert.equal(linkHeading('OFFERS', true), 'Diplômes proposés');
    assert.equal(linkHeading('OFFERS', false), 'Proposé par');
    assert.equal(linkHeading('LEADS_TO', false), 'Accessible depuis (passerelles)');
    assert.equal(linkHeading('INCONNU', true), 'Autres liens');
  });

  test('edgeText: modality, kind of partnership, status', () => {
    assert.equal(edgeText(edge({ type: 'OFFERS', kind: 'apprenticeship', status: 'planned' })), 'Apprentissage, en projet');
    assert.equal(edgeText(edge({ type: 'PARTNERS_WITH', kind: 'placements' })), 'stages et apprentis');
    assert.equal(edgeText(edge({ type: 'LEADS_TO', kind: 'continuation', status: 'documented' })), "Poursuite d'études, documentée");
    assert.equal(edgeText(edge({ type: 'HOSTS' })), '');
  });
});

describe('Manques', () => {
  test('levelState: offered, planned, to be checked (another territory’s filière), absent', () => {
    const data = { levels_offered: [3, 4], levels_planned: [5], levels_unlinked: [5, 6] };
    assert.deepEqual(levelState(data, 4), { cls: 'lv-ok', text: 'proposé', mark: '●' });
    assert.deepEqual(levelState(data, 5), { cls: 'lv-planned', text: 'en projet', mark: '◐' });
    assert.deepEqual(levelState(data, 6), { cls: 'lv-unsure', text: 'à vérifier', mark: '?' });
    assert.deepEqual(levelState(data, 7), { cls: 'lv-missing', text: 'absent', mark: '○' });
    assert.deepEqual(levelState(null, 3), { cls: 'lv-missing', text: 'absent', mark: '○' });
    assert.deepEqual(levelState({ levels_offered: ['3'] }, 3), { cls: 'lv-missing', text: 'absent', mark: '○' });
    // programmes of the level whose field the files do not give: to be checked, never « absent »
    assert.deepEqual(levelState({ levels_offered: [3], levels_field_unknown: [7] }, 7), { cls: 'lv-unsure', text: 'à vérifier', mark: '?' });
    // reached through a diploma of another field that the filière's own lead to: never « absent »
    const other = { levels_offered: [3, 4, 6], levels_missing: [7], levels_reached_elsewhere: [5] };
    assert.deepEqual(levelState(other, 5), { cls: 'lv-other', text: 'par une autre formation', mark: '◑' });
    assert.deepEqual(levelState(other, 7), { cls: 'lv-missing', text: 'absent', mark: '○' });
  });

  test('choiceLabel: the campus named only when the territory has several', () => {
    const c = { id: 'usinage', name: 'Usinage', kind: 'filiere' as const, campus: 'Mecanic Vallée', offers: 3, tied: true };
    assert.equal(choiceLabel(c, 1), 'Usinage — 3 formations');
    assert.equal(choiceLabel(c, 2), 'Usinage (Mecanic Vallée) — 3 formations');
    assert.equal(choiceLabel({ ...c, offers: 1 }, 1), 'Usinage — 1 formation');
    assert.equal(choiceLabel({ ...c, offers: 0 }, 1), 'Usinage — aucune formation connue sur le territoire');
    // a filière no programme is tied to: unknown, never « aucune » (Fécamp's « Éolien »)
    assert.equal(choiceLabel({ ...c, offers: 0, tied: false }, 1), "Usinage — aucune formation n'est rattachée à cette filière dans les données ; à vérifier");
  });

  test('periodFr and num', () => {
    assert.equal(periodFr('2015-11'), 'novembre 2015');
    assert.equal(periodFr('2024'), '2024');
    assert.equal(periodFr(null), 'période inconnue');
    assert.equal(num(3.5), 3.5);
    assert.equal(num(Number.NaN), null);
    assert.equal(num('3'), null);
  });
});
