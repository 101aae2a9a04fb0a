// Sharing a search: its link, a CSV of its pathways, and printing (the print stylesheet lays
// out the cards; a note gives the date and the link).

import { hrefFor } from '../../router';
import { announce, dept, downloadText, toCsv } from '../../lib/dom';
import { cite } from '../../lib/sources';
import { ORIGIN_FR, PASSERELLE_KIND_FR, STATUS_FR, diplomaTypeFr, kindFr, modalityFr, offerCommune, publicCode } from '../../lib/labels';
import type { PathwayAnswer } from '../../lib/types';
import { chosen } from './card';

export function searchLink(params: URLSearchParams, rank: number | null): string {
  const sp = new URLSearchParams(params);
  if (rank && rank !== 1) sp.set('rang', String(rank));
  else sp.delete('rang');
  return `${window.location.origin}${window.location.pathname}${hrefFor('parcours', sp)}`;
}

export async function copyLink(params: URLSearchParams, rank: number | null): Promise<void> {
  const url = searchLink(params, rank);
  try {
    await navigator.clipboard.writeText(url);
    announce('Lien copié dans le presse-papiers.');
  } catch {
    window.prompt('Copiez ce lien :', url);
  }
}

export function printNote(params: URLSearchParams, rank: number | null): string {
  return `${rank ? `Parcours ${rank}, recherche` : 'Recherche'} du ${new Date().toLocaleDateString('fr-FR', { dateStyle: 'long' })}, à retrouver sur : ${searchLink(params, rank)}`;
}

/** Prints the results, or only the card of `rank`, with every detail opened. */
export function printPathways(results: HTMLElement, params: URLSearchParams, rank: number | null): void {
  document.body.classList.toggle('print-one', rank !== null);
  const note = results.querySelector('.print-only');
  if (note) note.textContent = printNote(params, rank);
  for (const c of results.querySelectorAll<HTMLElement>('.pathway')) {
    c.classList.toggle('print-target', rank !== null && c.dataset.rank === String(rank));
    for (const d of c.querySelectorAll('details')) d.setAttribute('open', '');
  }
  const done = (): void => {
    document.body.classList.remove('print-one');
    window.removeEventListener('afterprint', done);
  };
  window.addEventListener('afterprint', done);
  window.print();
}

/** The pathways as a CSV, one row per step with its chosen offer, its commune said as the card
 * says it (« près de » a commune its position is only near); an offer whose existence is
 * uncertain carries what the page says of it: the last year the files list it (« pas vue
 * depuis »), and why it is « à confirmer » (the API's `unlisted_note`, in French). */
export function exportCsv(answer: PathwayAnswer, params: URLSearchParams, rank?: number): void {
  const rows: (string | number | null | undefined)[][] = [
    [
      'rang', 'score', 'etape', 'code_diplome', 'diplome', 'type', 'niveau', 'passerelle', 'type_passerelle',
      'origine_passerelle', 'taux_passage', 'part_entrants', 'part_places_reservees', 'etablissement', 'nature',
      'commune', 'departement', 'modalite', 'statut_offre', 'pas_vue_depuis', 'a_confirmer', 'capacite', 'places_internat', 'distance_km',
      'hors_territoire', 'source_offre',
    ],
  ];
  for (const p of answer.pathways) {
    if (rank && p.rank !== rank) continue;
    for (const s of p.steps) {
      const o = s.index ? chosen(s) : undefined;
      const pa = s.passerelle;
      rows.push([
        p.rank, p.score.total, s.index, publicCode(s.code) ? s.code : '', s.name, diplomaTypeFr(s.type, s.code), s.level, pa?.description, pa ? PASSERELLE_KIND_FR[pa.kind] ?? pa.kind : '',
        pa?.origin ? ORIGIN_FR[pa.origin] ?? '' : '', pa?.rate, pa?.entrant_share, pa?.reserved_share,
        o?.actor_name, o ? kindFr(o.actor_kind) : '', o ? offerCommune(o) : '', dept(o?.departement), o ? modalityFr(o.modality) : '',
        o ? STATUS_FR[o.status] ?? o.status : '', o?.last_seen, o?.unlisted_note, o?.capacity, o?.boarding_places, o?.distance_km,
        s.outside_territory ? 'oui' : 'non', o ? cite(o.source) : '',
      ]);
    }
  }
  const name = `parcours-${params.get('from') ?? (params.get('from_level') ? `niveau-${params.get('from_level')}` : 'recherche')}${rank ? `-rang-${rank}` : ''}.csv`;
  downloadText(name, toCsv(rows));
  announce('Fichier CSV téléchargé.');
}
