// Tiny DOM helpers: every text from the API goes through textContent (never innerHTML).

import { errorText } from './api';

type Child = Node | string | number | null | undefined | false;
type Attrs = Record<string, string | number | boolean | null | undefined | EventListener>;

export function h<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attrs: Attrs = {},
  ...children: (Child | Child[])[]
): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v === undefined || v === null || v === false) continue;
    if (k.startsWith('on') && typeof v === 'function') {
      el.addEventListener(k.slice(2).toLowerCase(), v as EventListener);
    } else if (k === 'class') {
      el.className = String(v);
    } else if (v === true) {
      el.setAttribute(k, '');
    } else {
      el.setAttribute(k, String(v));
    }
  }
  append(el, ...children);
  return el;
}

export function append(el: Element, ...children: (Child | Child[])[]): void {
  for (const c of children.flat()) {
    if (c === null || c === undefined || c === false) continue;
    el.append(c instanceof Node ? c : document.createTextNode(String(c)));
  }
}

let uid = 0;
export function newId(prefix = 'id'): string {
  uid += 1;
  return `${prefix}-${uid}`;
}

/** A "loading" message announced to assistive technologies. */
export function loading(text = 'Chargement…'): HTMLElement {
  return h('p', { class: 'state state-loading', role: 'status' }, h('span', { class: 'spinner', 'aria-hidden': 'true' }), text);
}

/** An error box with an optional retry button. */
export function errorBox(e: unknown, retry?: () => void, extra?: Node): HTMLElement {
  return h(
    'div',
    { class: 'state state-error', role: 'alert' },
    h('p', {}, h('strong', {}, 'Erreur : '), errorText(e)),
    extra ?? null,
    retry ? h('button', { type: 'button', class: 'btn', onclick: () => retry() }, 'Réessayer') : null,
  );
}

export function empty(text: string): HTMLElement {
  return h('p', { class: 'state state-empty' }, text);
}

/** Live region shared by the whole app for short announcements. */
export function announce(text: string): void {
  const el = document.getElementById('annonces');
  if (!el) return;
  el.textContent = '';
  window.setTimeout(() => {
    el.textContent = text;
  }, 50);
}

/** A distance in words, by the rule of the answers' sentences (graph/place_precision.py
 * km_phrase, whole_km): the distance to 0.1 km rounded half up to the km, « moins de 1 km »
 * under it; a step of 1.4 km and a trip of 1.4 km both read « 1 km » (a step said « 1,4 km »
 * beside « Trajet total 1 km »).
 *
 *   fmtKm(1.4) // → '1 km'    fmtKm(2.5) // → '3 km'    fmtKm(0.4) // → 'moins de 1 km'
 */
export function fmtKm(km: number | null | undefined): string {
  if (km === null || km === undefined) return '—';
  const tenths = Math.round(km * 10) / 10;
  if (tenths < 1) return 'moins de 1 km';
  return `${Math.floor(tenths + 0.5).toLocaleString('fr-FR')} km`;
}

export function fmtPct(x: number | null | undefined): string {
  if (x === null || x === undefined) return '—';
  return `${(x * 100).toLocaleString('fr-FR', { maximumFractionDigits: 1 })} %`;
}

export function fmtNum(x: number | null | undefined, digits = 0): string {
  if (x === null || x === undefined) return '—';
  // a value that rounds to zero is « 0 », never « -0 » (-0.03 points of distance, tester22)
  const scale = 10 ** digits;
  const shown = Math.round(Math.abs(x) * scale) === 0 ? 0 : x;
  return shown.toLocaleString('fr-FR', { maximumFractionDigits: digits });
}

/** Points of a score's term, signed: « +6 », « -2,4 », and « 0 » (no sign) for a term that
 * rounds to zero. */
export function fmtPoints(x: number, digits = 1): string {
  const text = fmtNum(x, digits);
  return x > 0 && text !== '0' ? `+${text}` : text;
}

export function debounce<A extends unknown[]>(fn: (...args: A) => void, ms: number): (...args: A) => void {
  let t: number | undefined;
  return (...args: A) => {
    window.clearTimeout(t);
    t = window.setTimeout(() => fn(...args), ms);
  };
}

/** Triggers a file download of a text made in the page (CSV). */
export function downloadText(filename: string, text: string, type = 'text/csv;charset=utf-8'): void {
  const blob = new Blob([text], { type });
  const url = URL.createObjectURL(blob);
  const a = h('a', { href: url, download: filename, hidden: true });
  document.body.append(a);
  a.click();
  a.remove();
  window.setTimeout(() => URL.revokeObjectURL(url), 1000);
}

/** CSV with ';' separators and a BOM, as spreadsheet programs in French locales expect. */
export function toCsv(rows: (string | number | null | undefined)[][]): string {
  const cell = (v: string | number | null | undefined): string => {
    if (v === null || v === undefined) return '';
    // Text starting like a formula gets a leading apostrophe: spreadsheets show it as text
    // (CSV injection; the same rule as graph/csv_cells.py for the server's CSV).
    const s = typeof v === 'number' ? String(v).replace('.', ',') : /^[=+\-@\t\r]/.test(v) ? `'${v}` : v;
    return /[;"\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
  };
  return '\uFEFF' + rows.map((r) => r.map(cell).join(';')).join('\r\n') + '\r\n';
}

/** Departement code for display: '046' → '46', '02A' → '2A'. */
export function dept(code: string | null | undefined): string {
  if (!code) return '';
  return code.replace(/^0(?=\d\d$|\d[AB]$)/, '');
}
