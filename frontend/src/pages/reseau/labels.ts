// How the network's drawing names its nodes: a pure rule, used by graph.ts.

/** A name short enough to label a node (the panel and the list give the full name): lycée
 * types abbreviated as counsellors write them, a subtitle after « – » or a long parenthesis
 * dropped, an acronym in parentheses kept for a long name. */
export function shortLabel(name: string): string {
  let s = name
    .replace(/^Lycée polyvalent /, 'LPO ')
    .replace(/^Lycée général et technologique /, 'LGT ')
    .replace(/^Lycée professionnel /, 'LP ')
    .split(' – ')[0]
    .trim();
  const paren = /^(.*\S)\s*\(([^()]*)\)$/.exec(s);
  if (s.length > 32 && paren) s = paren[2].length <= 16 ? paren[2] : paren[1];
  return s.length > 40 ? `${s.slice(0, 38)}…` : s;
}

/** A node's label on the drawing: a diploma's name cut at 40 characters (its full name says
 * what it is), an establishment's or a platform's shortened (shortLabel). */
export function nodeLabel(type: string, label: string): string {
  if (type !== 'diploma') return shortLabel(label);
  return label.length > 42 ? `${label.slice(0, 40)}…` : label;
}
