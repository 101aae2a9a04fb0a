// The shared rules of the interface: French labels (labels.ts), numbers, CSV and codes (dom.ts),
// the API's query strings and errors in French (api.ts), citations (sources.ts), links
// (router.ts), a territory typed by hand (territory.ts) and a tile server's address (settings.ts).
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { ApiError, apiUrl, describe as failureFr, errorText, query } from '../../src/lib/api';
import { dept, fmtKm, fmtNum, fmtPct, fmtPoints, toCsv } from '../../src/lib/dom';
import { communeFromNote, communeSaid, diplomaTypeFr, entryYearFr, kindFr, kindGroup, levelFr, levelInSentence, nearCommune, placesFr, plural, pressureFr, publicCode, wishesFr } from '../../src/lib/labels';
import { cite, splitSources } from '../../src/lib/sources';
import { fold } from '../../src/lib/text';
import { validTileUrl } from '../../src/lib/settings';
import { hrefFor, parseHash } from '../../src/router';
import { parseDepartements, zoneOf } from '../../src/components/territory';

// the narrow no-break space French puts between thousands
const NNBSP = '\u202f';

describe('French labels', () => {
  test('diplomaTypeFr: a certificat de spécialisation (BCN natures 461, 561, 463, 563) is named so', () => {
    assert.equal(diplomaTypeFr('mc', '46125509'), 'Certificat de spécialisation');
    assert.equal(diplomaTypeFr('mc', '56321206'), 'Certificat de spécialisation');
    assert.equal(diplomaTypeFr('mc', 'PS-CS-0123456789'), 'Certificat de spécialisation');
    assert.equal(diplomaTypeFr('mc', '01022107'), 'Mention complémentaire');
    assert.equal(diplomaTypeFr('mc'), 'Mention complémentaire');
  });
  test('levelInSentence: only the first letter in lower case (« niveau 3 (CAP) »)', () => {
    assert.equal(levelInSentence(3), 'niveau 3 (CAP)');
    assert.equal(levelInSentence(null), 'niveau non précisé');
  });
  test('levelFr: a FCIL has no level of its own (no diploma), Parcoursup\'s are entered after a bac', () => {
    assert.equal(levelFr(null, 'fcil', 'PS-FCIL-9360795B3F'), 'sans niveau de diplôme (FCIL, après un bac)');
    assert.equal(levelFr(null, 'fcil', 'MV-FCIL-X'), 'sans niveau de diplôme (FCIL)');
    assert.equal(levelFr(null, 'other', 'PS-OTHER-1'), 'niveau non précisé');
    assert.equal(levelFr(4, 'bac_pro'), 'Niveau 4 (bac)');
  });
  test('plural: French plural from 2 on', () => {
    assert.equal(plural(0, 'lieu', 'lieux'), '0 lieu');
    assert.equal(plural(1, 'étape'), '1 étape');
    assert.equal(plural(2, 'étape'), '2 étapes');
    assert.equal(placesFr(1), '1 place');
    assert.equal(placesFr(12), '12 places');
  });

  test('nearCommune: « près de » contracted as French does', () => {
    assert.equal(nearCommune('Le Bouscat'), 'près du Bouscat');
    assert.equal(nearCommune('Les Herbiers'), 'près des Herbiers');
    assert.equal(nearCommune('Agen'), 'près d’Agen');
    assert.equal(nearCommune('Évry-Courcouronnes'), 'près d’Évry-Courcouronnes');
    assert.equal(nearCommune('La Rochelle'), 'près de La Rochelle');
    assert.equal(nearCommune('Lens'), 'près de Lens');
  });

  test('communeSaid, communeFromNote: a commune the import deduced is said so', () => {
    assert.equal(communeSaid('Bidos', 'coordinates'), 'près de Bidos');
    assert.equal(communeSaid('Nantes', 'centre'), 'Nantes');
    assert.equal(communeSaid('Metz', null), 'Metz');
    assert.match(communeFromNote('coordinates') ?? '', /^commune déduite de la position/);
    assert.match(communeFromNote('name') ?? '', /^commune déduite du nom/);
    // inside the commune's contour (graph/commune_contours.py): said as the commune, with why
    assert.equal(communeSaid('Rennes', 'contour'), 'Rennes');
    assert.match(communeFromNote('contour') ?? '', /^commune déduite de la position .*limites/);
    assert.equal(communeFromNote(null), null);
  });

  test('publicCode: BCN codes and RNCP numbers only, never the keys of the tool', () => {
    assert.equal(publicCode('40025014'), '40025014');
    assert.equal(publicCode('RNCP35341'), 'RNCP35341');
    assert.equal(publicCode('psup-1234'), null);
    assert.equal(publicCode('4002501'), null);
  });

  test('wishes and taux de pression said with what they count', () => {
    assert.equal(wishesFr(1, 'first_wishes'), '1 premier vœu Affelnet');
    assert.equal(wishesFr(1234, 'confirmed_wishes'), `1${NNBSP}234 vœux confirmés sur Parcoursup (non hiérarchisés)`);
    assert.equal(wishesFr(0, null), '0 vœu');
    assert.equal(pressureFr(0.7345, 'first_wishes'), '0,73 premier vœu Affelnet par place');
    assert.equal(pressureFr(8.47, 'confirmed_wishes'), '8,47 vœux confirmés sur Parcoursup par place');
    assert.equal(pressureFr(2, null), '2 vœux par place');
  });

  test('entryYearFr: a Bac pro’s course years by their names', () => {
    assert.equal(entryYearFr(2, 'bac_pro'), '1re pro');
    assert.equal(entryYearFr(3, 'bac_pro'), 'terminale pro');
    assert.equal(entryYearFr(2, 'bts'), '2e année');
  });

  test('kinds: a French name and a group for every kind, an unknown one in « autres »', () => {
    assert.equal(kindGroup('lycee_agricole').id, 'lycee');
    assert.equal(kindGroup('pft').id, 'plateforme');
    assert.equal(kindGroup('sans-nom').id, 'institution');
    assert.equal(kindGroup(null).id, 'institution');
    assert.equal(kindFr(null), '—');
  });
});

