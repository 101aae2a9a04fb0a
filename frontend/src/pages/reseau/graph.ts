// The network drawn with Cytoscape.js: the elements built from GET /campuses/{id}/network, their
// style (colour by kind or level, shape by type), and the fcose layout.

import cytoscape, { type Core, type ElementDefinition } from 'cytoscape';
import fcose from 'cytoscape-fcose';
import { kindGroup } from '../../lib/labels';
import type { Network } from '../../lib/types';

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
        label: node.label.length > 42 ? `${node.label.slice(0, 40)}…` : node.label,
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
      'font-size': 13,
      'font-family': 'system-ui, sans-serif',
      color: '#161616',
      'text-valign': 'bottom',
      'text-margin-y': 3,
      'text-wrap': 'ellipsis',
      'text-max-width': '140px',
      'text-background-color': '#ffffff',
      'text-background-opacity': 0.75,
      'text-background-padding': '1px',
      'min-zoomed-font-size': 9,
      'border-width': 1,
      'border-color': '#ffffff',
    },
  },
  { selector: 'node.diploma', style: { shape: 'round-rectangle', 'border-color': '#7a4a14', 'font-size': 11, 'min-zoomed-font-size': 9, width: 14, height: 14 } },
  { selector: 'node.platform', style: { shape: 'diamond' } },
  { selector: 'node.campus', style: { shape: 'hexagon', color: '#000091', 'font-size': 16, 'font-weight': 'bold' } },
  { selector: 'edge', style: { width: 1.2, 'line-color': 'data(color)', 'target-arrow-color': 'data(color)', 'curve-style': 'bezier', opacity: 0.55 } },
  { selector: 'edge.LEADS_TO', style: { 'target-arrow-shape': 'triangle', 'arrow-scale': 0.7, opacity: 0.3 } },
  { selector: 'edge.inferred', style: { 'line-style': 'dashed' } },
  { selector: 'edge.planned', style: { 'line-style': 'dotted' } },
  { selector: 'edge.MEMBER_OF', style: { opacity: 0.3 } },
  { selector: '.faded', style: { opacity: 0.12, 'text-opacity': 0 } },
  { selector: 'edge.hl', style: { opacity: 1, width: 2.4 } },
  { selector: 'node.hl', style: { 'text-opacity': 1, 'font-size': 13, 'z-index': 10 } },
  { selector: 'node.sel', style: { 'border-width': 4, 'border-color': '#161616', 'font-weight': 'bold', 'font-size': 14, 'z-index': 20 } },
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
  cy.fit(cy.elements(':visible'), 20);
  if (cy.zoom() > 1.4) {
    cy.zoom(1.4);
    cy.center(cy.elements(':visible'));
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
