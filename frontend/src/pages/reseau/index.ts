// Réseau: one campus as a graph (actors, platforms, diplomas; memberships, offers, partnerships,
// hosting, passerelles) with filters, search, and a side panel for the selected node.

import type { Core, NodeSingular } from 'cytoscape';
import { cached, getJSON, isAbort, errorText } from '../../lib/api';
import { createCombobox } from '../../lib/combobox';
import { keyboardScroll } from '../../lib/scroll';
import { fold } from '../../lib/text';
import { h, newId, loading, errorBox, announce } from '../../lib/dom';
import { EDGE_FR, KIND_GROUPS } from '../../lib/labels';
import { campuses, fillCampusSelect, fillSectorSelect, regions } from '../../lib/refs';
import { parseDepartements } from '../../components/territory';
import type { ActorDetail, CampusDetail, DiplomaDetail, NetNode, Network, PlatformOut } from '../../lib/types';
import { hrefFor, setParams, type PageInstance } from '../../router';
import { EDGE_COLOURS, createGraph, highlight, layout } from './graph';
import { campusesIn, outsideNote, territoryNote } from './labels';
import { detailOf, linksBlock, nodePlace, nodeTypeFr, type Neighbour } from './panel';

export function mount(el: HTMLElement, initial: URLSearchParams): PageInstance {
  let params = new URLSearchParams(initial);
  let campus = params.get('campus') ?? DEFAULT_CAMPUS;
  // a link that names a territory and no campus (region=, departements=, near=): its campus,
  // said above the graph, never a campus of another territory shown as if it were its own
  const linkTerritory = !params.get('campus') && ['region', 'departements', 'near'].some((k) => params.get(k));
  let net: Network | null = null;
  let cy: Core | null = null;
  let ctrl: AbortController | null = null;
  let panelCtrl: AbortController | null = null;
  let selected: string | null = params.get('select');
  const nodesById = new Map<string, NetNode>();

  // ---- controls --------------------------------------------------------------------------
  // the campus is said by its name once the list is there, never by its identifier meanwhile
  const campusSel = h('select', { id: 'reseau-campus', name: 'campus' }, h('option', { value: campus }, 'Chargement des campus…'));
  const sectorSel = h('select', { id: 'reseau-secteur', name: 'sector' }, h('option', { value: '' }, 'Tous les secteurs'));
  // The campus core first (its members and platforms); diplomas, passerelles and the partners
  // outside the campus on demand.
  const wantDiplomas = params.get('diplomes') === '1' || (params.get('select') ?? '').startsWith('diploma:');
  const typeBoxes = [
    ...KIND_GROUPS.map((g) => ({ id: `g:${g.id}`, label: g.label, color: g.color, glyph: g.glyph, on: true })),
    { id: 'diplomas', label: 'Diplômes et passerelles', color: '#e69138', glyph: 'D', on: wantDiplomas },
    { id: 'outside', label: 'Partenaires hors campus', color: '#4a4a4a', glyph: '+', on: params.get('partenaires') === '1' },
  ].map((t) => {
    const id = newId('type');
    const input = h('input', { type: 'checkbox', id, value: t.id, checked: t.on });
    const label = h('label', { for: id }, h('span', { class: `pin pin-legend${t.id === 'diplomas' ? ' pin-square' : ''}`, style: `--c:${t.color}`, 'aria-hidden': 'true' }, t.glyph), h('span', {}, t.label));
    return { ...t, input, el: h('div', { class: 'check legend-item' }, input, label) };
  });
  const edgeBoxes = Object.entries(EDGE_FR).map(([type, label]) => {
    const id = newId('lien');
    const input = h('input', { type: 'checkbox', id, value: type, checked: true });
    const lab = h('label', { for: id }, h('span', { class: `edge-swatch${type === 'LEADS_TO' ? ' edge-arrow' : ''}`, style: `--c:${EDGE_COLOURS[type]}`, 'aria-hidden': 'true' }), h('span', {}, label));
    return { type, input, el: h('div', { class: 'check legend-item' }, input, lab) };
  });
  const search = createCombobox<NetNode>({
    label: 'Rechercher un nœud',
    name: 'recherche-noeud',
    placeholder: 'ex. Champollion, BTS, Ratier',
    minChars: 1,
    search: async (q) => {
      // Any words, in any order, accents and case ignored: « iut figeac » finds « IUT de Figeac ».
      const words = fold(q).split(/[^a-z0-9]+/).filter(Boolean);
      return [...nodesById.values()]
        .filter((n) => {
          const text = fold(`${n.label} ${nodeTypeFr(n)} ${n.commune ?? ''}`);
          return words.every((w) => text.includes(w));
        })
        // What is drawn first, then establishments before diplomas, then the most linked.
        .sort((a, b) => Number(isShown(b.id)) - Number(isShown(a.id)) || Number(b.type !== 'diploma') - Number(a.type !== 'diploma') || (b.degree ?? 0) - (a.degree ?? 0))
        .slice(0, 15)
        .map((n) => ({ value: n.id, label: n.label, hint: nodeTypeFr(n), data: n }));
    },
    onSelect: (opt) => {
      if (opt) selectNode(opt.value, 'center');
    },
  });

  const relayout = h('button', { type: 'button', class: 'btn btn-small', onclick: () => runLayout() }, 'Réorganiser');
  const fit = h('button', { type: 'button', class: 'btn btn-small', onclick: () => cy?.animate({ fit: { eles: cy.elements(':visible'), padding: 30 } }, { duration: 300 }) }, 'Tout voir');
  const controls = h(
    'form',
    { class: 'filters', 'aria-label': 'Filtres du réseau', onsubmit: (ev: Event) => ev.preventDefault() },
    h('div', { class: 'field' }, h('label', { for: 'reseau-campus' }, 'Campus'), campusSel),
    h('div', { class: 'field' }, h('label', { for: 'reseau-secteur' }, 'Filière ou métier'), sectorSel),
    search.root,
    h('fieldset', { class: 'group legend' }, h('legend', {}, 'Nœuds affichés'), ...typeBoxes.map((b) => b.el)),
    h('fieldset', { class: 'group legend' }, h('legend', {}, 'Liens affichés'), ...edgeBoxes.map((b) => b.el)),
  );

  const status = h('p', { class: 'map-status', role: 'status' });
  const territoryBox = h('p', { class: 'notice', role: 'note', hidden: true });
  const graphEl = h('div', { class: 'graph', id: 'graphe', role: 'img', 'aria-label': 'Graphe du réseau' });
  const graphBox = h('div', { class: 'graph-box' }, graphEl);
  const panel = h('section', { class: 'side-panel', 'aria-labelledby': 'panneau-titre', tabindex: '-1' });
  // a long record scrolls inside the panel beside the graph: then a tab stop (named by its title)
  keyboardScroll(panel, null);
  const listBody = h('div', { class: 'node-list' });
  const nodeList = h('details', { class: 'point-list' }, h('summary', {}, 'Liste de tous les nœuds (accès au clavier)'), listBody);

  el.append(
    h(
      'div',
      { class: 'page-head' },
      h('h1', {}, 'Réseau du campus'),
      h('p', { class: 'lead' }, 'Acteurs, plateformes et diplômes du campus, avec leurs liens : adhésion, offres de formation, partenariats, plateformes hébergées et passerelles entre diplômes. Sélectionnez un nœud pour voir sa fiche.'),
    ),
    h(
      'div',
      { class: 'network-layout' },
      h(
        'aside',
        { class: 'map-filters' },
        h('details', { class: 'filters-box', open: !window.matchMedia('(max-width: 60rem)').matches }, h('summary', {}, 'Filtres, recherche et légende'), controls),
      ),
      h('div', { class: 'network-main' }, territoryBox, h('div', { class: 'toolbar' }, status, h('div', { class: 'actions' }, fit, relayout)), graphBox, nodeList),
      panel,
    ),
  );
  renderPanelEmpty();

  // ---- graph -----------------------------------------------------------------------------
  function isShown(id: string): boolean {
    const ele = cy?.getElementById(id);
    return Boolean(ele && ele.nonempty() && ele.visible());
  }

  function buildGraph(n: Network): void {
    cy?.destroy();
    cy = createGraph(graphEl, n);
    cy.on('tap', 'node', (ev) => selectNode((ev.target as NodeSingular).id(), 'none'));
    // a hidden or shortened label in full on hover
    cy.on('mouseover', 'node', (ev) => (ev.target as NodeSingular).addClass('hover'));
    cy.on('mouseout', 'node', (ev) => (ev.target as NodeSingular).removeClass('hover'));
    cy.on('tap', (ev) => {
      if (ev.target === cy) clearSelection();
    });
    applyFilters();
    runLayout();
  }

  function runLayout(): void {
    if (!cy) return;
    layout(cy);
    if (selected) highlight(cy, selected);
  }

  function applyFilters(): void {
    if (!cy) return;
    const shownGroups = new Set(typeBoxes.filter((b) => b.input.checked).map((b) => b.id));
    const shownEdges = new Set(edgeBoxes.filter((b) => b.input.checked).map((b) => b.type));
    cy.batch(() => {
      cy!.nodes().forEach((n) => {
        const g = n.data('group') as string;
        const member = n.data('member') as boolean;
        const shown = g === 'campus' || (shownGroups.has(g) && (member || g === 'diplomas' || shownGroups.has('outside')));
        n.style('display', shown || n.id() === selected ? 'element' : 'none');
      });
      cy!.edges().forEach((e) => {
        const t = e.data('type') as string;
        const onDemand = t === 'LEADS_TO' && !shownGroups.has('diplomas');
        e.style('display', shownEdges.has(t) && !onDemand ? 'element' : 'none');
      });
    });
    const vn = cy.nodes(':visible').length;
    const ve = cy.edges(':visible').length;
    // the partners outside the campus the option would add, said while it is off (a campus
    // of few members looked nearly empty: 3 nodes for Auto-mobilités, 9 pivots in its gaps)
    const outside = shownGroups.has('outside')
      ? 0
      : cy.nodes().filter((n) => {
          const g = n.data('group') as string;
          return g !== 'campus' && g !== 'diplomas' && !(n.data('member') as boolean) && shownGroups.has(g) && n.id() !== selected;
        }).length;
    status.textContent = `${vn} nœud${vn > 1 ? 's' : ''} et ${ve} lien${ve > 1 ? 's' : ''} affichés${net?.truncated ? ` (réseau tronqué : ${net.nodes.length} nœuds sur ${net.total_nodes})` : ''}.${outsideNote(outside)}`;
    graphEl.setAttribute('aria-label', `Graphe du réseau : ${vn} nœuds, ${ve} liens. Au clavier, utilisez la recherche ou la liste des nœuds.`);
  }

  function clearSelection(): void {
    selected = null;
    cy?.elements().removeClass('faded hl sel');
    params.delete('select');
    setParams('reseau', params);
    renderPanelEmpty();
  }

  /** `view`: 'center' pans to the node, 'fit' zooms on its neighbourhood, 'none' keeps the view. */
  function selectNode(id: string, view: 'center' | 'fit' | 'none'): void {
    const node = nodesById.get(id);
    if (!node) {
      if (/^(diploma|actor|platform):/.test(id)) void selectOutside(id);
      return;
    }
    selected = id;
    params.set('select', id);
    params.set('campus', campus);
    setParams('reseau', params);
    if (cy && !cy.getElementById(id).visible()) applyFilters(); // a node shown on demand
    if (cy) highlight(cy, id);
    const ele = cy?.getElementById(id);
    if (cy && ele && ele.nonempty() && ele.visible()) {
      if (view === 'center') cy.animate({ center: { eles: ele } }, { duration: 300 });
      if (view === 'fit') {
        cy.fit(ele.closedNeighborhood(':visible'), 60);
        if (cy.zoom() > 1.6) cy.zoom({ level: 1.6, renderedPosition: ele.renderedPosition() });
      }
    }
    void renderPanel(node);
    announce(`${node.label} sélectionné.`);
  }

  /** A diploma, an establishment or a platform this campus's network does not hold (the one
   * that replaced a closed diploma, linked from its record; a gap report's actor of another
   * territory): its record alone, nothing highlighted. */
  async function selectOutside(id: string): Promise<void> {
    const [type, ...rest] = id.split(':');
    const key = encodeURIComponent(rest.join(':'));
    let node: NetNode;
    try {
      if (type === 'actor') {
        const a = await cached<ActorDetail>(`/actors/${key}`);
        node = { id, type, key: a.id, label: a.name, kind: a.kind, commune: a.commune, departement: a.departement, degree: 0 };
      } else if (type === 'platform') {
        const p = await cached<PlatformOut>(`/platforms/${key}`);
        node = { id, type, key: p.id, label: p.name, kind: p.kind, commune: p.commune, departement: p.departement, degree: 0 };
      } else {
        const d = await cached<DiplomaDetail>(`/diplomas/${key}`);
        node = { id, type: 'diploma', key: d.code, label: d.name, kind: d.type, level: d.level, degree: 0 };
      }
    } catch (e) {
      if (!isAbort(e)) panel.replaceChildren(h('h2', { id: 'panneau-titre' }, 'Fiche'), h('p', { class: 'state state-error', role: 'alert' }, `Fiche indisponible : ${errorText(e)}`));
      return;
    }
    selected = id;
    params.set('select', id);
    if (campus) params.set('campus', campus);
    setParams('reseau', params);
    cy?.elements().removeClass('faded hl sel');
    void renderPanel(node, true);
    announce(`${node.label} sélectionné.`);
  }

  // ---- side panel ------------------------------------------------------------------------
  function renderPanelEmpty(): void {
    panel.replaceChildren(
      h('h2', { id: 'panneau-titre' }, 'Fiche'),
      h('p', { class: 'muted' }, 'Sélectionnez un nœud dans le graphe, la recherche ou la liste pour afficher sa fiche et ses liens.'),
    );
  }

  function neighbours(id: string): Neighbour[] {
    if (!net) return [];
    const res: Neighbour[] = [];
    for (const e of net.edges) {
      if (e.source === id && nodesById.has(e.target)) res.push({ edge: e, other: nodesById.get(e.target)!, out: true });
      else if (e.target === id && nodesById.has(e.source)) res.push({ edge: e, other: nodesById.get(e.source)!, out: false });
    }
    return res;
  }

  async function renderPanel(node: NetNode, outside = false): Promise<void> {
    panelCtrl?.abort();
    panelCtrl = new AbortController();
    const signal = panelCtrl.signal;
    const detail = h('div', { class: 'detail' }, loading('Chargement de la fiche…'));
    const actions = h('p', { class: 'actions' });
    if (node.type === 'actor' || node.type === 'platform') {
      actions.append(h('a', { class: 'btn btn-small', href: hrefFor('carte', { focus: node.id, campus }) }, 'Voir sur la carte'));
    }
    if (node.type === 'diploma') {
      actions.append(
        h('a', { class: 'btn btn-small', href: hrefFor('carte', { focus: node.id, campus }) }, 'Établissements sur la carte'),
        h('a', { class: 'btn btn-small', href: hrefFor('parcours', { from: node.key, to_level: String(Math.min(8, (node.level ?? 4) + 1)), campus }) }, 'Parcours depuis ce diplôme'),
      );
    }
    panel.replaceChildren(
      ...[
        h('h2', { id: 'panneau-titre' }, node.label),
        h('p', { class: 'muted' }, nodeTypeFr(node), nodePlace(node)),
        outside ? h('p', { class: 'muted' }, outsideText(node.type, Boolean(campus))) : null,
        actions,
        detail,
        outside ? null : linksBlock(neighbours(node.id), (id) => selectNode(id, 'center')),
      ].filter((x): x is HTMLElement => x !== null),
    );
    panel.scrollTop = 0;
    try {
      detail.replaceChildren(...(await detailOf(node, signal, campus)).filter((x): x is HTMLElement => x !== null));
    } catch (e) {
      if (isAbort(e)) return;
      detail.replaceChildren(h('p', { class: 'state state-error', role: 'alert' }, `Fiche indisponible : ${errorText(e)}`));
    }
  }

  function renderNodeList(n: Network): void {
    const groups: [string, NetNode[]][] = [
      ['Acteurs', n.nodes.filter((x) => x.type === 'actor')],
      ['Plateformes', n.nodes.filter((x) => x.type === 'platform')],
      ['Diplômes', n.nodes.filter((x) => x.type === 'diploma')],
    ];
    listBody.replaceChildren(
      ...groups
        .filter(([, items]) => items.length)
        .map(([title, items]) =>
          h(
            'div',
            {},
            h('h2', { class: 'list-group-title' }, `${title} (${items.length})`),
            h(
              'ul',
              { class: 'link-list columns' },
              ...items
                .slice()
                .sort((a, b) => a.label.localeCompare(b.label, 'fr'))
                .map((x) => h('li', {}, h('button', { type: 'button', class: 'link-button', onclick: () => selectNode(x.id, 'center') }, x.label))),
            ),
          ),
        ),
    );
  }

  // ---- loading ---------------------------------------------------------------------------
  async function load(): Promise<void> {
    ctrl?.abort();
    ctrl = new AbortController();
    graphBox.querySelector('.state')?.remove();
    status.replaceChildren(loading('Chargement du réseau…'));
    graphBox.setAttribute('aria-busy', 'true');
    try {
      net = await getJSON<Network>(`/campuses/${encodeURIComponent(campus)}/network`, { diplomas: true, limit: 800, sector: params.get('sector') }, { signal: ctrl.signal });
      const names = await campuses().catch(() => []);
      for (const n of net.nodes) {
        if (n.type === 'campus') n.label = names.find((c) => c.id === n.key)?.short_name ?? n.label;
      }
      nodesById.clear();
      for (const n of net.nodes) nodesById.set(n.id, n);
      buildGraph(net);
      renderNodeList(net);
      if (selected && (nodesById.has(selected) || selected.startsWith('diploma:'))) selectNode(selected, 'fit');
      else renderPanelEmpty();
    } catch (e) {
      if (isAbort(e)) return;
      status.textContent = '';
      cy?.destroy();
      cy = null;
      graphBox.prepend(errorBox(e, () => void load()));
    } finally {
      graphBox.removeAttribute('aria-busy');
    }
  }

  /** The campus of a link's territory: the first of those found there, or '' (none: nothing
   * is loaded), with the note that says so. */
  async function campusOfTerritory(p: URLSearchParams): Promise<string> {
    const list = await campuses().catch(() => null);
    if (!list) return DEFAULT_CAMPUS;
    let where: string | null = null;
    let codes: string[] = [];
    const region = p.get('region');
    if (region) {
      const r = (await regions().catch(() => [])).find((x) => x.code === region);
      where = r ? `la région ${r.name}` : 'la région demandée dans le lien (inconnue)';
      codes = r?.departements ?? [];
    } else if (p.get('departements')) {
      const parsed = parseDepartements(p.get('departements')!);
      codes = parsed ?? [];
      where = parsed ? (parsed.length > 1 ? `les départements ${parsed.join(', ')}` : `le département ${parsed[0]}`) : 'les départements demandés dans le lien (inconnus)';
    }
    let found = where === null ? [] : campusesIn(list, region, codes);
    const sector = p.get('sector');
    if (sector && found.length > 1) {
      // a filière of a gap report: the campus that follows it first (another campus's network
      // filtered on it is empty)
      const follows = await Promise.all(found.map((c) => cached<CampusDetail>(`/campuses/${encodeURIComponent(c.id)}`).then((d) => d.sectors.some((x) => x.id === sector)).catch(() => false)));
      found = [...found.filter((_, i) => follows[i]), ...found.filter((_, i) => !follows[i])];
    }
    territoryBox.textContent = territoryNote(where, found.map((c) => c.short_name));
    territoryBox.hidden = false;
    return found[0]?.id ?? '';
  }

  campusSel.addEventListener('change', () => {
    if (!campusSel.value) return;
    territoryBox.hidden = true;
    campus = campusSel.value;
    selected = null;
    params = new URLSearchParams({ campus });
    setParams('reseau', params);
    search.setSelected(null);
    void fillSectorSelect(sectorSel, campus, '');
    void load();
  });
  sectorSel.addEventListener('change', () => {
    if (sectorSel.value) params.set('sector', sectorSel.value);
    else params.delete('sector');
    setParams('reseau', params);
    void load();
  });
  for (const b of [...typeBoxes, ...edgeBoxes])
    b.input.addEventListener('change', () => {
      applyFilters();
      runLayout();
    });

  const begin = async (fromTerritory: boolean): Promise<void> => {
    if (fromTerritory) {
      campus = await campusOfTerritory(params);
      if (!campus) {
        // no campus there: the list to choose one from, no graph of another territory; a
        // node the link selects (a gap report's establishment) has its record alone
        void fillCampusSelect(campusSel, '', '— Choisir un campus —');
        cy?.destroy();
        cy = null;
        net = null;
        nodesById.clear();
        listBody.replaceChildren();
        status.textContent = 'Aucun réseau affiché.';
        if (selected) void selectOutside(selected);
        else renderPanelEmpty();
        return;
      }
    }
    void fillCampusSelect(campusSel, campus);
    void fillSectorSelect(sectorSel, campus, params.get('sector') ?? '');
    void load();
  };
  void begin(linkTerritory);

  return {
    update(next) {
      if (!next.get('campus') && ['region', 'departements', 'near'].some((k) => next.get(k))) {
        // another territory's link in the same tab: its campus, said again
        params = new URLSearchParams(next);
        selected = next.get('select');
        void begin(true);
        return;
      }
      territoryBox.hidden = true;
      const nextCampus = next.get('campus') ?? DEFAULT_CAMPUS;
      const nextSel = next.get('select');
      const sectorChanged = (next.get('sector') ?? '') !== (params.get('sector') ?? '');
      params = new URLSearchParams(next);
      if (nextCampus !== campus || sectorChanged) {
        campus = nextCampus;
        campusSel.value = campus;
        void fillSectorSelect(sectorSel, campus, params.get('sector') ?? '');
        selected = nextSel;
        void load();
      } else if (nextSel && nextSel !== selected) {
        selectNode(nextSel, 'fit');
      } else if (!nextSel && selected) {
        clearSelection();
      }
    },
    destroy() {
      ctrl?.abort();
      panelCtrl?.abort();
      cy?.destroy();
      cy = null;
    },
  };
}

/** The campus shown when a link names none and no territory. */
const DEFAULT_CAMPUS = 'mecanic-vallee';

/** Why a record shows beside a graph that does not hold it (or with no graph). */
function outsideText(type: string, campusShown: boolean): string {
  const what = type === 'diploma' ? 'Ce diplôme n’est' : type === 'platform' ? 'Cette plateforme n’est' : 'Cet acteur n’est';
  return campusShown ? `${what} pas dans le réseau de ce campus.` : `${what} dans le réseau d’aucun campus de ce territoire : sa fiche seule est affichée.`;
}
