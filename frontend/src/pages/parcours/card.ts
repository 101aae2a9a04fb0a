// One ranked pathway as a card: its steps with the establishment chosen for each, the
// passerelle used, the other possibilities, and why it has this rank.

import { h, fmtKm, fmtPct, fmtNum, fmtPoints, dept } from '../../lib/dom';
import { APPROXIMATE_FR, ORIGIN_FR, PASSERELLE_KIND_FR, SCORE_COMPONENT_FR, STATUS_FR, diplomaTypeFr, entryYearFr, levelInSentence, kindFr, levelFr, modalityFr, offerCommune, placesFr, pressureFr, publicCode, wishesFr } from '../../lib/labels';
import type { Pathway, PathwayOffer, PathwayStep } from '../../lib/types';
import { pressureSparkline } from './sparkline';

export interface CardActions {
  show(rank: number): void;
  keep(p: Pathway): boolean;
  kept(p: Pathway): boolean;
  copy(rank: number): void;
  print(rank: number): void;
  csv(rank: number): void;
}

/** The establishment the ranking chose for a step (the first one if none is marked). */
export function chosen(step: PathwayStep): PathwayOffer | undefined {
  const offers = step.offers ?? [];
  return offers.find((o) => o.chosen) ?? offers[0];
}

/** Distances of a pathway as a counsellor reads them: home → first establishment (when the
 * learner's town is given), and between the establishments of the steps. Undefined: unknown. */
export function distances(p: Pathway, fromHome: boolean): { home?: number; between?: number } {
  const legs = p.steps.slice(1).map((s) => chosen(s)?.distance_km);
  const home = fromHome ? legs[0] ?? undefined : undefined;
  const rest = legs.slice(1);
  const between = rest.every((d) => d != null) ? rest.reduce<number>((a, d) => a + (d ?? 0), 0) : undefined;
  return { home: home ?? undefined, between };
}

/** The score as the card's head says it: below 0 (100 points minus the distance of very long
 * trips, a home far from the territory: −1 765) it means nothing to a reader, only the rank
 * does, and the number is not shown (the « Pourquoi ce rang ? » table keeps the points). */
export function scoreFr(total: number): string {
  return total < 0 ? 'score non significatif (trajets très longs)' : `score ${fmtNum(total, 1)}`;
}

export function passerelleText(step: PathwayStep): string {
  const p = step.passerelle;
  if (!p) return '';
  const bits = [`${PASSERELLE_KIND_FR[p.kind] ?? p.kind}${p.origin && ORIGIN_FR[p.origin] ? `, ${ORIGIN_FR[p.origin]}` : ''}`];
  if (p.rate != null) bits.push(`taux de passage ${fmtPct(p.rate)}`);
  if (p.entrant_share != null) bits.push(`${fmtPct(p.entrant_share)} des entrants viennent du diplôme précédent`);
  if (p.reserved_share != null) bits.push(`${fmtPct(p.reserved_share)} des places réservées`);
  if (p.modality) bits.push(`en ${modalityFr(p.modality).toLowerCase()}`);
  return bits.join(' — ');
}

/** The places and wishes of an offer's year, said as what they are: the entry in a later
 * course year (« effectifs d'entrée en 1re pro : … »), the kind of wishes (Affelnet first
 * wishes, Parcoursup confirmed wishes); « places inconnues » when only the wishes are known. */
export function figuresFr(o: PathwayOffer, diplomaType?: string | null): string | null {
  const bits = [
    o.capacity != null ? placesFr(o.capacity) : o.demand != null ? 'places inconnues' : null,
    o.demand != null ? wishesFr(o.demand, o.demand_kind) : null,
  ].filter(Boolean);
  if (!bits.length) return null;
  const text = bits.join(' · ');
  return o.entry_year != null && o.entry_year > 1 ? `effectifs d’entrée en ${entryYearFr(o.entry_year, diplomaType)} : ${text}` : text;
}

/** The entry after 3e through the family's common 2nde at that establishment (the API's
 * `common_entry`), with its figures, shared by the family's specialities. */
export function commonEntryFr(o: PathwayOffer): string | null {
  const c = o.common_entry;
  if (!c) return null;
  const figures = [c.capacity != null ? placesFr(c.capacity) : null, c.demand != null ? wishesFr(c.demand, 'first_wishes') : null].filter(Boolean);
  return `entrée après la 3e en 2de commune${c.family ? ` de la famille « ${c.family} »` : ''}${figures.length ? ` : ${figures.join(' · ')}${o.year ? ` en ${o.year}` : ''} (places communes aux spécialités de la famille)` : ''}`;
}

