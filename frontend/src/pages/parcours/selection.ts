// The pathways a counsellor keeps across searches, stored in this browser (localStorage): each
// with the search it came from, so that it can be compared, printed or found again later.

import type { Pathway } from '../../lib/types';

export interface Kept {
  key: string;
  savedAt: string;
  /** The URL parameters of the search it came from. */
  query: string;
  /** The search in words (start, goal, territory). */
  criteria: string;
  pathway: Pathway;
}

const STORAGE = 'cmq.selection';
const MAX = 12;
const listeners = new Set<() => void>();

/** The same pathway (same diplomas, same establishments) has the same key in any search. */
export function pathwayKey(p: Pathway): string {
  return p.steps.map((s) => `${s.code}@${(s.offers ?? []).find((o) => o.chosen)?.actor_id ?? ''}`).join('>');
}

export function keptList(): Kept[] {
  try {
    const raw = JSON.parse(window.localStorage.getItem(STORAGE) ?? '[]') as unknown;
    return Array.isArray(raw) ? (raw as Kept[]).filter((k) => k && typeof k.key === 'string' && k.pathway) : [];
  } catch {
    return [];
  }
}

function save(list: Kept[]): void {
  try {
    window.localStorage.setItem(STORAGE, JSON.stringify(list.slice(0, MAX)));
  } catch {
    /* storage full or refused: the selection lives until the page closes */
  }
  for (const l of listeners) l();
}

export function isKept(p: Pathway): boolean {
  const key = pathwayKey(p);
  return keptList().some((k) => k.key === key);
}

/** Keeps or drops `p`; returns whether it is kept now. */
export function toggleKept(p: Pathway, query: string, criteria: string): boolean {
  const key = pathwayKey(p);
  const list = keptList();
  if (list.some((k) => k.key === key)) {
    save(list.filter((k) => k.key !== key));
    return false;
  }
  save([{ key, savedAt: new Date().toISOString(), query, criteria, pathway: p }, ...list]);
  return true;
}

export function dropKept(key: string): void {
  save(keptList().filter((k) => k.key !== key));
}

export function onSelectionChange(fn: () => void): () => void {
  listeners.add(fn);
  const storage = (ev: StorageEvent): void => {
    if (ev.key === STORAGE) fn();
  };
  window.addEventListener('storage', storage);
  return () => {
    listeners.delete(fn);
    window.removeEventListener('storage', storage);
  };
}
