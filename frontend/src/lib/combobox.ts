// An accessible autocomplete (WAI-ARIA 1.2 combobox with a listbox popup) fed by an async search.

import { h, newId, debounce } from './dom';
import { isAbort, errorText } from './api';

export interface ComboOption<T> {
  value: string;
  label: string;
  hint?: string;
  data: T;
}

export interface ComboboxOptions<T> {
  label: string;
  name: string;
  placeholder?: string;
  hint?: string;
  required?: boolean;
  minChars?: number;
  /** The options for a text; `message` says why there are none (e.g. the nearest names). */
  search(q: string, signal: AbortSignal): Promise<ComboOption<T>[] | { options: ComboOption<T>[]; message?: string | null }>;
  onSelect?(opt: ComboOption<T> | null): void;
}

export interface Combobox<T> {
  root: HTMLElement;
  input: HTMLInputElement;
  error: HTMLElement;
  selected(): ComboOption<T> | null;
  text(): string;
  setSelected(opt: ComboOption<T> | null): void;
  setError(msg: string): void;
}

export function createCombobox<T>(o: ComboboxOptions<T>): Combobox<T> {
  const id = newId(o.name);
  const listId = `${id}-liste`;
  const hintId = `${id}-aide`;
  const errId = `${id}-erreur`;
  const statusId = `${id}-etat`;
  const input = h('input', {
    id,
    name: o.name,
    type: 'text',
    role: 'combobox',
    autocomplete: 'off',
    spellcheck: 'false',
    'aria-autocomplete': 'list',
    'aria-expanded': 'false',
    'aria-controls': listId,
    'aria-describedby': `${o.hint ? hintId : ''} ${errId}`.trim(),
    'aria-required': o.required ? 'true' : null,
    placeholder: o.placeholder ?? null,
  });
  const list = h('ul', { id: listId, role: 'listbox', class: 'combo-list', 'aria-label': o.label, hidden: true });
  const status = h('p', { id: statusId, class: 'sr-only', role: 'status', 'aria-live': 'polite' });
  const error = h('p', { id: errId, class: 'field-error' });
  const root = h(
    'div',
    { class: 'field combo' },
    h('label', { for: id }, o.label, o.required ? h('span', { class: 'req', 'aria-hidden': 'true' }, ' *') : null),
    o.hint ? h('p', { class: 'hint', id: hintId }, o.hint) : null,
    h('div', { class: 'combo-box' }, input, list),
    error,
    status,
  );

  let options: ComboOption<T>[] = [];
  let emptyMessage = 'Aucun résultat';
  let active = -1;
  let chosen: ComboOption<T> | null = null;
  let ctrl: AbortController | null = null;

  const close = (): void => {
    list.hidden = true;
    input.setAttribute('aria-expanded', 'false');
    input.removeAttribute('aria-activedescendant');
    active = -1;
  };

  const setActive = (i: number): void => {
    const items = list.querySelectorAll<HTMLElement>('[role="option"]');
    items.forEach((li, j) => li.setAttribute('aria-selected', j === i ? 'true' : 'false'));
    active = i;
    if (i >= 0 && items[i]) {
      input.setAttribute('aria-activedescendant', items[i].id);
      items[i].scrollIntoView({ block: 'nearest' });
    } else {
      input.removeAttribute('aria-activedescendant');
    }
  };

  const choose = (opt: ComboOption<T> | null): void => {
    chosen = opt;
    if (opt) input.value = opt.label;
    setError('');
    close();
    o.onSelect?.(opt);
  };

  const render = (): void => {
    list.replaceChildren();
    if (!options.length) {
      list.append(h('li', { class: 'combo-empty' }, emptyMessage));
    }
    options.forEach((opt, i) => {
      const li = h(
        'li',
        { id: `${id}-opt-${i}`, role: 'option', 'aria-selected': 'false', class: 'combo-option' },
        h('span', { class: 'combo-label' }, opt.label),
        opt.hint ? h('span', { class: 'combo-hint' }, opt.hint) : null,
      );
      li.addEventListener('mousedown', (ev) => ev.preventDefault()); // keep focus in the input
      li.addEventListener('click', () => choose(opt));
      list.append(li);
    });
    list.hidden = false;
    input.setAttribute('aria-expanded', 'true');
    status.textContent = options.length
      ? `${options.length} résultat${options.length > 1 ? 's' : ''}, flèches haut et bas pour choisir.`
      : emptyMessage;
  };

  const run = debounce(async (q: string) => {
    ctrl?.abort();
    if (q.trim().length < (o.minChars ?? 2)) {
      options = [];
      close();
      return;
    }
    ctrl = new AbortController();
    try {
      const found = await o.search(q.trim(), ctrl.signal);
      options = Array.isArray(found) ? found : found.options;
      emptyMessage = (!Array.isArray(found) && found.message) || 'Aucun résultat';
      if (document.activeElement === input) render();
    } catch (e) {
      if (isAbort(e)) return;
      options = [];
      list.replaceChildren(h('li', { class: 'combo-empty' }, errorText(e)));
      list.hidden = false;
      input.setAttribute('aria-expanded', 'true');
    }
  }, 180);

  input.addEventListener('input', () => {
    if (chosen) {
      chosen = null;
      o.onSelect?.(null);
    }
    run(input.value);
  });
  input.addEventListener('keydown', (ev) => {
    const open = !list.hidden && options.length > 0;
    switch (ev.key) {
      case 'ArrowDown':
        ev.preventDefault();
        if (!open) {
          if (options.length) render();
          else run(input.value);
          setActive(0);
        } else setActive((active + 1) % options.length);
        break;
      case 'ArrowUp':
        if (open) {
          ev.preventDefault();
          setActive(active <= 0 ? options.length - 1 : active - 1);
        }
        break;
      case 'Enter':
        if (open && active >= 0) {
          ev.preventDefault();
          choose(options[active]);
        } else if (open && options.length === 1) {
          ev.preventDefault();
          choose(options[0]);
        }
        break;
      case 'Escape':
        if (!list.hidden) {
          ev.preventDefault();
          close();
        }
        break;
      case 'Tab':
        close();
        break;
      default:
    }
  });
  input.addEventListener('blur', () => window.setTimeout(close, 120));

  function setError(msg: string): void {
    error.textContent = msg;
    if (msg) input.setAttribute('aria-invalid', 'true');
    else input.removeAttribute('aria-invalid');
  }

  return {
    root,
    input,
    error,
    selected: () => chosen,
    text: () => input.value.trim(),
    setSelected(opt) {
      chosen = opt;
      input.value = opt ? opt.label : '';
    },
    setError,
  };
}