/** The sentence the API says (graph/pathways/explanation.py UNKNOWN_FROM_PREVIOUS) of a step
 * whose previous establishment has no position: its distance from it is unknown. */
export const UNKNOWN_FROM_PREVIOUS = "distance depuis l'étape précédente inconnue (établissement sans position)";

/** Whether the chosen establishment of the step before step `stepIndex` has no position (not
 * taught at a distance): the step's distance from it is unknown (`distance_km` null). */
export function previousUnplaced(p: Pathway, stepIndex: number): boolean {
  if (stepIndex < 2) return false;
  const before = p.steps[stepIndex - 1];
  const c = before ? chosen(before) : undefined;
  return c != null && c.lat == null && !c.distance_learning;
}

function offerLine(o: PathwayOffer, stepIndex: number, fromHome: boolean, diplomaType?: string | null, prevUnplaced = false): HTMLElement {
  // placed at its commune's centre: its distance is known to a few km (graph/place_precision.py)
  const approx = o.location_precision === 'commune';
  // 'coordinates': only the commune nearest its position (graph/ingest/opendata/named_commune.py);
  // 'centre': within 1 km of that commune's centre, said as the commune (graph/place_precision.py)
  const commune = offerCommune(o);
  const where = [commune, o.departement ? `(${dept(o.departement)})` : ''].filter(Boolean).join(' ');
  const facts = [
    modalityFr(o.modality),
    `offre ${STATUS_FR[o.status] ?? o.status}${o.year ? ` (${o.year})` : ''}`,
    figuresFr(o, diplomaType),
    o.boarding_places ? `internat ${placesFr(o.boarding_places)}` : null,
    o.distance_km != null
      ? `${approx ? `~${fmtNum(o.distance_km)} km` : fmtKm(o.distance_km)} à vol d’oiseau depuis ${stepIndex === 1 ? (fromHome ? 'le domicile' : 'le centre du territoire') : "l'étape précédente"}`
      : prevUnplaced && o.lat != null && !o.distance_learning
        ? UNKNOWN_FROM_PREVIOUS
        : null,
  ].filter(Boolean);
  return h(
    'div',
    { class: 'offer' },
    h('span', { class: 'offer-name' }, o.actor_name),
    ' ',
    h('span', { class: 'muted' }, `${kindFr(o.actor_kind)}${where ? ` · ${where}` : ''}`),
    o.in_territory ? null : [' ', h('span', { class: 'badge badge-warn' }, 'hors territoire')],
    o.status === 'planned' ? [' ', h('span', { class: 'badge badge-info' }, 'en projet')] : null,
    o.distance_learning ? [' ', h('span', { class: 'badge badge-info' }, 'à distance, sans lieu de formation local')] : null,
    approx ? [' ', h('span', { class: 'badge badge-info' }, APPROXIMATE_FR)] : null,
    o.last_seen != null ? [' ', h('span', { class: 'badge badge-warn' }, `pas vue depuis ${o.last_seen}`)] : null,
    o.unlisted_note ? [' ', h('span', { class: 'badge badge-warn' }, 'à confirmer')] : null,
    h('div', { class: 'offer-facts' }, facts.join(' · ')),
    commonEntryFr(o) ? h('div', { class: 'offer-facts' }, commonEntryFr(o)) : null,
    pressureLine(o, diplomaType),
  );
}

/** The taux de pression (vœux per place) of the offer's year, with its trend over the years. */
function pressureLine(o: PathwayOffer, diplomaType?: string | null): HTMLElement | null {
  if (o.pressure == null) return null;
  const spark = pressureSparkline(o);
  const later = o.entry_year != null && o.entry_year > 1 ? ` (entrée en ${entryYearFr(o.entry_year, diplomaType)})` : '';
  return h(
    'div',
    { class: 'offer-pressure' },
    `taux de pression ${pressureFr(o.pressure, o.demand_kind)}${later}${o.year ? ` en ${o.year}` : ''}`,
    spark ? ' ' : null,
    spark,
  );
}

