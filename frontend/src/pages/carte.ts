// Carte: actors and platforms on the offline basemap, coloured by kind, clustered when dense,
// filterable by campus, sector, level, modality and kind; a table lists the same points.

import L from '../map/leaflet';
import { createMap, kindIcon, FRANCE_BOUNDS, type CmqMap } from '../map/basemap';
import { getJSON, cached, isAbort } from '../lib/api';
import { h, newId, loading, errorBox, announce, dept } from '../lib/dom';
import { KIND_GROUPS, LEVEL_FR, MODALITY_FR, kindFr, kindGroup, modalityFr } from '../lib/labels';
import { fillCampusSelect, fillSectorSelect } from '../lib/refs';
import { hrefFor, setParams, type PageInstance } from '../router';
import type { DiplomaDetail, FeatureCollection, MapProps, PointFeature } from '../lib/types';

type Feat = PointFeature<MapProps>;

function featKey(f: Feat): string {
  return `${f.properties.feature}:${f.properties.id}`;
}

function levelsText(levels: number[]): string {
  if (!levels.length) return 'aucune formation enregistrée';
  const min = Math.min(...levels);
  const max = Math.max(...levels);
  return min === max ? `niveau ${min}` : `niveaux ${min} à ${max}`;
}

export function mount(el: HTMLElement, initial: URLSearchParams): PageInstance {
  let params = new URLSearchParams(initial);
  let features: Feat[] = [];
  let focus = new Set<string>();
  let ctrl: AbortController | null = null;
  const markers = new Map<string, L.Marker>();

  const campusSel = h('select', { id: 'carte-campus', name: 'campus' }, h('option', { value: '' }, 'Tous les campus'));
  const sectorSel = h('select', { id: 'carte-secteur', name: 'sector' }, h('option', { value: '' }, 'Tous les secteurs'));
  const levelSel = h(
    'select',
    { id: 'carte-niveau', name: 'level' },
    h('option', { value: '' }, 'Tous les niveaux'),
    ...Object.entries(LEVEL_FR).map(([k, v]) => h('option', { value: k, selected: k === params.get('level') }, v)),
  );
  const modalitySel = h(
    'select',
    { id: 'carte-modalite', name: 'modality' },
    ...Object.entries(MODALITY_FR).map(([k, v]) => h('option', { value: k === 'any' ? '' : k, selected: k === (params.get('modality') ?? 'any') }, v)),
  );
  const hiddenGroups = new Set((params.get('masquer') ?? '').split(',').filter(Boolean));
  const groupBoxes = KIND_GROUPS.map((g) => {
    const id = newId(`groupe-${g.id}`);
    const count = h('span', { class: 'count' });
    const input = h('input', { type: 'checkbox', id, value: g.id, checked: !hiddenGroups.has(g.id) });
    return {
      g,
      input,
      count,
      el: h(
        'div',
        { class: 'check legend-item' },
        input,
        h('label', { for: id }, h('span', { class: 'pin pin-legend', style: `--c:${g.color}`, 'aria-hidden': 'true' }, g.glyph), h('span', {}, `${g.label} `, count)),
      ),
    };
  });

  const status = h('p', { class: 'map-status', role: 'status' });
  const filters = h(
    'form',
    { class: 'filters', 'aria-label': 'Filtres de la carte', onsubmit: (ev: Event) => ev.preventDefault() },
    h('div', { class: 'field' }, h('label', { for: 'carte-campus' }, 'Campus'), campusSel),
    h('div', { class: 'field' }, h('label', { for: 'carte-secteur' }, 'Secteur'), sectorSel),
    h('div', { class: 'field' }, h('label', { for: 'carte-niveau' }, 'Niveau de formation proposé'), levelSel),
    h('div', { class: 'field' }, h('label', { for: 'carte-modalite' }, 'Modalité'), modalitySel),
    h('fieldset', { class: 'group legend' }, h('legend', {}, 'Types d’acteurs (légende)'), ...groupBoxes.map((b) => b.el)),
    h(
      'button',
      {
        type: 'button',
        class: 'btn btn-ghost',
        onclick: () => {
          campusSel.value = '';
          sectorSel.value = '';
          levelSel.value = '';
          modalitySel.value = '';
          groupBoxes.forEach((b) => (b.input.checked = true));
          focus = new Set();
          void reload(true);
        },
      },
      'Réinitialiser les filtres',
    ),
  );

  const mapEl = h('div', { id: 'carte-acteurs' });
  const tableBody = h('tbody');
  const tableCount = h('span');
  const listDetails = h(
    'details',
    { class: 'point-list' },
    h('summary', {}, 'Liste des lieux affichés ', tableCount),
    h(
      'div',
      { class: 'table-wrap' },
      h(
        'table',
        { class: 'table' },
        h('caption', { class: 'sr-only' }, 'Acteurs et plateformes affichés sur la carte'),
        h(
          'thead',
          {},
          h(
            'tr',
            {},
            h('th', { scope: 'col' }, 'Nom'),
            h('th', { scope: 'col' }, 'Type'),
            h('th', { scope: 'col' }, 'Commune'),
            h('th', { scope: 'col' }, 'Formations'),
            h('th', { scope: 'col' }, 'Modalités'),
          ),
        ),
        tableBody,
      ),
    ),
  );
  const mapBox = h('div', { class: 'map-box' }, mapEl);

  el.append(
    h(
      'div',
      { class: 'page-head' },
      h('h1', {}, 'Carte des acteurs et des plateformes'),
      h('p', { class: 'lead' }, 'Établissements, entreprises, laboratoires et plateformes des campus. Les points proches sont regroupés ; zoomez ou cliquez pour les séparer.'),
    ),
    h(
      'div',
      { class: 'map-layout' },
      h(
        'aside',
        { class: 'map-filters' },
        h('details', { class: 'filters-box', open: !window.matchMedia('(max-width: 60rem)').matches }, h('summary', {}, 'Filtres et légende'), filters),
      ),
      h('div', { class: 'map-main' }, status, mapBox, listDetails),
    ),
  );

  const cmap: CmqMap = createMap(mapEl, 'Carte des acteurs et plateformes');
  // Points sharing a commune are spread out (spiderfied) at the map's last zoom level.
  const newCluster = (): L.MarkerClusterGroup =>
    L.markerClusterGroup({ showCoverageOnHover: false, maxClusterRadius: 45, spiderfyOnMaxZoom: true });
  let cluster = newCluster();
  cmap.map.addLayer(cluster);
  // The clusters are computed for the map's zoom range, which the tile setting changes.
  const onSettings = (): void => {
    cluster.clearLayers();
    cluster.remove();
    cluster = newCluster();
    cmap.map.addLayer(cluster);
    draw(false);
  };
  window.addEventListener('cmq:settings', onSettings);

  function popup(f: Feat): HTMLElement {
    const p = f.properties;
    const where = [p.commune, p.departement ? `(${dept(p.departement)})` : ''].filter(Boolean).join(' ');
    const campus = p.campuses[0] ?? params.get('campus') ?? 'mecanic-vallee';
    return h(
      'div',
      { class: 'popup' },
      h('p', { class: 'popup-title' }, p.name),
      h('p', { class: 'muted' }, `${kindFr(p.kind)}${where ? ` · ${where}` : ''}`),
      h(
        'ul',
        {},
        p.feature === 'actor' ? h('li', {}, `${p.offers} formation${p.offers > 1 ? 's' : ''} · ${levelsText(p.levels)}`) : null,
        p.modalities.length ? h('li', {}, p.modalities.map(modalityFr).join(', ')) : null,
        p.boarding_places ? h('li', {}, `Internat : ${p.boarding_places} places`) : null,
        p.campuses.length ? h('li', {}, `Campus : ${p.campuses.join(', ')}`) : null,
      ),
      h('p', {}, h('a', { href: hrefFor('reseau', { campus, select: featKey(f) }) }, 'Voir dans le réseau')),
    );
  }

  function visible(f: Feat): boolean {
    return !hiddenGroups.has(kindGroup(f.properties.kind).id);
  }

  function draw(fit: boolean): void {
    cluster.clearLayers();
    markers.clear();
    tableBody.replaceChildren();
    const shown = features.filter(visible);
    const counts = new Map<string, number>();
    for (const f of features) counts.set(kindGroup(f.properties.kind).id, (counts.get(kindGroup(f.properties.kind).id) ?? 0) + 1);
    for (const b of groupBoxes) b.count.textContent = `(${counts.get(b.g.id) ?? 0})`;
    const layers: L.Marker[] = [];
    for (const f of shown) {
      const [lon, lat] = f.geometry.coordinates;
      const key = featKey(f);
      const isFocus = focus.has(key);
      const title = `${f.properties.name} — ${kindFr(f.properties.kind)}`;
      const m = L.marker([lat, lon], {
        icon: kindIcon(f.properties.kind, { focus: isFocus }),
        title,
        alt: title,
        keyboard: true,
        riseOnHover: true,
        zIndexOffset: isFocus ? 1000 : 0,
      }).bindPopup(() => popup(f));
      markers.set(key, m);
      layers.push(m);
      const row = h(
        'tr',
        { class: isFocus ? 'is-focus' : '' },
        h(
          'th',
          { scope: 'row' },
          h('button', { type: 'button', class: 'link-button', onclick: () => openMarker(key) }, f.properties.name),
        ),
        h('td', {}, kindFr(f.properties.kind)),
        h('td', {}, `${f.properties.commune ?? '—'}${f.properties.departement ? ` (${dept(f.properties.departement)})` : ''}`),
        h('td', {}, f.properties.feature === 'actor' && f.properties.offers ? `${f.properties.offers} · ${levelsText(f.properties.levels)}` : 'aucune enregistrée'),
        h('td', {}, f.properties.modalities.map(modalityFr).join(', ') || '—'),
      );
      tableBody.append(row);
    }
    cluster.addLayers(layers);
    tableCount.textContent = `(${shown.length})`;
    const focused = shown.filter((f) => focus.has(featKey(f)));
    status.textContent =
      `${shown.length} lieu${shown.length > 1 ? 'x' : ''} affiché${shown.length > 1 ? 's' : ''}` +
      (features.length > shown.length ? ` sur ${features.length}` : '') +
      (focused.length ? `, dont ${focused.length} mis en évidence` : '') +
      '.';
    if (!shown.length) status.textContent = 'Aucun lieu ne correspond à ces filtres.';
    if (fit) {
      const target = focused.length ? focused : shown;
      cmap.whenReady(() => {
        if (!target.length) {
          cmap.map.fitBounds(FRANCE_BOUNDS);
          return;
        }
        const b = L.latLngBounds(target.map((f) => [f.geometry.coordinates[1], f.geometry.coordinates[0]] as [number, number]));
        cmap.map.fitBounds(b.pad(0.15), { maxZoom: focused.length === 1 ? 12 : 10, animate: false });
        if (focused.length === 1) openMarker(featKey(focused[0]));
      });
    }
  }

  function openMarker(key: string): void {
    const m = markers.get(key);
    if (!m) return;
    cluster.zoomToShowLayer(m, () => {
      m.openPopup();
      (m.getElement() as HTMLElement | undefined)?.focus();
    });
    if (window.matchMedia('(max-width: 60rem)').matches) mapEl.scrollIntoView({ behavior: 'smooth', block: 'center' });
  }

  async function resolveFocus(): Promise<void> {
    focus = new Set();
    const raw = (params.get('focus') ?? '').split(',').filter(Boolean);
    for (const item of raw) {
      const [type, ...rest] = item.split(':');
      const key = rest.join(':');
      if (type === 'actor' || type === 'platform') focus.add(`${type}:${key}`);
      if (type === 'diploma') {
        const d = await cached<DiplomaDetail>(`/diplomas/${encodeURIComponent(key)}`).catch(() => null);
        for (const o of d?.offers ?? []) focus.add(`actor:${o.actor}`);
      }
    }
  }

  function readFilters(): URLSearchParams {
    const p = new URLSearchParams();
    if (campusSel.value) p.set('campus', campusSel.value);
    if (sectorSel.value) p.set('sector', sectorSel.value);
    if (levelSel.value) p.set('level', levelSel.value);
    if (modalitySel.value) p.set('modality', modalitySel.value);
    const hidden = groupBoxes.filter((b) => !b.input.checked).map((b) => b.g.id);
    if (hidden.length) p.set('masquer', hidden.join(','));
    if (params.get('focus')) p.set('focus', params.get('focus')!);
    return p;
  }

  async function reload(fromForm: boolean): Promise<void> {
    if (fromForm) {
      params = readFilters();
      if (!focus.size) params.delete('focus');
      setParams('carte', params);
    }
    hiddenGroups.clear();
    for (const g of (params.get('masquer') ?? '').split(',').filter(Boolean)) hiddenGroups.add(g);
    ctrl?.abort();
    ctrl = new AbortController();
    mapBox.querySelector('.state')?.remove();
    status.replaceChildren(loading('Chargement des lieux…'));
    mapBox.setAttribute('aria-busy', 'true');
    try {
      const fc = await getJSON<FeatureCollection<MapProps>>(
        '/map.geojson',
        {
          campus: params.get('campus'),
          sector: params.get('sector'),
          level: params.get('level'),
          modality: params.get('modality'),
        },
        { signal: ctrl.signal },
      );
      await resolveFocus();
      features = fc.features.filter((f) => f.geometry && Array.isArray(f.geometry.coordinates));
      draw(true);
      if (fromForm) announce(status.textContent ?? '');
    } catch (e) {
      if (isAbort(e)) return;
      features = [];
      draw(false);
      status.textContent = 'Lieux indisponibles.';
      mapBox.prepend(errorBox(e, () => void reload(false)));
    } finally {
      mapBox.removeAttribute('aria-busy');
    }
  }

  campusSel.addEventListener('change', () => {
    void fillSectorSelect(sectorSel, campusSel.value || null, '');
    void reload(true);
  });
  for (const s of [sectorSel, levelSel, modalitySel]) s.addEventListener('change', () => void reload(true));
  for (const b of groupBoxes)
    b.input.addEventListener('change', () => {
      params = readFilters();
      setParams('carte', params);
      hiddenGroups.clear();
      for (const g of (params.get('masquer') ?? '').split(',').filter(Boolean)) hiddenGroups.add(g);
      draw(false);
    });

  void fillCampusSelect(campusSel, params.get('campus') ?? '', 'Tous les campus');
  void fillSectorSelect(sectorSel, params.get('campus'), params.get('sector') ?? '');
  void reload(false);

  return {
    update(next) {
      params = new URLSearchParams(next);
      campusSel.value = params.get('campus') ?? '';
      void fillSectorSelect(sectorSel, params.get('campus'), params.get('sector') ?? '');
      levelSel.value = params.get('level') ?? '';
      modalitySel.value = params.get('modality') ?? '';
      const hidden = new Set((params.get('masquer') ?? '').split(',').filter(Boolean));
      groupBoxes.forEach((b) => (b.input.checked = !hidden.has(b.g.id)));
      void reload(false);
    },
    destroy() {
      ctrl?.abort();
      window.removeEventListener('cmq:settings', onSettings);
      cluster.clearLayers();
      cmap.destroy();
    },
  };
}

