// The side panel of the selected node: its record (GET /actors/{id}, /diplomas/{code}, the
// platform or the campus) and its links in the network, each a button to the neighbour.

import { ApiError, getJSON, cached } from '../../lib/api';
import { h, dept, fmtNum, fmtPct } from '../../lib/dom';
import { cite } from '../../lib/sources';
import { EDGE_FR, ORIGIN_FR, PARTNERSHIP_FR, PASSERELLE_KIND_FR, STATUS_FR, communeFromNote, communeSaid, diplomaTypeFr, kindFr, levelFr, levelInSentence, modalityFr, plural } from '../../lib/labels';
import type { ActorDetail, CampusDetail, DiplomaDetail, Fact, FeedersAnswer, NetEdge, NetNode, PlatformOut } from '../../lib/types';
import { hrefFor } from '../../router';

export interface Neighbour {
  edge: NetEdge;
  other: NetNode;
  out: boolean;
}

export function nodeTypeFr(n: NetNode): string {
  if (n.type === 'diploma') return `Diplôme · ${diplomaTypeFr(n.kind)} · ${levelFr(n.level, n.kind, n.key)}`;
  if (n.type === 'campus') return 'Campus';
  return kindFr(n.kind);
}

export function nodePlace(n: NetNode): string {
  return n.commune ? ` · ${communeSaid(n.commune, n.commune_from)}${n.departement ? ` (${dept(n.departement)})` : ''}` : '';
}

function factsBlock(facts: Fact[] | undefined): HTMLElement | null {
  if (!facts?.length) return null;
  return h(
    'details',
    { class: 'facts' },
    h('summary', {}, `Faits sourcés (${facts.length})`),
    h('ul', {}, ...facts.map((f) => h('li', {}, f.text, h('span', { class: 'source' }, ` Source : ${cite(f.source)}`)))),
  );
}

/** A link's heading, read from the selected node: « Proposé par », « Diplômes proposés »… */
export function linkHeading(type: string, out: boolean): string {
  const words: Record<string, [string, string]> = {
    OFFERS: ['Diplômes proposés', 'Proposé par'],
    MEMBER_OF: ['Membre du campus', 'Membres'],
    PARTNERS_WITH: ['Partenaires', 'Partenaires'],
    HOSTS: ['Plateformes hébergées', 'Hébergée par'],
    PART_OF: ['Fait partie de', 'Comprend'],
    LEADS_TO: ['Mène à (passerelles)', 'Accessible depuis (passerelles)'],
  };
  const w = words[type];
  return w ? w[out ? 0 : 1] : EDGE_FR[type] ?? 'Autres liens';
}

/** What a link adds to its heading (modality, kind of partnership, status). */
export function edgeText(e: NetEdge): string {
  const planned = e.status === 'planned' ? 'en projet' : '';
  switch (e.type) {
    case 'LEADS_TO':
      return [PASSERELLE_KIND_FR[e.kind ?? ''] ?? '', ORIGIN_FR[e.status ?? ''] ?? ''].filter(Boolean).join(', ');
    case 'OFFERS':
      return [modalityFr(e.kind), planned].filter(Boolean).join(', ');
    case 'PARTNERS_WITH':
      return [PARTNERSHIP_FR[e.kind ?? ''] ?? '', planned].filter(Boolean).join(', ');
    case 'MEMBER_OF':
      return e.kind ?? '';
    default:
      return planned;
  }
}

export function linksBlock(list: Neighbour[], select: (id: string) => void): HTMLElement {
  const groups = new Map<string, Neighbour[]>();
  for (const l of list) {
    const heading = linkHeading(l.edge.type, l.out);
    groups.set(heading, [...(groups.get(heading) ?? []), l]);
  }
  return h(
    'div',
    { class: 'links' },
    h('h3', {}, `Liens dans le réseau (${list.length})`),
    list.length ? null : h('p', { class: 'muted' }, 'Aucun lien avec les nœuds affichés.'),
    ...[...groups.entries()].map(([heading, items]) =>
      h(
        'div',
        {},
        h('h4', {}, `${heading} (${items.length})`),
        h(
          'ul',
          { class: 'link-list' },
          ...items
            .sort((a, b) => a.other.label.localeCompare(b.other.label, 'fr'))
            .map((l) => {
              const more = edgeText(l.edge);
              return h(
                'li',
                {},
                h('button', { type: 'button', class: 'link-button', onclick: () => select(l.other.id) }, l.other.label),
                more ? h('span', { class: 'muted' }, ` — ${more}`) : null,
              );
            }),
        ),
      ),
    ),
  );
}

