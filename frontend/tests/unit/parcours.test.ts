// The Parcours page's rules: what a card says of its steps and offers (card.ts), the taux de
// pression over the years (sparkline.ts), and the key of a kept pathway (selection.ts).
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { chosen, commonEntryFr, stepNotes, distances, figuresFr, othersSummary, passerelleText, previousUnplaced, scoreFr } from '../../src/pages/parcours/card';
import { pressurePoints, sparklineText, trendFr } from '../../src/pages/parcours/sparkline';
import { pathwayKey } from '../../src/pages/parcours/selection';
import { typedJob } from '../../src/pages/parcours/job-words';
import { goalDiplomaText } from '../../src/pages/parcours/goal-words';
import type { Pathway, PathwayOffer, PathwayStep } from '../../src/lib/types';

function offer(o: Partial<PathwayOffer>): PathwayOffer {
  return { actor_id: 'a', actor_name: 'Lycée', actor_kind: 'lycee', status: 'open', history: [], distance_learning: false, in_territory: true, chosen: false, source: '', ...o };
}

function step(s: Partial<PathwayStep>): PathwayStep {
  return { index: 0, code: '40025014', name: 'Diplôme', type: 'bac_pro', outside_territory: false, modality_not_described: false, offers: [], offers_total: 0, notes: [], ...s };
}

const pathway = (steps: PathwayStep[]): Pathway => ({ steps }) as unknown as Pathway;

describe('scoreFr', () => {
  test('a negative score is not shown as a number', () => {
    assert.equal(scoreFr(85.4), 'score 85,4');
    assert.equal(scoreFr(-1765.2), 'score non significatif (trajets très longs)');
  });
});

describe('stepNotes', () => {
  test('the API notes of the step, each once, as the API says them', () => {
    const closing = "Fermeture prévue en 2028, remplacé par Bac pro MV véhicules légers : une entrée à la rentrée 2027 finirait après sa dernière session (2028), elle se fait sans doute déjà dans celui qui le remplace (à vérifier avec l'établissement).";
    assert.deepEqual(stepNotes(step({ notes: [closing, 'Offre seulement en projet.', closing] })), [closing, 'Offre seulement en projet.']);
  });

  test('none for a step without notes, or from an API that has not the field', () => {
    assert.deepEqual(stepNotes(step({})), []);
    assert.deepEqual(stepNotes(step({ notes: [' ', ''] })), []);
    const old = step({}) as Partial<PathwayStep>;
    delete old.notes;
    assert.deepEqual(stepNotes(old as PathwayStep), []);
  });

  test('a note that looks like markup stays text: the card appends it as a text node', () => {
    assert.deepEqual(stepNotes(step({ notes: ['<b>Section</b> à horaires aménagés.'] })), ['<b>Section</b> à horaires aménagés.']);
  });
});

describe('othersSummary', () => {
  test('singular and plural', () => {
    assert.equal(othersSummary(1, 2), '1 autre possibilité pour cette étape');
    assert.equal(othersSummary(4, 5), '4 autres possibilités pour cette étape');
  });

  test('how many in all only when the answer lists the best few', () => {
    assert.equal(othersSummary(4, 37), '4 autres possibilités pour cette étape (les mieux placées sur 37 possibilités dans le territoire)');
    // a step taken outside the territory was chosen among the whole country's (51 for a BUT
    // after the BTS électrotechnique asked in the Puy-de-Dôme: not the territory's)
    assert.equal(othersSummary(4, 51, true), '4 autres possibilités pour cette étape (les mieux placées sur 51 possibilités en France)');
    // the shown ones and the chosen one make the total: nothing left unlisted
    assert.equal(othersSummary(4, 5), '4 autres possibilités pour cette étape');
    assert.equal(othersSummary(2, 0), '2 autres possibilités pour cette étape');
  });
});

describe('chosen and distances', () => {
  test('chosen: the offer marked, else the first, else none', () => {
    const a = offer({ actor_id: 'a' });
    const b = offer({ actor_id: 'b', chosen: true });
    assert.equal(chosen(step({ offers: [a, b] })), b);
    assert.equal(chosen(step({ offers: [a] })), a);
    assert.equal(chosen(step({ offers: [] })), undefined);
  });

  test('distances: home → first establishment, then between establishments, unknown when a leg is', () => {
    const start = step({ index: 0 });
    const p = pathway([start, step({ index: 1, offers: [offer({ chosen: true, distance_km: 12 })] }), step({ index: 2, offers: [offer({ chosen: true, distance_km: 30.5 })] }), step({ index: 3, offers: [offer({ chosen: true, distance_km: 4 })] })]);
    assert.deepEqual(distances(p, true), { home: 12, between: 34.5 });
    assert.deepEqual(distances(p, false), { home: undefined, between: 34.5 });
    const unknown = pathway([start, step({ index: 1, offers: [offer({ distance_km: null })] }), step({ index: 2, offers: [offer({ distance_km: null })] })]);
    assert.deepEqual(distances(unknown, true), { home: undefined, between: undefined });
  });

  test('previousUnplaced: a step after one whose establishment has no position (Laval, tester26)', () => {
    const start = step({ index: 0 });
    const vendee = step({ index: 1, offers: [offer({ chosen: true, lat: null, distance_km: null })] });
    const laval = step({ index: 2, offers: [offer({ chosen: true, lat: 48.07, distance_km: null })] });
    const p = pathway([start, vendee, laval]);
    assert.equal(previousUnplaced(p, 1), false);
    assert.equal(previousUnplaced(p, 2), true);
    assert.deepEqual(distances(p, true), { home: undefined, between: undefined });
    const placed = pathway([start, step({ index: 1, offers: [offer({ chosen: true, lat: 47.2, distance_km: 3 })] }), laval]);
    assert.equal(previousUnplaced(placed, 2), false);
  });
});

