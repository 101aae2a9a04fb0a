// Réseau: one campus as a graph (actors, platforms, diplomas; memberships, offers, partnerships,
// hosting, passerelles) with filters, search, and a side panel for the selected node.

import cytoscape, { type Core, type ElementDefinition, type NodeSingular } from 'cytoscape';
import fcose from 'cytoscape-fcose';
import { getJSON, cached, isAbort, errorText } from '../lib/api';
import { createCombobox } from '../lib/combobox';
import { h, newId, loading, errorBox, announce, dept } from '../lib/dom';
import {
  EDGE_FR,
  KIND_GROUPS,
  ORIGIN_FR,
  PARTNERSHIP_FR,
  PASSERELLE_KIND_FR,
  STATUS_FR,
  diplomaTypeFr,
  kindFr,
  kindGroup,
  levelFr,
  modalityFr,
} from '../lib/labels';
import { campuses, fillCampusSelect, fillSectorSelect } from '../lib/refs';
import { hrefFor, setParams, type PageInstance } from '../router';
import type { ActorDetail, CampusDetail, DiplomaDetail, Fact, NetEdge, NetNode, Network, Page, PlatformOut } from '../lib/types';

cytoscape.use(fcose);

const EDGE_COLOURS: Record<string, string> = {
  MEMBER_OF: '#9aa0b5',
  OFFERS: '#3a6fb5',
  PARTNERS_WITH: '#b0003a',
  HOSTS: '#18753c',
  PART_OF: '#6a2c91',
  LEADS_TO: '#a0470a',
};

const LEVEL_COLOURS: Record<number, string> = {
  3: '#fde9c8',
  4: '#fbd49a',
  5: '#f6b26b',
  6: '#e69138',
  7: '#c55a11',
  8: '#8a3b06',
};

function fold(s: string): string {
  return s.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase();
}

function nodeTypeFr(n: NetNode): string {
  if (n.type === 'diploma') return `Diplôme · ${diplomaTypeFr(n.kind)} · ${levelFr(n.level)}`;
  if (n.type === 'campus') return 'Campus';
  return kindFr(n.kind);
}

function factsBlock(facts: Fact[]): HTMLElement | null {
  if (!facts.length) return null;
  return h(
    'details',
    { class: 'facts' },
    h('summary', {}, `Faits sourcés (${facts.length})`),
    h('ul', {}, ...facts.map((f) => h('li', {}, f.text, h('span', { class: 'source' }, ` Source : ${f.source}`)))),
  );
}