describe('numbers, codes and CSV', () => {
  test('fmtKm rounds as the answers\' sentences do (a step « 1,4 km », « Trajet total 1 km »)', () => {
    // the API gives distances to 0.1 km; the sentences say them to the km, half up
    assert.equal(fmtKm(1.4), '1 km');
    assert.equal(fmtKm(2.5), '3 km');
    assert.equal(fmtKm(3.25), '3 km');
    assert.equal(fmtKm(0.96), '1 km');
    assert.equal(fmtKm(0.4), 'moins de 1 km');
    assert.equal(fmtKm(0), 'moins de 1 km');
  });

  test('fmtKm, fmtPct, fmtNum in French; a dash when unknown', () => {
    assert.equal(fmtKm(12.6), '13 km');
    assert.equal(fmtKm(1234.4), '1\u202f234 km');
    assert.equal(fmtKm(null), '—');
    assert.equal(fmtPct(0.1234), '12,3 %');
    assert.equal(fmtNum(12345.678, 1), `12${NNBSP}345,7`);
    assert.equal(fmtNum(undefined), '—');
  });

  test('fmtNum, fmtPoints: a value that rounds to zero is « 0 », never « -0 » nor « +0 »', () => {
    assert.equal(fmtNum(-0.03, 1), '0');
    assert.equal(fmtNum(-0, 1), '0');
    assert.equal(fmtNum(-0.4), '0');
    assert.equal(fmtPoints(-0.03), '0');
    assert.equal(fmtPoints(0.04), '0');
    assert.equal(fmtPoints(6), '+6');
    assert.equal(fmtPoints(-2.44), fmtNum(-2.4, 1));
    assert.match(fmtPoints(-2.44), /^[-−]2,4$/);
  });

  test('dept: a département’s code without its leading 0', () => {
    assert.deepEqual(['046', '02A', '12', '971', null].map(dept), ['46', '2A', '12', '971', '']);
  });

  test('toCsv: « ; », a BOM, quoted cells, decimal commas, formulas neutralised', () => {
    const csv = toCsv([
      ['nom', 'taux'],
      ['Lycée « Champollion »; Figeac', 0.5],
      ['=HYPERLINK("x")', null],
      ['deux\nlignes', 3],
    ]);
    assert.equal(csv, '\uFEFFnom;taux\r\n"Lycée « Champollion »; Figeac";0,5\r\n"\'=HYPERLINK(""x"")";\r\n"deux\nlignes";3\r\n');
  });

  test('fold: accents and case ignored', () => {
    assert.equal(fold('Électrotechnique ÉNERGIE'), 'electrotechnique energie');
  });
});

describe('the API', () => {
  test('query: empty values dropped, lists repeated, true as 1', () => {
    assert.equal(query({ from: '40025014', to_level: 7, sector: '', campus: null, near: undefined, all: false, departements: ['12', '46'], home: true }), '?from=40025014&to_level=7&departements=12&departements=46&home=1');
    assert.equal(query({}), '');
    assert.equal(apiUrl('/pathways', { from: 'a b' }), '/pathways?from=a+b');
  });

  test('failures in French, from the status and the validation types, never the English message', () => {
    const refused = failureFr(422, { detail: [{ loc: ['query', 'to_level'], type: 'less_than_equal', ctx: { le: 8 }, msg: 'Input should be less than or equal to 8' }] });
    assert.equal(refused, 'Recherche refusée. Niveau visé : doit valoir au plus 8.');
    assert.equal(failureFr(400, { errors: [{ loc: ['query', 'zzz'], type: 'extra_forbidden' }] }), "Recherche refusée. Le champ « zzz » : n'est pas un paramètre connu.");
    assert.equal(failureFr(404, { detail: 'Diploma not found' }), 'Élément introuvable : vérifiez le code ou le nom saisi.');
    assert.equal(failureFr(409, { code: 'conflict', detail: 'Ce campus existe déjà.' }), 'Ce campus existe déjà.');
    assert.equal(failureFr(503, null), 'La base de données ne répond pas pour le moment. Réessayez dans quelques instants.');
    assert.equal(failureFr(502, 'Bad Gateway'), 'Le serveur a rencontré une erreur (502). Réessayez plus tard.');
    assert.equal(failureFr(418, {}), 'Réponse inattendue du serveur (418).');
  });

  test('errorText: an API error as it is, anything else said unexpected', () => {
    assert.equal(errorText(new ApiError(404, 'Élément introuvable.')), 'Élément introuvable.');
    assert.equal(errorText(new Error('boom')), 'Erreur inattendue : boom');
    assert.equal(errorText('?'), 'Erreur inattendue.');
  });
});

