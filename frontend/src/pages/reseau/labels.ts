// How the network's drawing names its nodes: a pure rule, used by graph.ts.

/** Past this length a node's label is cut at a word, with « … »; the drawing wraps it on
 * lines of 130 px (graph.ts), and the full name shows on hover, in the panel and the list. */
export const LABEL_MAX = 64;

/** A label of at most LABEL_MAX characters, cut at a word boundary when longer. */
function cut(s: string): string {
  if (s.length <= LABEL_MAX) return s;
  const head = s.slice(0, LABEL_MAX - 1);
  const space = head.lastIndexOf(' ');
  return `${(space > LABEL_MAX / 2 ? head.slice(0, space) : head).replace(/[\s,;:–-]+$/, '')}…`;
}

/** A name short enough to label a node (the panel and the list give the full name): lycée
 * types and CFAs abbreviated as counsellors write them, a subtitle after « – » or a long
 * parenthesis dropped, the name in parentheses kept for a long name when it is short
 * (an acronym: « CFAI Occitanie Midi-Pyrénées »). */
export function shortLabel(name: string): string {
  let s = name
    .replace(/^Lycée polyvalent /, 'LPO ')
    .replace(/^Lycée général et technologique /, 'LGT ')
    .replace(/^Lycée professionnel /, 'LP ')
    .replace(/^Centre de formation (des|d['’]) ?apprentis\b/i, 'CFA')
    .split(' – ')[0]
    .trim();
  const paren = /^(.*\S)\s*\(([^()]*)\)$/.exec(s);
  if (s.length > 32 && paren) s = paren[2].length <= 32 ? paren[2] : paren[1];
  return cut(s);
}

/** A node's label on the drawing: a diploma's name whole up to LABEL_MAX characters (its
 * full name says what it is), an establishment's or a platform's shortened (shortLabel). */
export function nodeLabel(type: string, label: string): string {
  if (type !== 'diploma') return shortLabel(label);
  return cut(label);
}

/** What the option « Partenaires hors campus » would add, said while it is off: `count`
 * actors of the campus's network that are not its members (partners, actors its documents
 * cite); empty when none. */
export function outsideNote(count: number): string {
  if (count <= 0) return '';
  const them = count > 1 ? `${count} autres acteurs, non membres du campus, s’affichent` : '1 autre acteur, non membre du campus, s’affiche';
  return ` ${them} en cochant « Partenaires hors campus ».`;
}

/** A département code as the lists compare it: « 012 » and « 12 » are the Aveyron. */
const dept = (c: string): string => c.toUpperCase().replace(/^0(?=\d\d$|2[AB]$)/, '');

export interface CampusPlace {
  id: string;
  short_name: string;
  departements: string[];
  region_code?: string | null;
}

/** The campuses of a territory a link names (`region=` or `departements=`): those whose
 * départements meet it, or of the région asked; in the list's order. */
export function campusesIn<C extends CampusPlace>(list: C[], region: string | null, departements: string[]): C[] {
  const wanted = new Set(departements.map(dept));
  return list.filter((c) => (region !== null && c.region_code === region) || c.departements.some((d) => wanted.has(dept(d))));
}

/** What Réseau says of a link that names a territory and no campus: a network is one campus's.
 * `where`: the territory as a phrase (« la région Hauts-de-France »); `found`: its campuses'
 * names (the first is shown); `where` null: a commune's radius, which the page cannot read. */
export function territoryNote(where: string | null, found: string[]): string {
  const lead = 'Le réseau se lit campus par campus';
  if (where === null) return `${lead} : le territoire du lien n’est pas pris en compte ici. Choisissez un campus dans la liste.`;
  if (!found.length) return `${lead}, et aucun campus des données ne se trouve dans ${where} : aucun réseau n’est affiché. Choisissez un campus dans la liste.`;
  if (found.length === 1) return `${lead} : ${found[0]}, seul campus des données dans ${where}, est affiché.`;
  return `${lead} : ${found.length} campus des données se trouvent dans ${where} (${found.join(', ')}) ; ${found[0]} est affiché, les autres sont dans la liste « Campus ».`;
}