/** Why the step's offers marked « à confirmer » are not called stale (the API's `unlisted_note`:
 * the latest public file describes the diploma far more thinly than the year before), said
 * once per step for offers that share it, and not again at a later step of the same pathway
 * (`said`: each note already said, with the step that said it). */
export function unlistedNotes(step: PathwayStep, said: Map<string, number>): HTMLElement[] {
  const marked = (step.offers ?? []).filter((o) => o.unlisted_note);
  const notes = [...new Set(marked.map((o) => o.unlisted_note as string))];
  return notes.map((note) => {
    const n = marked.filter((o) => o.unlisted_note === note).length;
    const before = said.get(note);
    if (before === undefined) said.set(note, step.index);
    return h(
      'p',
      { class: 'offer-note' },
      h('span', { class: 'label' }, n > 1 ? 'Offres marquées « à confirmer » : ' : 'Offre marquée « à confirmer » : '),
      before === undefined ? `${note}.` : `même remarque qu’à l’étape ${before}.`,
    );
  });
}

/** What the learner must know of a step before choosing it (the API's `notes`: its diploma
 * closes before they could sit it, a 1re pro listed without its 2de there, a « horaires
 * aménagés » section, an offer seen for the previous version of the diploma…), the sentences
 * the folded « Pourquoi ce rang ? » says too, each once; none from an API without them. */
export function stepNotes(step: PathwayStep): string[] {
  return [...new Set((step.notes ?? []).map((n) => n.trim()).filter(Boolean))];
}

/** The step's notes on the step itself, as text (never HTML), under a French heading. */
function stepNotesBlock(step: PathwayStep): HTMLElement | null {
  const notes = stepNotes(step);
  if (!notes.length) return null;
  const label = 'À savoir pour cette étape : ';
  return h(
    'div',
    { class: 'step-notes', role: 'note' },
    notes.length > 1
      ? [h('p', { class: 'label' }, label.trimEnd()), h('ul', {}, ...notes.map((n) => h('li', {}, n)))]
      : h('p', {}, h('span', { class: 'label' }, label), notes[0]),
  );
}

function whyBlock(p: Pathway): HTMLElement {
  const comps = Object.entries(p.score.components).filter(([, v]) => v !== 0);
  return h(
    'details',
    { class: 'why' },
    h('summary', {}, 'Pourquoi ce rang ?'),
    h('ul', {}, ...p.score.explanation.map((t) => h('li', {}, t))),
    comps.length
      ? h(
          'table',
          { class: 'table table-compact' },
          h('caption', {}, `Calcul du score (100 points au départ, ${p.score.total < 0 ? 'total négatif : seul le rang compte' : `total ${fmtNum(p.score.total, 1)}`})`),
          h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, 'Critère'), h('th', { scope: 'col', class: 'num' }, 'Points'))),
          h(
            'tbody',
            {},
            ...comps.map(([k, v]) =>
              h('tr', {}, h('th', { scope: 'row' }, SCORE_COMPONENT_FR[k] ?? 'Autre critère'), h('td', { class: 'num' }, fmtPoints(v))),
            ),
          ),
        )
      : null,
  );
}