describe('passerelles and figures', () => {
  test('passerelleText: kind and origin, rates in French, modality', () => {
    const s = step({ passerelle: { id: 'p', kind: 'continuation', description: '', origin: 'inferred', rate: 0.456, entrant_share: 0.3, reserved_share: null, modality: 'apprenticeship' } });
    assert.equal(
      passerelleText(s),
      `Poursuite d'études, déduite par l’outil, non documentée — taux de passage 45,6 % — 30 % des entrants viennent du diplôme précédent — en apprentissage`,
    );
    assert.equal(passerelleText(step({})), '');
  });

  test('figuresFr: places and wishes as what they are; a later course year said', () => {
    assert.equal(figuresFr(offer({ capacity: 24, demand: 31, demand_kind: 'first_wishes' })), '24 places · 31 premiers vœux Affelnet');
    assert.equal(figuresFr(offer({ demand: 1, demand_kind: 'confirmed_wishes' })), 'places inconnues · 1 vœu confirmé sur Parcoursup (non hiérarchisés)');
    assert.equal(figuresFr(offer({ capacity: 12, entry_year: 2 }), 'bac_pro'), 'effectifs d’entrée en 1re pro : 12 places');
    assert.equal(figuresFr(offer({ capacity: 1, entry_year: 1 }), 'bac_pro'), '1 place');
    assert.equal(figuresFr(offer({})), null);
  });

  test('commonEntryFr: the family’s common 2nde with its figures and year', () => {
    const o = offer({ year: 2024, common_entry: { code: '2ND', family: 'métiers de la relation client', capacity: 48, demand: 60 } });
    assert.equal(commonEntryFr(o), 'entrée après la 3e en 2de commune de la famille « métiers de la relation client » : 48 places · 60 premiers vœux Affelnet en 2024 (places communes aux spécialités de la famille)');
    assert.equal(commonEntryFr(offer({ common_entry: { code: '2ND' } })), 'entrée après la 3e en 2de commune');
    assert.equal(commonEntryFr(offer({})), null);
  });
});

describe('taux de pression over the years', () => {
  const history = [
    { year: 2023, pressure: 1.5, demand_kind: 'first_wishes' as const },
    { year: 2021, pressure: 1.0, demand_kind: 'first_wishes' as const },
    { year: 2022, pressure: null, demand_kind: 'first_wishes' as const },
    { year: 2022, pressure: 9.0, demand_kind: 'confirmed_wishes' as const },
    { year: 2024, pressure: 2.0, demand_kind: 'first_wishes' as const, entry_year: 2 },
  ];

  test('pressurePoints: known years of the same kind of wishes and course year, oldest first', () => {
    assert.deepEqual(pressurePoints(offer({ demand_kind: 'first_wishes', history })), [
      { year: 2021, pressure: 1.0 },
      { year: 2023, pressure: 1.5 },
    ]);
    assert.deepEqual(pressurePoints(offer({ demand_kind: 'first_wishes', entry_year: 2, history })), [{ year: 2024, pressure: 2.0 }]);
  });

  test('trendFr: ±5 % from the first to the last year', () => {
    assert.equal(trendFr([{ year: 2021, pressure: 1 }, { year: 2023, pressure: 1.06 }]), 'en hausse');
    assert.equal(trendFr([{ year: 2021, pressure: 1 }, { year: 2023, pressure: 1.05 }]), 'stable');
    assert.equal(trendFr([{ year: 2021, pressure: 1 }, { year: 2023, pressure: 0.94 }]), 'en baisse');
  });

  test('sparklineText: the figures in words', () => {
    assert.equal(
      sparklineText([{ year: 2021, pressure: 1 }, { year: 2023, pressure: 1.456 }], 'first_wishes'),
      'Taux de pression par année (premiers vœux Affelnet par place), en hausse : 2021 : 1 ; 2023 : 1,46',
    );
  });
});

describe('pathwayKey', () => {
  test('the same diplomas and establishments give the same key in any search', () => {
    const p = pathway([step({ code: 'A' }), step({ code: 'B', offers: [offer({ actor_id: 'x' }), offer({ actor_id: 'y', chosen: true })] })]);
    assert.equal(pathwayKey(p), 'A@>B@y');
  });
});

describe('typedJob', () => {
  test('a ROME code in any case, or the job in words (the API reads them as its ROME job)', () => {
    assert.deepEqual(typedJob(' h2913 '), { value: 'H2913' });
    // « soudeur » was refused: « Un code ROME s'écrit avec une lettre et quatre chiffres »
    assert.deepEqual(typedJob('soudeur'), { value: 'soudeur' });
    assert.deepEqual(typedJob('Électricien  du bâtiment'), { value: 'Électricien du bâtiment' });
    assert.deepEqual(typedJob('aide-soudeur’s'), { value: "aide-soudeur's" });
  });

  test('what is neither is said in French', () => {
    for (const bad of ['x', '12345', 'soudeur; drop']) assert.match((typedJob(bad) as { error: string }).error, /^Tapez le nom du métier/);
  });
});

describe('goalDiplomaText', () => {
  test('a diploma named « Diplôme … » is not « le diplôme Diplôme … » (tester23)', () => {
    assert.equal(goalDiplomaText("Diplôme d'État d'infirmier(ière) (26033101)"), "le diplôme d'État d'infirmier(ière) (26033101)");
    assert.equal(goalDiplomaText('BTS électrotechnique (32025520)'), 'le diplôme BTS électrotechnique (32025520)');
    assert.equal(goalDiplomaText('diplôme XYZ'), 'le diplôme XYZ');
  });
});