async function actorDetail(key: string, signal: AbortSignal): Promise<(HTMLElement | null)[]> {
  const a = await getJSON<ActorDetail>(`/actors/${encodeURIComponent(key)}`, undefined, { signal });
  return [
    a.description ? h('p', {}, a.description) : null,
    h(
      'dl',
      { class: 'facts-list' },
      a.uai ? [h('dt', {}, 'UAI'), h('dd', {}, a.uai)] : null,
      a.commune
        ? [
            h('dt', {}, 'Commune'),
            h('dd', {}, communeSaid(a.commune, a.commune_from), a.commune_from ? h('span', { class: 'muted' }, ` — ${communeFromNote(a.commune_from)}`) : null),
          ]
        : null,
      a.boarding_places ? [h('dt', {}, 'Internat'), h('dd', {}, `${a.boarding_places} places`)] : null,
      a.greta ? [h('dt', {}, 'Formation continue'), h('dd', {}, 'Établissement du réseau GRETA (annuaire de l’éducation)')] : null,
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
              h('li', {}, `${o.name} — ${diplomaTypeFr(o.type, o.diploma)}, ${levelInSentence(o.level)} · ${modalityFr(o.modality)}${o.status !== 'open' ? ` · ${STATUS_FR[o.status] ?? o.status}` : ''}${o.note ? ` (${o.note})` : ''}${o.capacity != null ? ` · ${o.capacity} places` : ''}`),
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
    h('p', { class: 'source' }, `Source : ${cite(a.source)}`),
  ];
}

/** « D'où viennent-ils ? »: the diplomas leading into this one and where they are offered in
 * the campus (GET /feeders), for a manager filling a programme: the direct entrants first, then
 * the earlier steps (a 2de commune leads to a Bac pro first), under their own heading. */
function feedersBlock(a: FeedersAnswer | null): HTMLElement | null {
  if (!a) return null;
  const inside = a.feeders.filter((f) => f.offers.length);
  const direct = inside.filter((f) => f.step !== 'earlier');
  const earlier = inside.filter((f) => f.step === 'earlier');
  const item = (f: FeedersAnswer['feeders'][number]): HTMLElement => {
    const share = f.entrant_share != null ? `${fmtPct(f.entrant_share)} des entrants` : f.rate != null ? `taux de passage ${fmtPct(f.rate)}` : '';
    const how = [share, f.origin === 'documented' ? 'passerelle documentée' : 'passerelle déduite'].filter(Boolean).join(', ');
    const unknown = f.unknown_places ?? 0;
    const known = f.places != null ? ` · ${fmtNum(f.places)} place${f.places >= 2 ? 's' : ''}${unknown ? ' connue' + (f.places >= 2 ? 's' : '') : ''}` : '';
    // places of 1re pro only (a Bac pro of a famille de métiers): not added to the others
    const later = f.later_year_places ?? 0;
    const firstOnly = later ? ` · ${later} établissement${later >= 2 ? 's' : ''} ne donne${later >= 2 ? 'nt' : ''} que des places de 1re pro (non comptées)` : '';
    const places = `${known}${unknown ? ` · capacité inconnue pour ${unknown} établissement${unknown >= 2 ? 's' : ''}` : ''}${firstOnly}`;
    return h(
      'li',
      {},
      h('strong', {}, `${diplomaTypeFr(f.type)} — ${f.name}`),
      h('span', { class: 'muted' }, ` (${how})`),
      h('br'),
      `${f.offers.map((o) => `${o.actor_name}${o.commune ? ` (${communeSaid(o.commune, o.commune_from)})` : ''}`).join(', ')}${places}`,
    );
  };
  const parts: HTMLElement[] = [];
  if (inside.length && direct.length) parts.push(h('h4', { class: 'feeders-direct' }, 'Entrées directes'), h('ol', {}, ...direct.map(item)));
  else if (inside.length) parts.push(h('p', { class: 'muted' }, `Aucun diplôme menant directement à celui-ci n’est proposé ${a.territory_phrase}.`));
  else parts.push(h('p', { class: 'muted' }, `Aucun diplôme menant à celui-ci n’est proposé ${a.territory_phrase}.`));
  if (earlier.length) {
    parts.push(
      h('h4', { class: 'feeders-earlier' }, 'Étapes antérieures'),
      h('p', { class: 'muted' }, a.earlier_note ?? ''),
      h('ol', { class: 'earlier' }, ...earlier.map(item)),
    );
  }
  const more = earlier.length ? ` + ${earlier.length} étape${earlier.length > 1 ? 's' : ''} antérieure${earlier.length > 1 ? 's' : ''}` : '';
  return h('details', { class: 'feeders', open: true }, h('summary', {}, `D’où viennent les entrants ? (${direct.length}${more})`), ...parts);
}

/** A diploma the BCN closed, said as the search says it (« fermé en 2025, remplacé par … »),
 * with a link to the record of each diploma that replaced it; one it closes later, the same
 * (« fermeture prévue en 2027, remplacé par … »); a renewed one, what it replaced. */
export function renewalBlock(d: DiplomaDetail, campus: string): HTMLElement | null {
  const link = (x: DiplomaDetail['successors'][number]): HTMLElement =>
    h('a', { href: hrefFor('reseau', { campus, select: `diploma:${x.code}` }) }, `${x.name}, code ${x.code}`);
  const list = (items: DiplomaDetail['successors']): HTMLElement =>
    items.length === 1 ? h('p', {}, link(items[0])) : h('ul', {}, ...items.map((x) => h('li', {}, link(x))));
  if (d.closed) {
    return h(
      'div',
      { class: 'notice renewal', role: 'note' },
      h('p', {}, h('strong', {}, `Diplôme ${d.note ?? 'fermé'}.`)),
      d.successors.length ? [h('p', {}, d.successors.length > 1 ? 'Fiches des diplômes qui le remplacent :' : 'Fiche du diplôme qui le remplace :'), list(d.successors)] : null,
    );
  }
  const closing = d.note && d.successors.length
    ? h('div', { class: 'notice renewal', role: 'note' },
      h('p', {}, h('strong', {}, `Diplôme en cours de remplacement : ${d.note}.`)),
      h('p', {}, d.successors.length > 1 ? 'Fiches des diplômes qui le remplacent :' : 'Fiche du diplôme qui le remplace :'), list(d.successors))
    : null;
  if (!d.predecessors.length) return closing;
  const replaces = h('div', { class: 'renewal' }, h('p', {}, d.predecessors.length > 1 ? 'Remplace les diplômes fermés :' : 'Remplace le diplôme fermé :'), list(d.predecessors));
  return closing ? h('div', {}, closing, replaces) : replaces;
}

async function diplomaDetail(key: string, signal: AbortSignal, campus: string): Promise<(HTMLElement | null)[]> {
  const [d, feeders] = await Promise.all([
    getJSON<DiplomaDetail>(`/diplomas/${encodeURIComponent(key)}`, undefined, { signal }),
    getJSON<FeedersAnswer>('/feeders', { to: key, campus }, { signal }).catch(() => null),
  ]);
  const links = (title: string, items: DiplomaDetail['next']) =>
    items.length
      ? h(
          'details',
          {},
          h('summary', {}, `${title} (${items.length})`),
          // a campus's passerelle holds where it is documented: said with it, never as a national fact
          h(
            'ul',
            {},
            ...items.map((l) =>
              h(
                'li',
                {},
                `${l.name} — ${PASSERELLE_KIND_FR[l.kind] ?? l.kind}${l.origin && ORIGIN_FR[l.origin] ? `, ${ORIGIN_FR[l.origin]}` : ''}`,
                l.where ? h('span', { class: 'muted' }, ` (${l.where.replace(/\.$/, '')})`) : null,
              ),
            ),
          ),
        )
      : null;
  return [
    h('p', {}, `Code ${d.code}`),
    renewalBlock(d, campus),
    d.description ? h('p', {}, d.description) : null,
    h(
      'details',
      { open: d.offers.length <= 6 },
      h('summary', {}, `Établissements qui le proposent (${d.offers.length})`),
      h('ul', {}, ...d.offers.map((o) => h('li', {}, `${o.name}${o.commune ? ` (${communeSaid(o.commune, o.commune_from)})` : ''} · ${modalityFr(o.modality)}${o.status !== 'open' ? ` · ${STATUS_FR[o.status] ?? o.status}` : ''}`))),
    ),
    feedersBlock(feeders),
    links('Passerelles vers', d.next),
    links('Passerelles depuis', d.previous),
    h('p', { class: 'source' }, `Source : ${cite(d.source)}`),
  ];
}

async function platformDetail(key: string): Promise<(HTMLElement | null)[]> {
  // by its id (a page of the list missed the platforms beyond it); an unknown id: no record
  const p = await cached<PlatformOut>(`/platforms/${encodeURIComponent(key)}`).catch((e: unknown) => {
    if (e instanceof ApiError && e.status === 404) return null;
    throw e;
  });
  if (!p) return [h('p', { class: 'muted' }, 'Pas de fiche détaillée pour cette plateforme.')];
  return [
    p.description ? h('p', {}, p.description) : null,
    p.hosts?.length ? h('p', {}, `Hébergée par : ${p.hosts.map((x) => x.name).join(', ')}`) : null,
    factsBlock(p.facts),
    h('p', { class: 'source' }, `Source : ${cite(p.source)}`),
  ];
}

/** A campus's record counts its members and sectors, in French (« 1 membre », never
 * « 1 membres »). */
export function campusCountsFr(members: number, sectors: number): string {
  return `${plural(members, 'membre')}, ${plural(sectors, 'secteur suivi', 'secteurs suivis')}.`;
}

async function campusDetail(key: string): Promise<(HTMLElement | null)[]> {
  const c = await cached<CampusDetail>(`/campuses/${encodeURIComponent(key)}`);
  return [
    h('p', {}, c.name),
    h('p', {}, c.industry),
    c.label_status ? h('p', { class: 'muted' }, c.label_status) : null,
    h('p', {}, campusCountsFr(c.members.length, c.sectors.length)),
    factsBlock(c.facts),
    h('p', { class: 'source' }, `Source : ${cite(c.source)}`),
  ];
}

/** The record of a node, as the panel shows it. */
export function detailOf(node: NetNode, signal: AbortSignal, campus: string): Promise<(HTMLElement | null)[]> {
  if (node.type === 'actor') return actorDetail(node.key, signal);
  if (node.type === 'diploma') return diplomaDetail(node.key, signal, campus);
  if (node.type === 'platform') return platformDetail(node.key);
  return campusDetail(node.key);
}
