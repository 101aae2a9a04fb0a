// The network drawn with Cytoscape.js: the elements built from GET /campuses/{id}/network, their
// style (colour by kind or level, shape by type), and the fcose layout.

import cytoscape, { type Core, type ElementDefinition } from 'cytoscape';
import fcose from 'cytoscape-fcose';
import { kindGroup } from '../../lib/labels';
import type { Network } from '../../lib/types';
import { nodeLabel } from './labels';

cytoscape.use(fcose);

export const EDGE_COLOURS: Record<string, string> = {
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

export function elements(n: Network): ElementDefinition[] {
  const els: ElementDefinition[] = [];
  // Members of the campus (and the platforms they host) make its core.
  const campusId = n.nodes.find((x) => x.type === 'campus')?.id;
  const members = new Set(n.edges.filter((e) => e.type === 'MEMBER_OF' && e.target === campusId).map((e) => e.source));
  for (const e of n.edges) if (e.type === 'HOSTS' && members.has(e.source)) members.add(e.target);
  for (const node of n.nodes) {
    const g = node.type === 'actor' || node.type === 'platform' ? kindGroup(node.kind) : null;
    els.push({
      group: 'nodes',
      data: {
        id: node.id,
        label: nodeLabel(node.type, node.label),
        full: node.label,
        type: node.type,
        color: node.type === 'diploma' ? LEVEL_COLOURS[node.level ?? 4] ?? '#fbd49a' : node.type === 'campus' ? '#000091' : g!.color,
        group: node.type === 'diploma' ? 'diplomas' : node.type === 'campus' ? 'campus' : `g:${g!.id}`,
        size: node.type === 'campus' ? 46 : 16 + Math.min(26, Math.sqrt(node.degree ?? 0) * 4),
        member: node.type === 'campus' || node.type === 'diploma' || members.has(node.id),
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

const STYLE: cytoscape.StylesheetStyle[] = [
    {
      selector: 'node',
      style: {
        'background-color': 'data(color)',
        width: 'data(size)',
        height: 'data(size)',
        label: 'data(label)',
        'font-size': 12,
        'font-family': 'system-ui, sans-serif',
        color: '#161616',
        'text-valign': 'bottom',
        'text-margin-y': 2,
        'text-wrap': 'wrap',
        'text-max-width': '130px',
        'text-background-color': '#ffffff',
        'text-background-opacity': 0.8,
        'text-background-padding': '1px',
        'min-zoomed-font-size': 7,
        'border-width': 1,
        'border-color': '#ffffff',
      },
    },
    { selector: 'node.diploma', style: { shape: 'round-rectangle', 'border-color': '#7a4a14', 'font-size': 11, width: 14, height: 14 } },
    { selector: 'node.platform', style: { shape: 'diamond' } },
    { selector: 'node.campus', style: { shape: 'hexagon', color: '#000091', 'font-size': 15, 'font-weight': 'bold' } },
    { selector: 'edge', style: { width: 1.2, 'line-color': 'data(color)', 'target-arrow-color': 'data(color)', 'curve-style': 'bezier', opacity: 0.55 } },
    { selector: 'edge.LEADS_TO', style: { 'target-arrow-shape': 'triangle', 'arrow-scale': 0.7, opacity: 0.3 } },
    { selector: 'edge.inferred', style: { 'line-style': 'dashed' } },
    { selector: 'edge.planned', style: { 'line-style': 'dotted' } },
    { selector: 'edge.MEMBER_OF', style: { opacity: 0.3 } },
    // where placeLabels put a label that did not fit under its node; none where none fits
    { selector: 'node.lbl-top', style: { 'text-valign': 'top', 'text-margin-y': -2 } },
    { selector: 'node.lbl-right', style: { 'text-valign': 'center', 'text-halign': 'right', 'text-margin-y': 0, 'text-margin-x': 3 } },
    { selector: 'node.lbl-left', style: { 'text-valign': 'center', 'text-halign': 'left', 'text-margin-y': 0, 'text-margin-x': -3 } },
    { selector: 'node.nolabel', style: { 'text-opacity': 0, 'text-background-opacity': 0 } },
    { selector: '.faded', style: { opacity: 0.12, 'text-opacity': 0, 'text-background-opacity': 0 } },
    { selector: 'edge.hl', style: { opacity: 1, width: 2.4 } },
    { selector: 'node.hl', style: { 'text-opacity': 1, 'text-background-opacity': 0.8, 'z-index': 10 } },
    { selector: 'node.hover', style: { 'text-opacity': 1, label: 'data(full)', 'z-index': 30, 'text-background-opacity': 1 } },
    { selector: 'node.sel', style: { 'border-width': 4, 'border-color': '#161616', 'font-weight': 'bold', 'font-size': 13, 'z-index': 20 } },
];

export function createGraph(container: HTMLElement, n: Network): Core {
  return cytoscape({ container, elements: elements(n), minZoom: 0.15, maxZoom: 3, style: STYLE });
}

/** Lays out the visible elements and fits them; a small network is not blown up. */
export function layout(cy: Core): void {
  // Passerelles (diploma → diploma) are drawn but left out of the layout, so that diplomas sit
  // next to the establishments that offer them instead of forming one dense knot.
  cy.elements(':visible')
    .not('edge.LEADS_TO')
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
  // Spread the nodes to the size of the view, so that the labels are read at zoom 1 (their
  // size in the graph is constant): a dense layout would be shrunk to fit, and its labels
  // with it. Margins for the labels at the edges.
  const nodes = cy.nodes(':visible');
  const bb = nodes.boundingBox({ includeLabels: false, includeOverlays: false });
  // (never closer than the layout put them: on a phone the view zooms out instead, and the
  // labels come back as one zooms in)
  const room = (size: number, margin: number, span: number): number => (size - Math.min(margin, size * 0.3)) / Math.max(span, 1);
  const k = Math.max(1, Math.min(room(cy.width(), 180, bb.w), room(cy.height(), 90, bb.h), 2.5));
  if (k > 1) nodes.positions((node) => ({ x: (node.position('x') - bb.x1) * k, y: (node.position('y') - bb.y1) * k }));
  cy.fit(cy.elements(':visible'), 20);
  if (cy.zoom() > 1) {
    cy.zoom(1);
    cy.center(cy.elements(':visible'));
  }
  placeLabels(cy);
}

type Box = { x1: number; y1: number; x2: number; y2: number };
const overlaps = (a: Box, b: Box): boolean => a.x1 < b.x2 && b.x1 < a.x2 && a.y1 < b.y2 && b.y1 < a.y2;

const PLACES = ['', 'lbl-top', 'lbl-right', 'lbl-left'];

/** Shows a node's label only where it covers no label already shown and no other node, under
 * the node, else above, right or left of it: the campus first, then the most linked nodes.
 * The others show theirs on hover, on selection and beside a selected node. Sets
 * `data-labels` ("shown/visible nodes") and `data-label-overlaps` on the container. */
export function placeLabels(cy: Core): void {
  const nodes = cy.nodes(':visible');
  nodes.removeClass(['nolabel', ...PLACES.filter(Boolean)].join(' '));
  const bodies = new Map<string, Box>();
  nodes.forEach((n) => {
    bodies.set(n.id(), n.boundingBox({ includeLabels: false, includeOverlays: false }));
  });
  const kept: Box[] = [];
  const order = nodes.toArray().sort((a, b) => (b.hasClass('campus') ? 1 : 0) - (a.hasClass('campus') ? 1 : 0) || b.degree(false) - a.degree(false));
  let shown = 0;
  for (const n of order) {
    let placed = false;
    for (const place of PLACES) {
      if (place) n.addClass(place);
      const label = n.boundingBox({ includeNodes: false, includeEdges: false, includeLabels: true, includeOverlays: false });
      if (!kept.some((k) => overlaps(k, label)) && ![...bodies].some(([id, b]) => id !== n.id() && overlaps(b, label))) {
        kept.push(label);
        shown += 1;
        placed = true;
        break;
      }
      if (place) n.removeClass(place);
    }
    if (!placed) n.addClass('nolabel');
  }
  let crossings = 0;
  for (let i = 0; i < kept.length; i++) for (let j = i + 1; j < kept.length; j++) if (overlaps(kept[i], kept[j])) crossings += 1;
  const el = cy.container();
  if (el) {
    el.dataset.labels = `${shown}/${nodes.length}`;
    el.dataset.labelOverlaps = String(crossings);
  }
}

/** Fades everything but the node and its neighbours. */
export function highlight(cy: Core, id: string): void {
  const node = cy.getElementById(id);
  cy.elements().removeClass('faded hl sel');
  if (node.empty()) return;
  const hood = node.closedNeighborhood();
  cy.elements().not(hood).addClass('faded');
  hood.addClass('hl');
  node.addClass('sel');
}
