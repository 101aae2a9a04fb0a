// Parcours: from a diploma held to a goal (level, diploma type, diploma or job), through the offers of a
// territory; ranked pathways as cards and on a map; share by URL; print; CSV.

import { getJSON, cached, isAbort, ApiError } from '../../lib/api';
import { h, loading, errorBox, announce, fmtNum } from '../../lib/dom';
import { diplomaTypeFr, levelInSentence, modalityFr } from '../../lib/labels';
import type { CampusSummary, Pathway, PathwayAnswer, QueryOf } from '../../lib/types';
import { hrefFor, setParams, type PageInstance } from '../../router';
import { pathwayCard } from './card';
import { copyLink, exportCsv, printNote, printPathways } from './export';
import { createParcoursForm } from './form';
import { createPathwayMap, type PathwayMap, type TerritoryShape } from './map';
import { createSelectionPanel } from './compare';
import { isKept, onSelectionChange, toggleKept } from './selection';
import { goalDiplomaText } from './goal-words';

const QUERY_KEYS = [
  'from', 'from_level', 'sector', 'to', 'to_level', 'to_type', 'job', 'campus', 'departements', 'region', 'near',
  'radius_km', 'home', 'modality', 'allow_outside', 'max_steps', 'limit',
] as const satisfies readonly (keyof QueryOf<'/pathways'>)[];

const narrow = (): boolean => window.matchMedia('(max-width: 60rem)').matches;

