// Citations people read: a fact's `source` names a file (one of the campus documents, or a
// public data file); the interface shows the document's title and section instead, with the
// titles GET /sources gives (graph/citations.py makes the same citation on the server side).

import { cached } from './api';
import type { components } from './api-schema';

type Sources = components['schemas']['SourcesOut'];

let catalogue: Sources | null = null;

/** Loads the titles once; the page renders citations only after this settles. */
export function loadSources(): Promise<void> {
  return cached<Sources>('/sources')
    .then((s) => {
      catalogue = s;
    })
    .catch(() => undefined);
}

const DOC = /^\s*(\d{3}_[0-9a-f]{16}\.txt)\s*(.*)$/s;
const PUBLIC_FILE = /[\w.-]+\.(?:csv|json|xlsx?)\b/;
const ANY_FILE = /[\w.-]+\.(?:txt|csv|json|toml|xlsx?)\b/g;
const YEAR = /(?<!\d)(20\d\d)(?!\d)/;
const AS_OF = /état (\d{4})-\d\d-\d\d/;
// An inferred passerelle's source (graph/citations.py INFERRED_CITATION says the same).
// (« (docs/…) » after the rule's name only in a graph stored before answers23)
const INFERRED = /^\s*inferred by rule [\w-]+(?: \([\w./-]+\))?(?: over (.*))?$/s;
const INFERRED_CITATION = "Déduite par l'outil d'une règle générale, non documentée";

function publicFile(name: string, details: string): string {
  const d = catalogue?.datasets.find((x) => x.files.some((f) => new RegExp(f).test(name)));
  const what = d?.name ?? 'Données publiques';
  const year = YEAR.exec(name) ?? AS_OF.exec(details);
  return year ? `${what}, ${year[1]}` : what;
}

function part(text: string): string {
  const inferred = INFERRED.exec(text);
  if (inferred) return inferred[1] ? `${INFERRED_CITATION} (${part(inferred[1])})` : INFERRED_CITATION;
  const m = DOC.exec(text);
  if (m) {
    const title = catalogue?.documents.find((d) => d.file === m[1])?.title ?? 'Document source';
    const rest = m[2].trim();
    return rest ? `${title}, ${rest}` : title;
  }
  const f = PUBLIC_FILE.exec(text);
  if (f) return publicFile(f[0], text);
  return text.replace(ANY_FILE, 'document source').trim();
}

/** The parts of a source that joins several ("; " by the import, " ; " by the seeds): split at
 * each ";" outside parentheses and « » quotes, as graph/citations.py split_sources does. */
export function splitSources(source: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < source.length; i++) {
    const ch = source[i];
    if (ch === '(' || ch === '«') depth += 1;
    else if (ch === ')' || ch === '»') depth = Math.max(0, depth - 1);
    else if (ch === ';' && depth === 0) {
      parts.push(source.slice(start, i));
      start = i + 1;
    }
  }
  parts.push(source.slice(start));
  return parts.map((p) => p.trim()).filter(Boolean);
}

/** "004_….txt §6.1 « … »" → "Dossier de candidature du CMQ Mecanic Vallée, §6.1 « … »". */
export function cite(source: string | null | undefined): string {
  if (!source) return 'Source non précisée';
  const parts = splitSources(source).map(part).filter(Boolean);
  return [...new Set(parts)].join(' ; ');
}