export function mount(el: HTMLElement, initial: URLSearchParams): PageInstance {
  let params = new URLSearchParams(initial);
  let campus = params.get('campus') ?? 'mecanic-vallee';
  let net: Network | null = null;
  let cy: Core | null = null;
  let ctrl: AbortController | null = null;
  let panelCtrl: AbortController | null = null;
  let selected: string | null = params.get('select');
  const nodesById = new Map<string, NetNode>();

  // ---- controls --------------------------------------------------------------------------
  const campusSel = h('select', { id: 'reseau-campus', name: 'campus' }, h('option', { value: campus }, campus));
  const sectorSel = h('select', { id: 'reseau-secteur', name: 'sector' }, h('option', { value: '' }, 'Tous les secteurs'));
  const typeBoxes = [
    ...KIND_GROUPS.map((g) => ({ id: `g:${g.id}`, label: g.label, color: g.color, glyph: g.glyph })),
    { id: 'diplomas', label: 'Diplômes', color: '#e69138', glyph: 'D' },
  ].map((t) => {
    const id = newId('type');
    const input = h('input', { type: 'checkbox', id, value: t.id, checked: true });
    return {
      ...t,
      input,
      el: h(
        'div',
        { class: 'check legend-item' },
        input,
        h('label', { for: id }, h('span', { class: `pin pin-legend${t.id === 'diplomas' ? ' pin-square' : ''}`, style: `--c:${t.color}`, 'aria-hidden': 'true' }, t.glyph), h('span', {}, t.label)),
      ),
    };
  });
  const edgeBoxes = Object.entries(EDGE_FR).map(([type, label]) => {
    const id = newId('lien');
    const input = h('input', { type: 'checkbox', id, value: type, checked: true });
    return {
      type,
      input,
      el: h(
        'div',
        { class: 'check legend-item' },
        input,
        h('label', { for: id }, h('span', { class: `edge-swatch${type === 'LEADS_TO' ? ' edge-arrow' : ''}`, style: `--c:${EDGE_COLOURS[type]}`, 'aria-hidden': 'true' }), h('span', {}, label)),
      ),
    };
  });
  const search = createCombobox<NetNode>({
    label: 'Rechercher un nœud',
    name: 'recherche-noeud',
    placeholder: 'ex. Champollion, BTS, Ratier',
    minChars: 1,
    search: async (q) => {
      const f = fold(q);
      return [...nodesById.values()]
        .filter((n) => fold(`${n.label} ${n.key} ${n.commune ?? ''}`).includes(f))
        .sort((a, b) => b.degree - a.degree)
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
  const graphEl = h('div', { class: 'graph', id: 'graphe', role: 'img', 'aria-label': 'Graphe du réseau' });
  const graphBox = h('div', { class: 'graph-box' }, graphEl);
  const panel = h('section', { class: 'side-panel', 'aria-labelledby': 'panneau-titre', tabindex: '-1' });
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
      h('div', { class: 'network-main' }, h('div', { class: 'toolbar' }, status, h('div', { class: 'actions' }, fit, relayout)), graphBox, nodeList),
      panel,
    ),
  );
  renderPanelEmpty();

  // ---- graph -----------------------------------------------------------------------------
  function elements(n: Network): ElementDefinition[] {
    const els: ElementDefinition[] = [];
    for (const node of n.nodes) {
      const g = node.type === 'actor' || node.type === 'platform' ? kindGroup(node.kind) : null;
      els.push({
        group: 'nodes',
        data: {
          id: node.id,
          label: node.label.length > 42 ? `${node.label.slice(0, 40)}…` : node.label,
          type: node.type,
          color: node.type === 'diploma' ? LEVEL_COLOURS[node.level ?? 4] ?? '#fbd49a' : node.type === 'campus' ? '#000091' : g!.color,
          group: node.type === 'diploma' ? 'diplomas' : node.type === 'campus' ? 'campus' : `g:${g!.id}`,
          size: node.type === 'campus' ? 46 : 16 + Math.min(26, Math.sqrt(node.degree) * 4),
        },
        classes: node.type,
      });
    }
    for (const e of n.edges) {
      els.push({
        group: 'edges',
        data: { id: e.id, source: e.source, target: e.target, type: e.type, color: EDGE_COLOURS[e.type] ?? '#999' },
        classes: `${e.type}${e.type === 'LEADS_TO' && e.status === 'inferred' ? ' inferred' : ''}${e.status === 'planned' ? ' planned' : ''}`,
      });
    }
    return els;
  }

  function buildGraph(n: Network): void {
    cy?.destroy();
    cy = cytoscape({
      container: graphEl,
      elements: elements(n),
      minZoom: 0.15,
      maxZoom: 3,
      style: [
        {
          selector: 'node',
          style: {
            'background-color': 'data(color)',
            width: 'data(size)',
            height: 'data(size)',
            label: 'data(label)',
            'font-size': 10,
            'font-family': 'system-ui, sans-serif',
            color: '#161616',
            'text-valign': 'bottom',
            'text-margin-y': 3,
            'text-wrap': 'ellipsis',
            'text-max-width': '140px',
            'text-background-color': '#ffffff',
            'text-background-opacity': 0.75,
            'text-background-padding': '1px',
            'min-zoomed-font-size': 8,
            'border-width': 1,
            'border-color': '#ffffff',
          },
        },
        { selector: 'node.diploma', style: { shape: 'round-rectangle', 'border-color': '#7a4a14', 'font-size': 8, 'min-zoomed-font-size': 10, width: 14, height: 14 } },
        { selector: 'node.platform', style: { shape: 'diamond' } },
        { selector: 'node.campus', style: { shape: 'hexagon', color: '#000091', 'font-size': 13, 'font-weight': 'bold' } },
        {
          selector: 'edge',
          style: {
            width: 1.2,
            'line-color': 'data(color)',
            'target-arrow-color': 'data(color)',
            'curve-style': 'bezier',
            opacity: 0.55,
          },
        },
        { selector: 'edge.LEADS_TO', style: { 'target-arrow-shape': 'triangle', 'arrow-scale': 0.7, opacity: 0.3 } },
        { selector: 'edge.inferred', style: { 'line-style': 'dashed' } },
        { selector: 'edge.planned', style: { 'line-style': 'dotted' } },
        { selector: 'edge.MEMBER_OF', style: { opacity: 0.3 } },
        { selector: '.faded', style: { opacity: 0.12, 'text-opacity': 0 } },
        { selector: 'edge.hl', style: { opacity: 1, width: 2.4 } },
        { selector: 'node.hl', style: { 'text-opacity': 1, 'font-size': 11, 'z-index': 10 } },
        { selector: 'node.sel', style: { 'border-width': 4, 'border-color': '#161616', 'font-weight': 'bold', 'font-size': 12, 'z-index': 20 } },
      ],
    });
    cy.on('tap', 'node', (ev) => selectNode((ev.target as NodeSingular).id(), 'none'));
    cy.on('tap', (ev) => {
      if (ev.target === cy) clearSelection();
    });
    applyFilters();
    runLayout();
  }

  function runLayout(): void {
    if (!cy) return;
    // Passerelles (diploma → diploma) are drawn but left out of the layout, so that diplomas sit
    // next to the establishments that offer them instead of forming one dense knot.
    const eles = cy.elements(':visible').not('edge.LEADS_TO');
    eles
      .layout({
        name: 'fcose',
        quality: 'default',
        randomize: true,
        animate: false,
        nodeDimensionsIncludeLabels: false,
        nodeRepulsion: () => 9000,
        idealEdgeLength: (e: cytoscape.EdgeSingular) => (e.hasClass('MEMBER_OF') ? 170 : e.hasClass('OFFERS') ? 60 : 110),
        edgeElasticity: (e: cytoscape.EdgeSingular) => (e.hasClass('MEMBER_OF') ? 0.05 : 0.45),
        gravity: 0.35,
        numIter: 2500,
        padding: 20,
        packComponents: true,
      } as cytoscape.LayoutOptions)
      .run();
    cy.fit(cy.elements(':visible'), 20);
    if (cy.zoom() > 1.4) {
      // A small network would be blown up to the maximum zoom.
      cy.zoom(1.4);
      cy.center(cy.elements(':visible'));
    }
    if (selected) highlight(selected);
  }

  function applyFilters(): void {
    if (!cy) return;
    const shownGroups = new Set(typeBoxes.filter((b) => b.input.checked).map((b) => b.id));
    const shownEdges = new Set(edgeBoxes.filter((b) => b.input.checked).map((b) => b.type));
    cy.batch(() => {
      cy!.nodes().forEach((n) => {
        const g = n.data('group') as string;
        n.style('display', g === 'campus' || shownGroups.has(g) ? 'element' : 'none');
      });
      cy!.edges().forEach((e) => {
        e.style('display', shownEdges.has(e.data('type') as string) ? 'element' : 'none');
      });
    });
    const vn = cy.nodes(':visible').length;
    const ve = cy.edges(':visible').length;
    status.textContent = `${vn} nœud${vn > 1 ? 's' : ''} et ${ve} lien${ve > 1 ? 's' : ''} affichés${net?.truncated ? ` (réseau tronqué : ${net.nodes.length} nœuds sur ${net.total_nodes})` : ''}.`;
    graphEl.setAttribute(
      'aria-label',
      `Graphe du réseau : ${vn} nœuds, ${ve} liens. Au clavier, utilisez la recherche ou la liste des nœuds.`,
    );
  }

  function highlight(id: string): void {
    if (!cy) return;
    const node = cy.getElementById(id);
    cy.elements().removeClass('faded hl sel');
    if (node.empty()) return;
    const hood = node.closedNeighborhood();
    cy.elements().not(hood).addClass('faded');
    hood.addClass('hl');
    node.addClass('sel');
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
    if (!node) return;
    selected = id;
    params.set('select', id);
    params.set('campus', campus);
    setParams('reseau', params);
    highlight(id);
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

  // ---- side panel ------------------------------------------------------------------------
  function renderPanelEmpty(): void {
    panel.replaceChildren(
      h('h2', { id: 'panneau-titre' }, 'Fiche'),
      h('p', { class: 'muted' }, 'Sélectionnez un nœud dans le graphe, la recherche ou la liste pour afficher sa fiche et ses liens.'),
    );
  }

  function neighbours(id: string): { edge: NetEdge; other: NetNode; out: boolean }[] {
    if (!net) return [];
    const res: { edge: NetEdge; other: NetNode; out: boolean }[] = [];
    for (const e of net.edges) {
      if (e.source === id && nodesById.has(e.target)) res.push({ edge: e, other: nodesById.get(e.target)!, out: true });
      else if (e.target === id && nodesById.has(e.source)) res.push({ edge: e, other: nodesById.get(e.source)!, out: false });
    }
    return res;
  }

  function edgeText(e: NetEdge, out: boolean): string {
    switch (e.type) {
      case 'LEADS_TO':
        return `${out ? 'Passerelle vers' : 'Passerelle depuis'} (${PASSERELLE_KIND_FR[e.kind ?? ''] ?? e.kind ?? ''}, ${ORIGIN_FR[e.status ?? ''] ?? e.status ?? ''})`;
      case 'OFFERS':
        return `${out ? 'Propose' : 'Proposé par'} · ${modalityFr(e.kind)}${e.status === 'planned' ? ' · en projet' : ''}`;
      case 'PARTNERS_WITH':
        return `Partenariat · ${PARTNERSHIP_FR[e.kind ?? ''] ?? e.kind ?? ''}${e.status === 'planned' ? ' (en projet)' : ''}`;
      case 'MEMBER_OF':
        return out ? `Membre : ${e.kind ?? ''}` : `Membre : ${e.kind ?? ''}`;
      case 'HOSTS':
        return out ? 'Héberge' : 'Hébergée par';
      case 'PART_OF':
        return out ? 'Fait partie de' : 'Comprend';
      default:
        return EDGE_FR[e.type] ?? e.type;
    }
  }

  function linksBlock(id: string): HTMLElement {
    const list = neighbours(id);
    const byType = new Map<string, typeof list>();
    for (const l of list) {
      const k = l.edge.type;
      byType.set(k, [...(byType.get(k) ?? []), l]);
    }
    return h(
      'div',
      { class: 'links' },
      h('h3', {}, `Liens dans le réseau (${list.length})`),
      list.length ? null : h('p', { class: 'muted' }, 'Aucun lien avec les nœuds affichés.'),
      ...[...byType.entries()].map(([type, items]) =>
        h(
          'div',
          {},
          h('h4', {}, `${EDGE_FR[type] ?? type} (${items.length})`),
          h(
            'ul',
            { class: 'link-list' },
            ...items
              .sort((a, b) => a.other.label.localeCompare(b.other.label, 'fr'))
              .map((l) =>
                h(
                  'li',
                  {},
                  h('button', { type: 'button', class: 'link-button', onclick: () => selectNode(l.other.id, 'center') }, l.other.label),
                  h('span', { class: 'muted' }, ` — ${edgeText(l.edge, l.out)}`),
                ),
              ),
          ),
        ),
      ),
    );
  }

  async function renderPanel(node: NetNode): Promise<void> {
    panelCtrl?.abort();
    panelCtrl = new AbortController();
    const signal = panelCtrl.signal;
    const head = [
      h('h2', { id: 'panneau-titre' }, node.label),
      h('p', { class: 'muted' }, nodeTypeFr(node), node.commune ? ` · ${node.commune}${node.departement ? ` (${dept(node.departement)})` : ''}` : ''),
    ];
    const detail = h('div', { class: 'detail' }, loading('Chargement de la fiche…'));
    const actions = h('p', { class: 'actions' });
    if (node.type === 'actor' || node.type === 'platform') {
      actions.append(h('a', { class: 'btn btn-small', href: hrefFor('carte', { focus: node.id, campus }) }, 'Voir sur la carte'));
    }
    if (node.type === 'diploma') {
      actions.append(
        h('a', { class: 'btn btn-small', href: hrefFor('carte', { focus: node.id, campus }) }, 'Établissements sur la carte'),
        h(
          'a',
          { class: 'btn btn-small', href: hrefFor('parcours', { from: node.key, to_level: String(Math.min(8, (node.level ?? 4) + 1)), campus }) },
          'Parcours depuis ce diplôme',
        ),
      );
    }
    panel.replaceChildren(...head, actions, detail, linksBlock(node.id));
    panel.scrollTop = 0;
    try {
      detail.replaceChildren(...(await detailOf(node, signal)).filter((x): x is HTMLElement => x !== null));
    } catch (e) {
      if (isAbort(e)) return;
      detail.replaceChildren(h('p', { class: 'state state-error', role: 'alert' }, `Fiche indisponible : ${errorText(e)}`));
    }
  }

  async function detailOf(node: NetNode, signal: AbortSignal): Promise<(HTMLElement | null)[]> {
    if (node.type === 'actor') {
      const a = await getJSON<ActorDetail>(`/actors/${encodeURIComponent(node.key)}`, undefined, { signal });
      return [
        a.description ? h('p', {}, a.description) : null,
        h(
          'dl',
          { class: 'facts-list' },
          a.uai ? [h('dt', {}, 'UAI'), h('dd', {}, a.uai)] : null,
          a.boarding_places ? [h('dt', {}, 'Internat'), h('dd', {}, `${a.boarding_places} places`)] : null,
          a.memberships.length ? [h('dt', {}, 'Rôle dans le campus'), ...a.memberships.map((m) => h('dd', {}, `${m.name} : ${m.role ?? 'membre'}`))] : null,
          a.parents.length ? [h('dt', {}, 'Fait partie de'), ...a.parents.map((p) => h('dd', {}, p.name))] : null,
          a.url ? [h('dt', {}, 'Site web'), h('dd', {}, h('a', { href: a.url, rel: 'noopener noreferrer', target: '_blank' }, a.url, h('span', { class: 'sr-only' }, ' (nouvelle fenêtre)')))] : null,
        ),
        a.offers.length
          ? h(
              'details',
              { open: a.offers.length <= 6 },
              h('summary', {}, `Formations proposées (${a.offers.length})`),
              h(
                'ul',
                {},
                ...a.offers.map((o) =>
                  h('li', {}, `${o.name} — ${diplomaTypeFr(o.type)}, ${levelFr(o.level).toLowerCase()} · ${modalityFr(o.modality)}${o.status !== 'open' ? ` · ${STATUS_FR[o.status] ?? o.status}` : ''}${o.capacity != null ? ` · ${o.capacity} places` : ''}`),
                ),
              ),
            )
          : null,
        a.partners.length
          ? h(
              'details',
              {},
              h('summary', {}, `Partenaires (${a.partners.length})`),
              h('ul', {}, ...a.partners.map((p) => h('li', {}, `${p.name} — ${PARTNERSHIP_FR[p.partnership] ?? p.partnership}`, p.description ? h('span', { class: 'muted' }, ` : ${p.description}`) : null))),
            )
          : null,
        factsBlock(a.facts),
        h('p', { class: 'source' }, `Source : ${a.source}`),
      ];
    }
    if (node.type === 'diploma') {
      const d = await getJSON<DiplomaDetail>(`/diplomas/${encodeURIComponent(node.key)}`, undefined, { signal });
      const links = (title: string, items: DiplomaDetail['next']) =>
        items.length
          ? h(
              'details',
              {},
              h('summary', {}, `${title} (${items.length})`),
              h('ul', {}, ...items.map((l) => h('li', {}, `${l.name} — ${PASSERELLE_KIND_FR[l.kind] ?? l.kind}${l.origin ? `, ${ORIGIN_FR[l.origin] ?? l.origin}` : ''}`))),
            )
          : null;
      return [
        h('p', {}, `Code ${d.code}`),
        d.description ? h('p', {}, d.description) : null,
        h(
          'details',
          { open: d.offers.length <= 6 },
          h('summary', {}, `Établissements qui le proposent (${d.offers.length})`),
          h('ul', {}, ...d.offers.map((o) => h('li', {}, `${o.name}${o.commune ? ` (${o.commune})` : ''} · ${modalityFr(o.modality)}${o.status !== 'open' ? ` · ${STATUS_FR[o.status] ?? o.status}` : ''}`))),
        ),
        links('Passerelles vers', d.next),
        links('Passerelles depuis', d.previous),
        h('p', { class: 'source' }, `Source : ${d.source}`),
      ];
    }
    if (node.type === 'platform') {
      const page = await cached<Page<PlatformOut>>('/platforms', { limit: 500 });
      const p = page.items.find((x) => x.id === node.key);
      if (!p) return [h('p', { class: 'muted' }, 'Pas de fiche détaillée pour cette plateforme.')];
      return [
        p.description ? h('p', {}, p.description) : null,
        p.hosts.length ? h('p', {}, `Hébergée par : ${p.hosts.map((x) => x.name).join(', ')}`) : null,
        factsBlock(p.facts),
        h('p', { class: 'source' }, `Source : ${p.source}`),
      ];
    }
    const c = await cached<CampusDetail>(`/campuses/${encodeURIComponent(node.key)}`);
    return [
      h('p', {}, c.name),
      h('p', {}, c.industry),
      c.label_status ? h('p', { class: 'muted' }, c.label_status) : null,
      h('p', {}, `${c.members.length} membres, ${c.sectors.length} secteurs suivis.`),
      factsBlock(c.facts),
      h('p', { class: 'source' }, `Source : ${c.source}`),
    ];
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
            h('h3', {}, `${title} (${items.length})`),
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
      net = await getJSON<Network>(
        `/campuses/${encodeURIComponent(campus)}/network`,
        { diplomas: true, limit: 800, sector: params.get('sector') },
        { signal: ctrl.signal },
      );
      const names = await campuses().catch(() => []);
      for (const n of net.nodes) {
        if (n.type === 'campus') n.label = names.find((c) => c.id === n.key)?.short_name ?? n.label;
      }
      nodesById.clear();
      for (const n of net.nodes) nodesById.set(n.id, n);
      buildGraph(net);
      renderNodeList(net);
      if (selected && nodesById.has(selected)) selectNode(selected, 'fit');
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

  campusSel.addEventListener('change', () => {
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
  for (const b of [...typeBoxes, ...edgeBoxes]) b.input.addEventListener('change', () => applyFilters());

  void fillCampusSelect(campusSel, campus);
  void fillSectorSelect(sectorSel, campus, params.get('sector') ?? '');
  void load();

  return {
    update(next) {
      const nextCampus = next.get('campus') ?? 'mecanic-vallee';
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

