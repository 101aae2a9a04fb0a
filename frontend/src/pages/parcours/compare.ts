// "Ma sélection": the kept pathways, and two or three of them side by side (steps,
// establishments, distances, places), printable.

import { h, fmtKm, dept } from '../../lib/dom';
import { diplomaTypeFr, levelFr, modalityFr, offerCommune, placesFr, plural } from '../../lib/labels';
import { hrefFor } from '../../router';
import { chosen, distances } from './card';
import { dropKept, keptList, type Kept } from './selection';
import { tableBox } from '../../lib/scroll';

function arrival(k: Kept): string {
  const last = k.pathway.steps[k.pathway.steps.length - 1];
  return `${diplomaTypeFr(last.type, last.code)} — ${last.name}`;
}

function compareTable(items: Kept[]): HTMLElement {
  const maxSteps = Math.max(...items.map((k) => k.pathway.steps.length - 1));
  const row = (label: string, cell: (k: Kept) => Node | string): HTMLElement =>
    h('tr', {}, h('th', { scope: 'row' }, label), ...items.map((k) => h('td', {}, cell(k))));
  const stepRows = Array.from({ length: maxSteps }, (_, i) =>
    row(`Étape ${i + 1}`, (k) => {
      const s = k.pathway.steps[i + 1];
      if (!s) return '—';
      const o = chosen(s);
      return h(
        'div',
        {},
        h('strong', {}, s.name),
        h('br'),
        `${diplomaTypeFr(s.type, s.code)} · ${levelFr(s.level, s.type, s.code)}`,
        h('br'),
        o ? `${o.actor_name}${o.commune ? `, ${offerCommune(o)}${o.departement ? ` (${dept(o.departement)})` : ''}` : ''} · ${modalityFr(o.modality)}` : 'aucun établissement trouvé',
        o?.capacity != null ? h('br') : null,
        o?.capacity != null ? placesFr(o.capacity) : null,
      );
    }),
  );
  return tableBox(
    `Comparaison de ${items.length} parcours`,
    h(
      'table',
      { class: 'table compare' },
      h('caption', {}, `Comparaison de ${items.length} parcours`),
      h('thead', {}, h('tr', {}, h('td', {}), ...items.map((_k, i) => h('th', { scope: 'col' }, `Parcours ${String.fromCharCode(65 + i)}`)))),
      h(
        'tbody',
        {},
        row('Recherche', (k) => k.criteria),
        row('Arrivée', (k) => arrival(k)),
        ...stepRows,
        row('Domicile → 1re étape', (k) => {
          const d = distances(k.pathway, k.query.includes('home='));
          return d.home === undefined ? 'domicile non indiqué' : fmtKm(d.home);
        }),
        row('Entre étapes', (k) => fmtKm(distances(k.pathway, k.query.includes('home=')).between)),
        row('Étapes hors territoire', (k) => String(k.pathway.outside_steps)),
      ),
    ),
  );
}

/** The selection panel; `refresh()` redraws it from the browser's storage. */
export function createSelectionPanel(): { root: HTMLElement; refresh(): void } {
  const root = h('section', { class: 'selection', 'aria-labelledby': 'selection-titre', hidden: true });
  const compared = new Set<string>();
  let showCompare = false;

  function refresh(): void {
    const list = keptList();
    for (const key of [...compared]) if (!list.some((k) => k.key === key)) compared.delete(key);
    root.hidden = list.length === 0;
    if (!list.length) {
      root.replaceChildren();
      return;
    }
    const chosenItems = list.filter((k) => compared.has(k.key));
    const compareBtn = h(
      'button',
      {
        type: 'button',
        class: 'btn btn-primary',
        disabled: chosenItems.length < 2 || chosenItems.length > 3,
        onclick: () => {
          showCompare = true;
          refresh();
          root.querySelector<HTMLElement>('.compare caption')?.scrollIntoView({ block: 'start' });
        },
      },
      'Comparer les parcours cochés',
    );
    const table = showCompare && chosenItems.length >= 2 && chosenItems.length <= 3 ? compareTable(chosenItems) : '';
    root.replaceChildren(
      h('h2', { id: 'selection-titre' }, `Ma sélection (${list.length})`),
      h('p', { class: 'hint no-print' }, 'Les parcours gardés restent dans ce navigateur d’une recherche à l’autre. Cochez-en deux ou trois pour les comparer côte à côte.'),
      h(
        'ul',
        { class: 'kept-list' },
        ...list.map((k, i) => {
          const id = `comparer-${i}`;
          const box = h('input', { type: 'checkbox', id, checked: compared.has(k.key) });
          box.addEventListener('change', () => {
            if (box.checked) compared.add(k.key);
            else compared.delete(k.key);
            refresh();
            document.getElementById(id)?.focus();
          });
          const search = new URLSearchParams(k.query);
          search.set('rang', String(k.pathway.rank));
          return h(
            'li',
            { class: 'kept' },
            h('div', { class: 'check no-print' }, box, h('label', { for: id }, 'Comparer', h('span', { class: 'sr-only' }, ` : ${arrival(k)}`))),
            h('div', {}, h('p', { class: 'kept-title' }, arrival(k)), h('p', { class: 'muted' }, `${plural(k.pathway.steps.length - 1, 'étape')} · ${k.criteria}`)),
            h(
              'div',
              { class: 'actions no-print' },
              h('a', { class: 'btn btn-small', href: hrefFor('parcours', search) }, 'Revoir la recherche'),
              h('button', { type: 'button', class: 'btn btn-small btn-ghost', onclick: () => dropKept(k.key) }, 'Retirer', h('span', { class: 'sr-only' }, ` : ${arrival(k)}`)),
            ),
          );
        }),
      ),
      h(
        'div',
        { class: 'actions no-print' },
        compareBtn,
        h(
          'button',
          {
            type: 'button',
            class: 'btn',
            onclick: () => {
              document.body.classList.add('print-selection');
              const done = (): void => {
                document.body.classList.remove('print-selection');
                window.removeEventListener('afterprint', done);
              };
              window.addEventListener('afterprint', done);
              window.print();
            },
          },
          'Imprimer la sélection',
        ),
      ),
      table,
    );
  }

  refresh();
  return { root, refresh };
}
