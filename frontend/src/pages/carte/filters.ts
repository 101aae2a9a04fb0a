// The map's filters: territory (campus, départements, région), sector, level, modality, and the kinds of actors (the legend,
// whose checkboxes hide a kind). Read from and written to the URL.

import { createTerritoryForm, type TerritoryForm } from '../../components/territory';
import { h, newId } from '../../lib/dom';
import { KIND_GROUPS, LEVEL_FR, MODALITY_FR, type KindGroup } from '../../lib/labels';

export interface GroupBox {
  g: KindGroup;
  input: HTMLInputElement;
  count: HTMLElement;
}

export interface MapFilters {
  form: HTMLFormElement;
  territory: TerritoryForm;
  sector: HTMLSelectElement;
  level: HTMLSelectElement;
  modality: HTMLSelectElement;
  groups: GroupBox[];
  /** The filters as URL parameters (`focus` kept from `current`); null when a field is wrong
   * (its message is shown). */
  read(current: URLSearchParams): URLSearchParams | null;
  /** Shows `params`; resolves once the territory's lists are there (territory.ts set()). */
  set(params: URLSearchParams): Promise<void>;
}

export function hiddenGroupsOf(params: URLSearchParams): Set<string> {
  return new Set((params.get('masquer') ?? '').split(',').filter(Boolean));
}

export function createMapFilters(params: URLSearchParams, onReset: () => void, onTerritory: () => void): MapFilters {
  const territory = createTerritoryForm({ idPrefix: 'carte-', zones: ['all', 'campus', 'departements', 'region'], fallback: 'all', legend: 'Territoire', onChange: onTerritory });
  const sector = h('select', { id: 'carte-secteur', name: 'sector' }, h('option', { value: '' }, 'Tous les secteurs'));
  const level = h(
    'select',
    { id: 'carte-niveau', name: 'level' },
    h('option', { value: '' }, 'Tous les niveaux'),
    ...Object.entries(LEVEL_FR).map(([k, v]) => h('option', { value: k, selected: k === params.get('level') }, v)),
  );
  const modality = h(
    'select',
    { id: 'carte-modalite', name: 'modality' },
    ...Object.entries(MODALITY_FR).map(([k, v]) => h('option', { value: k === 'any' ? '' : k, selected: k === (params.get('modality') ?? 'any') }, v)),
  );
  const hidden = hiddenGroupsOf(params);
  const boxes = KIND_GROUPS.map((g) => {
    const id = newId(`groupe-${g.id}`);
    const count = h('span', { class: 'count' });
    const input = h('input', { type: 'checkbox', id, value: g.id, checked: !hidden.has(g.id) });
    const el = h(
      'div',
      { class: 'check legend-item' },
      input,
      h('label', { for: id }, h('span', { class: 'pin pin-legend', style: `--c:${g.color}`, 'aria-hidden': 'true' }, g.glyph), h('span', {}, `${g.label} `, count)),
    );
    return { g, input, count, el };
  });
  const form = h(
    'form',
    {
      class: 'filters',
      'aria-label': 'Filtres de la carte',
      novalidate: true,
      onsubmit: (ev: Event) => {
        ev.preventDefault(); // Enter in the départements field applies them
        if (!territory.read(new URLSearchParams())) onTerritory();
      },
    },
    territory.root,
    h('div', { class: 'field' }, h('label', { for: 'carte-secteur' }, 'Secteur'), sector),
    h('div', { class: 'field' }, h('label', { for: 'carte-niveau' }, 'Niveau de formation proposé'), level),
    h('div', { class: 'field' }, h('label', { for: 'carte-modalite' }, 'Modalité'), modality),
    h('fieldset', { class: 'group legend' }, h('legend', {}, 'Types d’acteurs (légende)'), ...boxes.map((b) => b.el)),
    h(
      'button',
      {
        type: 'button',
        class: 'btn btn-ghost',
        onclick: () => {
          void territory.set(new URLSearchParams());
          sector.value = '';
          level.value = '';
          modality.value = '';
          boxes.forEach((b) => (b.input.checked = true));
          onReset();
        },
      },
      'Réinitialiser les filtres',
    ),
  );

  return {
    form,
    territory,
    sector,
    level,
    modality,
    groups: boxes,
    read(current) {
      const p = new URLSearchParams();
      if (territory.read(p)) return null;
      if (sector.value) p.set('sector', sector.value);
      if (level.value) p.set('level', level.value);
      if (modality.value) p.set('modality', modality.value);
      const off = boxes.filter((b) => !b.input.checked).map((b) => b.g.id);
      if (off.length) p.set('masquer', off.join(','));
      if (current.get('focus')) p.set('focus', current.get('focus')!);
      return p;
    },
    set(p) {
      const shown = territory.set(p);
      level.value = p.get('level') ?? '';
      modality.value = p.get('modality') ?? '';
      const off = hiddenGroupsOf(p);
      boxes.forEach((b) => (b.input.checked = !off.has(b.g.id)));
      return shown;
    },
  };
}