describe('citations', () => {
  test('splitSources: at each « ; » outside parentheses and quotes', () => {
    assert.deepEqual(splitSources('a.csv; 004_0123456789abcdef.txt §2 « x ; y » ; b (c ; d)'), ['a.csv', '004_0123456789abcdef.txt §2 « x ; y »', 'b (c ; d)']);
    assert.deepEqual(splitSources(' ; '), []);
  });

  test('cite: no file name shown, even before the titles are loaded', () => {
    assert.equal(cite(null), 'Source non précisée');
    assert.equal(cite('004_0123456789abcdef.txt §6.1 « usinage »'), 'Document source, §6.1 « usinage »');
    assert.equal(cite('attractivite_capacite_2022.csv; attractivite_capacite_2022.csv'), 'Données publiques, 2022');
    assert.equal(cite('notes.toml, ligne 3'), 'document source, ligne 3');
    // an inferred passerelle's source: neither the rule's English name nor its docs page
    assert.equal(cite('inferred by rule bac-pro-to-bts (docs/inferred-passerelles.md)'), "Déduite par l'outil d'une règle générale, non documentée");
    assert.match(cite('inferred by rule cap-to-bac-pro (docs/inferred-passerelles.md) over opendata nFormationDiplome_.csv'), /^Déduite par l'outil d'une règle générale, non documentée \(Données publiques\)$/);
    // as stored since answers23: the rule's id, no docs page
    assert.equal(cite('inferred by rule bac-pro-to-bts'), "Déduite par l'outil d'une règle générale, non documentée");
    assert.match(cite('inferred by rule cap-to-bac-pro over opendata nFormationDiplome_.csv'), /^Déduite par l'outil d'une règle générale, non documentée \(Données publiques\)$/);
  });
});

describe('links and fields', () => {
  test('hrefFor and parseHash: a page and its parameters, commas and colons kept readable', () => {
    const href = hrefFor('reseau', { campus: 'mecanic-vallee', select: 'actor:lycee-x', departements: '12,46', vide: '', rien: null });
    assert.equal(href, '#/reseau?campus=mecanic-vallee&select=actor:lycee-x&departements=12,46');
    const back = parseHash(href);
    assert.equal(back.name, 'reseau');
    assert.equal(back.params.get('select'), 'actor:lycee-x');
    assert.equal(hrefFor('carte'), '#/carte');
    assert.equal(parseHash('').name, '');
  });

  test('parseDepartements: codes as people type them; null for any code that is no département’s', () => {
    assert.deepEqual(parseDepartements('12, 46 ;2a 012'), ['12', '46', '2A']);
    assert.deepEqual(parseDepartements('971 976'), ['971', '976']);
    assert.equal(parseDepartements('20'), null);
    assert.equal(parseDepartements('96'), null);
    assert.equal(parseDepartements(''), null);
  });

  test('zoneOf: the territory a link gives, campus first', () => {
    assert.equal(zoneOf(new URLSearchParams('campus=x&departements=12'), 'all'), 'campus');
    assert.equal(zoneOf(new URLSearchParams('region=76'), 'all'), 'region');
    assert.equal(zoneOf(new URLSearchParams(''), 'departements'), 'departements');
    // a radius with the learner's home and no centre: around the home, as the API reads it
    assert.equal(zoneOf(new URLSearchParams('home=46102&radius_km=30'), 'all'), 'home');
    assert.equal(zoneOf(new URLSearchParams('near=46102&home=12300&radius_km=30'), 'all'), 'near');
    assert.equal(zoneOf(new URLSearchParams('home=46102'), 'all'), 'all');
  });

  test('validTileUrl: http(s) with {z}, {x} and {y}', () => {
    assert.equal(validTileUrl('https://tuiles.example.test/{z}/{x}/{y}.png'), true);
    assert.equal(validTileUrl('https://tuiles.example.test/{z}/{x}.png'), false);
    assert.equal(validTileUrl('javascript:alert(1)//{z}{x}{y}'), false);
  });
});
