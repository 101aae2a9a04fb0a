// Boxes that scroll on their own (a wide table on a tablet, the network's side panel): reachable
// and scrollable with the keyboard, as WCAG 2.1.1 asks and the WAI-ARIA practice does it: while
// its content overflows, the box is a named region (role="region", aria-label) in the tab order
// (tabindex="0"), so that Tab stops on it and the arrow keys scroll it. A box that does not
// scroll is no tab stop: nothing to do there, and no landmark to wade through.

/** The sizes of a box (an element's scroll and client sizes, in pixels). */
export interface BoxSizes {
  scrollWidth: number;
  clientWidth: number;
  scrollHeight: number;
  clientHeight: number;
}

/** Whether a box's content passes its edges, along either axis (by more than a pixel: browsers
 * round sub-pixel layouts up). A box not laid out (inside a closed <details>) has no overflow.
 *
 *   overflows({ scrollWidth: 720, clientWidth: 660, scrollHeight: 900, clientHeight: 900 }) // → true
 *   overflows({ scrollWidth: 661, clientWidth: 660, scrollHeight: 900, clientHeight: 900 }) // → false
 */
export function overflows(b: BoxSizes): boolean {
  return b.scrollWidth > b.clientWidth + 1 || b.scrollHeight > b.clientHeight + 1;
}

/** The attributes of a box that scrolls or not: while it does, a tab stop, and a region's role
 * and name when it is given `label`; otherwise `idle`, the tabindex it had (null: none).
 *
 *   scrollAttributes(true, 'Lieux affichés', null) // → { tabindex: '0', role: 'region', 'aria-label': 'Lieux affichés' }
 *   scrollAttributes(false, 'Lieux affichés', '-1') // → { tabindex: '-1', role: null, 'aria-label': null }
 */
export function scrollAttributes(
  scrolls: boolean,
  label: string | null,
  idle: string | null,
): Record<'tabindex' | 'role' | 'aria-label', string | null> {
  return {
    tabindex: scrolls ? '0' : idle,
    role: scrolls && label ? 'region' : null,
    'aria-label': scrolls && label ? label : null,
  };
}

/** Keeps `el` keyboard-operable whenever it scrolls: watches its size and its children's (rows
 * added, a <details> opened, the window resized) and sets scrollAttributes. `label`: the
 * region's name, in French; null for a box named already (a section with its heading). */
export function keyboardScroll(el: HTMLElement, label: string | null): void {
  const idle = el.getAttribute('tabindex');
  const apply = (): void => {
    for (const [name, value] of Object.entries(scrollAttributes(overflows(el), label, idle))) {
      if (value === null) el.removeAttribute(name);
      else if (el.getAttribute(name) !== value) el.setAttribute(name, value);
    }
  };
  const sizes = new ResizeObserver(apply);
  const watchChildren = (): void => {
    sizes.disconnect();
    sizes.observe(el);
    for (const c of el.children) sizes.observe(c);
    apply();
  };
  new MutationObserver(watchChildren).observe(el, { childList: true });
  watchChildren();
}

/** A box of class `table-wrap` around a table, keyboard-operable when the table is wider than
 * the screen (keyboardScroll); `label` names it then. */
export function tableBox(label: string, table: HTMLElement): HTMLElement {
  const box = document.createElement('div');
  box.className = 'table-wrap';
  box.append(table);
  keyboardScroll(box, label);
  return box;
}