export function pathwayCard(p: Pathway, fromHome: boolean, act: CardActions): HTMLElement {
  const titleId = `parcours-${p.rank}-titre`;
  const [start, ...steps] = p.steps;
  const last = p.steps[p.steps.length - 1];
  const dist = distances(p, fromHome);
  const keepBtn = h('button', { type: 'button', class: 'btn btn-small', 'aria-pressed': String(act.kept(p)), 'data-action': 'garder' }, 'Garder dans ma sélection');
  keepBtn.addEventListener('click', () => keepBtn.setAttribute('aria-pressed', String(act.keep(p))));
  const notesSaid = new Map<string, number>();
  const stepsList = h(
    'ol',
    { class: 'steps' },
    h(
      'li',
      { class: 'step step-start' },
      h('span', { class: 'step-num', 'aria-hidden': 'true' }, '0'),
      h(
        'div',
        {},
        h('p', { class: 'step-title' }, h('span', { class: 'sr-only' }, 'Point de départ : '), start.name),
        // a start of type 'none' is the end of 3e: no diploma held (the API's from_level=2);
        // « Tout bac technologique » has no code either (any series: graph/pathways/bac_starts.py)
        h('p', { class: 'muted' }, start.type !== 'none' ? `Diplôme de départ · ${diplomaTypeFr(start.type)} · ${levelFr(start.level)}` : 'Aucun diplôme détenu · la 1re étape est une formation ouverte après la 3e'),
      ),
    ),
    ...steps.map((s) => {
      const c = chosen(s);
      const prevUnplaced = previousUnplaced(p, s.index);
      const others = (s.offers ?? []).filter((o) => o !== c);
      return h(
        'li',
        { class: `step${s.outside_territory ? ' step-outside' : ''}` },
        h('span', { class: 'step-num', 'aria-hidden': 'true' }, String(s.index)),
        h(
          'div',
          {},
          h('p', { class: 'step-title' }, h('span', { class: 'sr-only' }, `Étape ${s.index} : `), s.name),
          h(
            'p',
            { class: 'muted' },
            [diplomaTypeFr(s.type, s.code), levelFr(s.level, s.type, s.code), publicCode(s.code) ? `code ${s.code}` : null]
              .filter(Boolean)
              .join(' · '),
            s.outside_territory ? ' ' : null,
            s.outside_territory ? h('span', { class: 'badge badge-warn' }, 'hors territoire') : null,
          ),
          stepNotesBlock(s),
          s.passerelle ? h('p', { class: 'passerelle' }, h('span', { class: 'label' }, 'Passerelle : '), passerelleText(s)) : null,
          c ? offerLine(c, s.index, fromHome, s.type, prevUnplaced) : h('p', { class: 'muted' }, 'Aucun établissement trouvé pour cette étape.'),
          others.length
            ? h(
                'details',
                { class: 'others' },
                h('summary', {}, othersSummary(others.length, s.offers_total ?? 0, s.outside_territory)),
                ...others.map((o) => offerLine(o, s.index, fromHome, s.type, prevUnplaced)),
              )
            : null,
          ...unlistedNotes(s, notesSaid),
        ),
      );
    }),
  );
  return h(
    'article',
    { class: 'card pathway', id: `parcours-${p.rank}`, 'data-rank': String(p.rank), 'aria-labelledby': titleId },
    h(
      'header',
      { class: 'card-head' },
      h('h3', { id: titleId }, `Parcours ${p.rank}`, h('span', { class: 'sr-only' }, ` : ${last.name}`)),
      h('span', { class: 'score', title: 'Score de classement' }, scoreFr(p.score.total)),
    ),
    h(
      'p',
      { class: 'card-meta' },
      `${steps.length} étape${steps.length > 1 ? 's' : ''}`,
      fromHome ? ` · domicile → 1re étape : ${dist.home === undefined ? 'distance inconnue' : `${fmtKm(dist.home)} à vol d’oiseau`}` : '',
      steps.length > 1 ? ` · entre étapes : ${dist.between === undefined ? 'distance inconnue' : fmtKm(dist.between)}` : '',
      p.outside_steps ? ` · ${p.outside_steps} étape${p.outside_steps > 1 ? 's' : ''} hors territoire` : '',
      ` · arrivée : ${diplomaTypeFr(last.type, last.code)}, ${levelInSentence(last.level)}`,
    ),
    stepsList,
    whyBlock(p),
    h(
      'div',
      { class: 'actions no-print' },
      h('button', { type: 'button', class: 'btn btn-small', 'aria-pressed': 'false', 'data-action': 'carte', onclick: () => act.show(p.rank) }, 'Voir sur la carte'),
      keepBtn,
      h('button', { type: 'button', class: 'btn btn-small', onclick: () => act.copy(p.rank) }, 'Copier le lien'),
      h('button', { type: 'button', class: 'btn btn-small', onclick: () => act.print(p.rank) }, 'Imprimer'),
      h('button', { type: 'button', class: 'btn btn-small', onclick: () => act.csv(p.rank) }, 'CSV'),
    ),
  );
}

/** « 4 autres possibilités pour cette étape », and how many there are in all when the answer
 * lists only the best few (the API's offers_total): those of the territory, or, for a step
 * taken outside it, those of the whole country (the step was chosen among all of them). */
export function othersSummary(shown: number, total: number, outside = false): string {
  const plural = shown > 1 ? 's' : '';
  const head = `${shown} autre${plural} possibilité${plural} pour cette étape`;
  const where = outside ? 'en France' : 'dans le territoire';
  return total > shown + 1 ? `${head} (les mieux placées sur ${total} possibilités ${where})` : head;
}