export function mount(el: HTMLElement, initial: URLSearchParams): PageInstance {
  let params = new URLSearchParams(initial);
  let answer: PathwayAnswer | null = null;
  let selectedRank = Number(params.get('rang') ?? '1') || 1;
  let ctrl: AbortController | null = null;
  let pmap: PathwayMap | null = null;

  const f = createParcoursForm(params);
  const selection = createSelectionPanel();
  const stopWatching = onSelectionChange(() => {
    selection.refresh();
    for (const c of cards.querySelectorAll<HTMLElement>('.pathway')) {
      const p = answer?.pathways.find((x) => String(x.rank) === c.dataset.rank);
      if (p) c.querySelector('[data-action="garder"]')?.setAttribute('aria-pressed', String(isKept(p)));
    }
  });
  const results = h('section', { class: 'results', 'aria-labelledby': 'resultats-titre', 'aria-live': 'polite' });
  const cards = h('div', { class: 'cards' });
  const mapEl = h('div', { id: 'carte-parcours' });
  const mapLegend = h('p', { class: 'map-caption' });
  const mapPanel = h('div', { class: 'map-panel' }, mapEl, mapLegend);
  results.append(h('h2', { id: 'resultats-titre', class: 'sr-only' }, 'Résultats'));

  el.append(
    h(
      'div',
      { class: 'page-head' },
      h('h1', { id: 'parcours-titre' }, 'Trouver un parcours de formation'),
      h(
        'p',
        { class: 'lead' },
        'À partir du diplôme détenu ou d’un niveau, les parcours possibles vers un niveau, un type de diplôme, un diplôme précis ou un métier, ',
        'dans les établissements d’un territoire, avec la passerelle utilisée à chaque étape.',
      ),
    ),
    f.form,
    selection.root,
    results,
  );

  f.form.addEventListener('submit', (ev) => {
    ev.preventDefault();
    const p = f.read(params);
    if (!p) return;
    selectedRank = 1;
    params = p;
    setParams('parcours', params, { push: true });
    void search(true);
  });

  function apiParams(): QueryOf<'/pathways'> {
    const out: Record<string, string> = {};
    for (const k of QUERY_KEYS) {
      const v = params.get(k);
      if (v) out[k] = v;
    }
    return out as QueryOf<'/pathways'>;
  }

  /** `fromForm`: the user asked, so focus moves to the results; a shared link scrolls to them
   * on narrow screens, where the form fills the first screen. */
  async function search(fromForm = false): Promise<void> {
    ctrl?.abort();
    const mine = new AbortController();
    ctrl = mine;
    answer = null;
    f.submit.disabled = true;
    cards.replaceChildren();
    results.replaceChildren(results.firstChild!, loading('Recherche des parcours…'));
    results.setAttribute('aria-busy', 'true');
    try {
      const got = await getJSON<PathwayAnswer>('/pathways', apiParams(), { signal: mine.signal });
      // an answer that arrived just as a newer search began (too late to be aborted) is not
      // shown over it
      if (ctrl !== mine) return;
      answer = got;
      renderAnswer(answer);
      const head = results.querySelector<HTMLElement>('.results-summary');
      if (fromForm && head) {
        head.setAttribute('tabindex', '-1');
        head.focus();
      } else if (head && selectedRank === (answer.pathways[0]?.rank ?? 1) && narrow()) {
        head.scrollIntoView({ block: 'start' });
      }
    } catch (e) {
      if (isAbort(e) || ctrl !== mine) return;
      if (untrainedJob(e)) {
        renderUntrained(e.message, fromForm);
        return;
      }
      results.replaceChildren(results.firstChild!, errorBox(e, () => void search(), suggestionsOf(e)));
    } finally {
      if (ctrl === mine) {
        f.submit.disabled = false;
        results.removeAttribute('aria-busy');
      }
    }
  }

  /** The API's 404 for a job the ROME reference knows but nothing of the data trains for
   * (code `job_untrained`): an answer — no pathway can reach it —, not an error to retry. */
  function untrainedJob(e: unknown): e is ApiError {
    return e instanceof ApiError && (e.detail as { code?: unknown } | null)?.code === 'job_untrained';
  }

  function renderUntrained(why: string, fromForm: boolean): void {
    const head = h('p', { class: 'results-summary' }, h('strong', {}, 'Aucun parcours trouvé'), ' vers ce métier.');
    results.replaceChildren(
      results.firstChild!,
      h('div', { class: 'results-head' }, head),
      h(
        'div',
        { class: 'state state-empty' },
        h('p', {}, h('strong', {}, 'Pourquoi : '), why),
        h('p', {}, 'Choisissez un métier proche, ou visez un niveau ou un type de diplôme.'),
      ),
    );
    if (fromForm) {
      head.setAttribute('tabindex', '-1');
      head.focus();
    }
    announce('Aucun parcours trouvé.');
  }

  function suggestionsOf(e: unknown): Node | undefined {
    if (!(e instanceof ApiError) || !e.suggestions.length) return undefined;
    return h(
      'div',
      {},
      h('p', {}, 'Diplômes proches :'),
      h(
        'ul',
        {},
        ...e.suggestions.map((s) => {
          const p = new URLSearchParams(params);
          p.set('from', s.split(' ')[0]);
          return h('li', {}, h('a', { href: hrefFor('parcours', p) }, s));
        }),
      ),
    );
  }

  function renderAnswer(a: PathwayAnswer): void {
    const shown = a.pathways.length;
    const summary = h(
      'div',
      { class: 'results-head' },
      h(
        'p',
        { class: 'results-summary' },
        h('strong', {}, a.count ? `${fmtNum(a.count)} parcours trouvé${a.count > 1 ? 's' : ''}` : 'Aucun parcours trouvé'),
        shown < a.count ? ` (les ${shown} mieux classés sont affichés)` : '',
        ` — ${criteriaText(a)}.`,
      ),
    );
    const actions = h('div', { class: 'actions no-print' });
    if (shown) {
      actions.append(
        h('button', { type: 'button', class: 'btn', onclick: () => answer && exportCsv(answer, params) }, 'Exporter en CSV'),
        h('button', { type: 'button', class: 'btn', onclick: () => printPathways(results, params, null) }, 'Imprimer ou PDF'),
        h('button', { type: 'button', class: 'btn', onclick: () => void copyLink(params, null) }, 'Copier le lien de la recherche'),
      );
      if (shown < a.count && shown < 50) {
        actions.append(
          h(
            'button',
            {
              type: 'button',
              class: 'btn btn-ghost',
              onclick: () => {
                params.set('limit', String(Math.min(50, shown + 10)));
                setParams('parcours', params);
                void search();
              },
            },
            'Afficher 10 parcours de plus',
          ),
        );
      }
    }
    // what the learner must read first: e.g. the data holds no programme of the goal here
    // (with no pathway, the reason below already begins with the notice it explains: said once)
    for (const notice of a.notices ?? []) {
      if (!shown && a.reason?.includes(notice)) continue;
      summary.append(h('p', { class: 'notice', role: 'note' }, notice));
    }
    // the answer is partial: goal diplomas of the field offered here that no known passerelle
    // reaches from the start (set by the API only when pathways were found)
    if (shown && a.unreached_goals) {
      summary.append(
        h('p', { class: 'notice partial-answer', role: 'note' }, h('strong', {}, 'Réponse partielle : '), a.unreached_goals.sentence),
      );
    }
    summary.append(actions, h('p', { class: 'print-only' }, printNote(params, null)));
    results.replaceChildren(results.firstChild!, summary);
    if (!shown) {
      results.append(
        h(
          'div',
          { class: 'state state-empty' },
          a.reason ? h('p', {}, h('strong', {}, 'Pourquoi : '), a.reason) : null,
          // the files cannot know such a way (admissions after a Bac+2, a goal no offer names
          // anywhere such as a BP): a wider territory would not help (tester19, tester20)
          a.files_cannot_tell
            ? h('p', {}, 'Les fichiers publics ne décrivent pas cette voie : un territoire plus large n’y changerait rien. Renseignez-vous auprès des établissements visés.')
            : h('p', {}, 'Essayez un territoire plus large, une autre modalité, ou acceptez des étapes hors du territoire.'),
        ),
      );
      return;
    }
    const criteria = criteriaText(a);
    const query = new URLSearchParams(params).toString();
    const act = {
      show: (rank: number) => selectRank(rank, true),
      keep: (p: Pathway) => toggleKept(p, query, criteria),
      kept: (p: Pathway) => isKept(p),
      copy: (rank: number) => void copyLink(params, rank),
      print: (rank: number) => printPathways(results, params, rank),
      csv: (rank: number) => answer && exportCsv(answer, params, rank),
    };
    cards.replaceChildren(...a.pathways.map((p) => pathwayCard(p, Boolean(params.get('home')), act)));
    results.append(h('div', { class: 'results-grid' }, h('div', { class: 'cards-col' }, cards), mapPanel));
    if (pmap) pmap.invalidate();
    else pmap = createPathwayMap(mapEl, mapLegend);
    if (!a.pathways.some((p) => p.rank === selectedRank)) selectedRank = a.pathways[0].rank;
    selectRank(selectedRank, false);
    if (selectedRank !== a.pathways[0].rank) cards.querySelector(`[data-rank="${selectedRank}"]`)?.scrollIntoView({ block: 'start' });
    announce(`${a.count} parcours trouvé${a.count > 1 ? 's' : ''}.`);
  }

  function selectRank(rank: number, userAction: boolean): void {
    selectedRank = rank;
    const p = answer?.pathways.find((x) => x.rank === rank);
    for (const c of cards.querySelectorAll<HTMLElement>('.pathway')) {
      const on = c.dataset.rank === String(rank);
      c.classList.toggle('is-selected', on);
      c.querySelector('[data-action="carte"]')?.setAttribute('aria-pressed', String(on));
    }
    const sp = new URLSearchParams(params);
    if (rank !== 1) sp.set('rang', String(rank));
    setParams('parcours', sp);
    if (!p || !pmap) return;
    void territoryShape().then((t) => pmap?.draw(p, f.homePlace(), t));
    if (userAction) {
      announce(`Parcours ${rank} affiché sur la carte.`);
      if (narrow()) mapEl.scrollIntoView({ behavior: 'smooth', block: 'center' });
    }
  }

  async function territoryShape(): Promise<TerritoryShape> {
    let codes: string[] = [];
    if (params.get('departements')) codes = params.get('departements')!.split(',');
    else if (params.get('region')) codes = await f.territory.regionDepartements(params.get('region')!);
    else if (params.get('campus')) {
      const list = await cached<CampusSummary[]>('/campuses').catch(() => []);
      codes = list.find((c) => c.id === params.get('campus'))?.departements ?? [];
    }
    // a radius with no centre is drawn around the learner's home (the API's reading)
    const centre = params.get('near') ? f.territory.nearPlace() : params.get('radius_km') && params.get('home') ? f.homePlace() : null;
    const key = ['departements', 'region', 'campus', 'near', 'radius_km', 'home'].map((k) => params.get(k) ?? '').join('|');
    return { key, codes, near: centre, radiusKm: Number(params.get('radius_km') ?? '0') };
  }

  /** The search in words: start, goal, territory, and the conditions that were set. */
  function criteriaText(a: PathwayAnswer): string {
    const extra = [
      params.get('home') ? `depuis ${f.homePlace()?.name ?? "la commune de l'élève"}` : '',
      params.get('modality') ? `en ${modalityFr(params.get('modality')).toLowerCase()}` : '',
    ].filter(Boolean);
    return `${startText(a)} vers ${goalText(a)}, ${a.territory_phrase}${extra.length ? `, ${extra.join(', ')}` : ''}`;
  }

  /** The start as the API names it: a diploma with its article (« du Bac pro … (40025014) »),
   * or a level and its field (« à partir d'un diplôme de niveau 3, secteur Soudeurs »); the end
   * of 3e (from_level=2) is no diploma: « de la fin de 3e (sans diplôme) », as the API says it. */
  function startText(a: PathwayAnswer): string {
    const level = params.get('from_level');
    return level && level !== '2' && !params.get('from') ? `à partir d’un diplôme de ${a.start},` : a.start_phrase;
  }

  /** The goal and territory in the interface's words (the API's use ids). */
  function goalText(a: PathwayAnswer): string {
    // the API names an unknown goal code « diplôme XYZ »
    if (params.get('to')) return goalDiplomaText(a.goal);
    if (params.get('to_level')) return `le ${levelInSentence(Number(params.get('to_level')))} ou plus`;
    if (params.get('to_type')) return `un diplôme de type « ${diplomaTypeFr(params.get('to_type'))} »`;
    const job = params.get('job') ?? (params.get('from') ? params.get('sector') : null);
    if (job) {
      const label = f.jobLabel(job);
      // a sector by its name in the list, else as the API names it (« métier ROME H2903 »)
      return label ? `le métier ou la filière « ${label} »` : `le ${a.goal}`;
    }
    return a.goal;
  }

  // ---- start -----------------------------------------------------------------------------
  /** No start (diploma or level) in the link: the invitation, never the answer of an earlier
   * search. */
  function showEmpty(): void {
    ctrl?.abort();
    ctrl = null;
    f.submit.disabled = false;
    results.removeAttribute('aria-busy');
    answer = null;
    pmap?.destroy();
    pmap = null;
    results.replaceChildren(
      results.firstChild!,
      h(
        'div',
        { class: 'state state-empty' },
        h('p', {}, 'Choisissez un diplôme ou un niveau de départ et un objectif, puis lancez la recherche. Exemple : '),
        h(
          'p',
          {},
          h(
            'a',
            { href: hrefFor('parcours', { from: '40025014', to_level: '7', departements: '12,46' }) },
            'du bac pro Technicien en réalisation de produits mécaniques vers le niveau 7 en Aveyron et dans le Lot',
          ),
        ),
      ),
    );
  }

  function showBadTerritory(): void {
    ctrl?.abort();
    ctrl = null;
    answer = null;
    pmap?.destroy();
    pmap = null;
    results.removeAttribute('aria-busy');
    results.replaceChildren(
      results.firstChild!,
      h(
        'div',
        { class: 'state state-error', role: 'alert' },
        h('p', {}, h('strong', {}, 'Territoire du lien inconnu : '), 'aucune recherche n’a été faite. Corrigez le territoire dans le formulaire, puis lancez la recherche.'),
      ),
    );
  }

  const start = (): void => {
    const asked = Boolean(params.get('from') || params.get('from_level'));
    if (!asked) showEmpty();
    void f.set(params).then(() => {
      if (!asked) return;
      // a campus or a région of the link the data does not know: said (read() marks the
      // field), never searched as all of France
      if (f.territory.unknownPlace() && f.territory.read(new URLSearchParams())) showBadTerritory();
      else void search();
    });
  };
  start();

  return {
    update(next) {
      const sameQuery = QUERY_KEYS.every((k) => (next.get(k) ?? '') === (params.get(k) ?? ''));
      const rank = Number(next.get('rang') ?? '1') || 1;
      if (sameQuery && answer) {
        if (rank !== selectedRank) selectRank(rank, false);
        return;
      }
      params = new URLSearchParams(next);
      selectedRank = rank;
      start();
    },
    destroy() {
      stopWatching();
      ctrl?.abort();
      pmap?.destroy();
      pmap = null;
    },
  };
}
