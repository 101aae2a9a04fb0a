// Carte: actors and platforms on the offline basemap, coloured by kind, clustered when dense,
// filterable by campus, sector, level, modality and kind; a table lists the same points.

import L from '../../map/leaflet';
import { createMap, kindIcon, townLabels, prefectureKeys, outlineBoxes, territoryBounds, inMetropole, FRANCE_BOUNDS, type CmqMap } from '../../map/basemap';
import { offOutlines } from '../../map/outlines';
import { getJSON, cached, isAbort } from '../../lib/api';
import { h, loading, errorBox, announce } from '../../lib/dom';
import { kindFr, kindGroup, plural } from '../../lib/labels';
import { campuses, fillSectorSelect } from '../../lib/refs';
import { fillGapSectors } from '../../components/sector-choices';
import { parseDepartements } from '../../components/territory';
import type { ActorDetail, DiplomaDetail, FeatureCollection, MapProps, PlatformOut, QueryOf } from '../../lib/types';
import { setParams, type PageInstance } from '../../router';
import { createMapFilters, hiddenGroupsOf } from './filters';
import { aroundPlace, featKey, listRow, pointList, popup, type Feat } from './points';
import { clusterIcon } from './clusters';
import { townKey, townNames, type Town } from './towns';
import { overseasGroups, type Overseas } from './overseas';

export function mount(el: HTMLElement, initial: URLSearchParams): PageInstance {
  let params = new URLSearchParams(initial);
  let features: Feat[] = [];
  let focus = new Set<string>();
  let hiddenGroups = hiddenGroupsOf(params);
  let ctrl: AbortController | null = null;
  let regionCodes: string[] = []; // the départements of the région asked (region=)
  // A place in focus with no territory asked: only the départements of the places in focus are
  // loaded (a few hundred places rather than the whole country's thousands), the rest when the
  // view leaves them or when asked (`wholeAsked`). `scope`: those départements, while shown.
  let scope: Scope | null = null;
  let scopeBounds: L.LatLngBounds | null = null;
  let wholeAsked = false;
  const markers = new Map<string, L.Marker>();
  const campusNames = new Map<string, string>();
  // awaited before the first card opens (a place in focus): « Campus : campus sans nom » was
  // said of a known campus whose name had not arrived yet
  const campusesNamed = campuses()
    .then((list) => list.forEach((c) => campusNames.set(c.id, c.short_name)))
    .catch(() => undefined);

  let unplaced = 0;
  let notice = ''; // a modality the files never describe for some diplomas (map.geojson's notice)
  const seq = sequence();
  let unplacedByGroup = new Map<string, number>();
  const filters = createMapFilters(
    params,
    () => {
      focus = new Set();
      void reload(true);
    },
    () => {
      const p = filters.read(params);
      if (!p) return;
      // the territory's sectors first, so that a sector it does not offer is not asked
      void fillSectors(p, filters.sector.value, false).then(() => reload(true));
    },
  );
  const status = h('p', { class: 'map-status', role: 'status' });
  const wholeButton = h('button', { type: 'button', class: 'btn btn-ghost btn-small', onclick: () => void showWhole() }, 'Afficher les lieux de toute la France');
  const scopeNote = h('p', { class: 'map-scope' });
  const scopeBar = h('div', { class: 'map-scope-bar', hidden: true }, scopeNote, wholeButton);
  const mapEl = h('div', { id: 'carte-acteurs' });
  const tableBody = h('tbody');
  const tableCount = h('span');
  const mapBox = h('div', { class: 'map-box' }, mapEl);
  // Places both in metropolitan France and overseas: the view is metropolitan France's, a
  // button per overseas territory frames its places (and one brings the metropole back).
  const overseasNav = h('nav', { class: 'map-overseas', 'aria-label': 'Territoires d’outre-mer', hidden: true });

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
        h('details', { class: 'filters-box', open: !window.matchMedia('(max-width: 60rem)').matches }, h('summary', {}, 'Filtres et légende'), filters.form),
      ),
      h('div', { class: 'map-main' }, status, scopeBar, overseasNav, mapBox, pointList(tableBody, tableCount)),
    ),
  );

  const cmap: CmqMap = createMap(mapEl, 'Carte des acteurs et plateformes');
  // Points sharing a commune are spread out (spiderfied) at the map's last zoom level, far enough
  // apart that no marker covers part of another (each one a whole 26 px target, WCAG 2.5.8:
  // the plugin's spacing, 25 px, let them overlap).
  const townOf = new Map<L.Marker, Town>();
  const newCluster = (): L.MarkerClusterGroup =>
    L.markerClusterGroup({ showCoverageOnHover: false, maxClusterRadius: 45, spiderfyOnMaxZoom: true, spiderfyDistanceMultiplier: 1.4, iconCreateFunction: (c) => clusterIcon(c, townOf) });
  // the names make way for the markers once the groups have moved (basemap.ts)
  const relabel = (): void => cmap.labels.refresh();
  let cluster = newCluster().on('animationend spiderfied unspiderfied', relabel).on('animationend', clearOfGroups);
  cmap.map.addLayer(cluster);
  // The places in focus stay out of the groups (a few at most, FOCUS_UNCLUSTERED): in a dense
  // town (Rennes, Lyon, Paris) the place asked for sat inside a group and its card never opened.
  const focusLayer = L.layerGroup().addTo(cmap.map);
  // The clusters are computed for the map's zoom range, which the tile setting changes.
  const onSettings = (): void => {
    cluster.clearLayers();
    cluster.remove();
    cluster = newCluster().on('animationend spiderfied unspiderfied', relabel).on('animationend', clearOfGroups);
    cmap.map.addLayer(cluster);
    draw(false);
  };
  window.addEventListener('cmq:settings', onSettings);

  // Town names of the places shown (Figeac, Decazeville…), from zoom 8; the préfectures
  // (Rodez, Cahors…) are named by the basemap already.
  let towns: ReturnType<typeof townLabels> | null = null;
  let townsShown: Feat[] = [];
  let prefKeys = new Set<string>();
  const onZoom = (): void => {
    towns?.update();
    clearOfGroups();
  };
  cmap.map.on('zoomend', onZoom);
  // the view leaves the départements loaded around the place in focus (its centre goes out, or
  // it is zoomed out beyond them): the rest is loaded
  const onMove = (): void => {
    if (!scope || !scopeBounds) return;
    const m = cmap.map;
    if (!scopeBounds.contains(m.getCenter()) || m.getZoom() < m.getBoundsZoom(scopeBounds)) void showWhole();
  };
  cmap.map.on('moveend', onMove);
  cmap.map.on('moveend', clearOfGroups); // groups coming into view
  void prefectureKeys().then((keys) => {
    prefKeys = keys;
    drawTowns(townsShown);
  });

  function drawTowns(shown: Feat[]): void {
    townsShown = shown;
    towns?.destroy();
    towns = townLabels(cmap, townNames(shown, focus, prefKeys));
    towns.update();
  }

  // A town's name hidden by the decluttering shows while one of its places, or a group of
  // places holding some, is hovered or has the keyboard focus.
  const peekTown = (ev: Event, on: boolean): void => {
    const icon = (ev.target as Element | null)?.closest?.('.leaflet-marker-icon');
    if (!(icon instanceof HTMLElement)) return;
    const keys = icon.dataset.town ?? icon.querySelector<HTMLElement>('[data-towns]')?.dataset.towns ?? '';
    for (const key of keys.split('\n')) {
      if (!key) continue;
      cmap.labels.peek(key, on);
      cmap.labels.peek(`pref:${key.slice('town:'.length)}`, on); // a préfecture's places
    }
  };
  mapEl.addEventListener('mouseover', (ev) => peekTown(ev, true));
  mapEl.addEventListener('mouseout', (ev) => peekTown(ev, false));
  mapEl.addEventListener('focusin', (ev) => peekTown(ev, true));
  mapEl.addEventListener('focusout', (ev) => peekTown(ev, false));

  /** A place in focus is drawn apart from the groups, on top: when a group of its neighbours
   * (the other places of Figeac) or another place sat under it, it hid most of that target. It
   * is then drawn beside them, on the nearest side, with a line to its spot (pin-moved). The
   * groups are placed by their positions at this zoom, not by their icons, which may still be
   * moving (the plugin animates them). */
  let clearing = false;
  function clearOfGroups(): void {
    const focused = focusLayer.getLayers() as L.Marker[];
    // a card moved with its place may pan the map (moveend): not measured again meanwhile
    if (!focused.length || clearing) return;
    clearing = true;
    try {
      placeApart(focused);
    } finally {
      clearing = false;
    }
  }

  function placeApart(focused: L.Marker[]): void {
    const map = cmap.map;
    const below = new Map<L.Marker, { p: L.Point; half: number }>();
    for (const m of markers.values()) {
      if (focusLayer.hasLayer(m)) continue;
      const shown = cluster.getVisibleParent(m) as L.Marker | null;
      if (!shown || below.has(shown)) continue;
      // a group's icon is 40 px wide (clusters.ts), a place's 26 (kindIcon)
      below.set(shown, { p: map.latLngToContainerPoint(shown.getLatLng()), half: shown === m ? 13 : 20 });
    }
    const others = [...below.values()];
    for (const m of focused) {
      const el = m.getElement();
      if (!el) continue;
      el.dataset.margin ??= el.style.marginLeft;
      el.style.marginLeft = el.dataset.margin;
      el.classList.remove('pin-moved', 'pin-moved--left', 'pin-moved--right');
      const c = map.latLngToContainerPoint(m.getLatLng());
      const half = (el.offsetWidth || 34) / 2;
      const near = others.filter((o) => Math.abs(c.y - o.p.y) < half + o.half);
      const hit = (dx: number): boolean => near.some((o) => Math.abs(c.x + dx - o.p.x) < half + o.half);
      if (!hit(0)) {
        shiftPopup(m, 0);
        continue;
      }
      const side = near
        .flatMap((o) => [
          { dx: o.p.x + o.half + half + 2 - c.x, o },
          { dx: o.p.x - o.half - half - 2 - c.x, o },
        ])
        .sort((x, y) => Math.abs(x.dx) - Math.abs(y.dx))
        .find((x) => !hit(x.dx));
      if (!side) {
        shiftPopup(m, 0);
        continue;
      }
      const { dx } = side;
      el.style.marginLeft = `${parseFloat(el.dataset.margin || '0') + dx}px`;
      el.classList.add('pin-moved', dx > 0 ? 'pin-moved--right' : 'pin-moved--left');
      // the line reaches the rim of what sits on its spot, not across its figures
      el.style.setProperty('--lead', `${Math.max(0, Math.abs(dx) - half - side.o.half + 4)}px`);
      shiftPopup(m, dx);
    }
  }

  /** A moved place's card points at it. */
  function shiftPopup(m: L.Marker, dx: number): void {
    const p = m.getPopup();
    if (!p || L.point(p.options.offset ?? [0, 7]).x === dx) return;
    p.options.offset = L.point(dx, 7); // Leaflet's default offset is [0, 7]
    if (p.isOpen()) p.update();
  }

  function draw(fit: boolean): void {
    cluster.clearLayers();
    focusLayer.clearLayers();
    markers.clear();
    townOf.clear();
    tableBody.replaceChildren();
    const shown = features.filter((f) => !hiddenGroups.has(kindGroup(f.properties.kind).id));
    const counts = new Map<string, number>();
    for (const f of features) counts.set(kindGroup(f.properties.kind).id, (counts.get(kindGroup(f.properties.kind).id) ?? 0) + 1);
    // a kind's places no file or document gives the position of are counted beside it
    // (companies: the documents name them, never their commune)
    for (const b of filters.groups) {
      const off = unplacedByGroup.get(b.g.id) ?? 0;
      b.count.textContent = `(${counts.get(b.g.id) ?? 0}${off ? ` ; ${off} sans position connue` : ''})`;
    }
    const layers: L.Marker[] = [];
    const apart = shown.filter((f) => focus.has(featKey(f))).length <= FOCUS_UNCLUSTERED;
    for (const f of shown) {
      const [lon, lat] = f.geometry.coordinates;
      const key = featKey(f);
      const isFocus = focus.has(key);
      const title = `${f.properties.name} — ${kindFr(f.properties.kind)}`;
      const m = L.marker([lat, lon], { icon: kindIcon(f.properties.kind, { focus: isFocus }), title, alt: title, keyboard: true, riseOnHover: true, zIndexOffset: isFocus ? 1000 : 0 })
        .bindPopup(() => popup(f, params.get('campus'), campusNames));
      const town = townKey(f);
      if (town) {
        townOf.set(m, { key: town, name: f.properties.commune! });
        m.on('add', () => m.getElement()?.setAttribute('data-town', town));
      }
      markers.set(key, m);
      if (isFocus && apart) focusLayer.addLayer(m);
      else layers.push(m);
      tableBody.append(listRow(f, isFocus, () => openMarker(key)));
    }
    cluster.addLayers(layers);
    drawTowns(shown);
    tableCount.textContent = `(${shown.length})`;
    const focused = shown.filter((f) => focus.has(featKey(f)));
    status.textContent =
      `${shown.length} lieu${shown.length > 1 ? 'x' : ''} affiché${shown.length > 1 ? 's' : ''}` +
      (features.length > shown.length ? ` sur ${features.length}` : '') +
      (focused.length ? `, dont ${focused.length} mis en évidence` : '') +
      '.' +
      // around a place in focus, the API's notice says them already, with where they may be
      // (« Rayon de 50 km autour de … : 3 lieux sans position dans les données, … »): once
      (unplaced && !scope?.place ? ` ${unplaced} autre${unplaced > 1 ? 's' : ''} sans position connue, non placé${unplaced > 1 ? 's' : ''} sur la carte.` : '');
    if (!shown.length) status.textContent = 'Aucun lieu ne correspond à ces filtres.';
    if (notice) status.textContent += ` ${notice}`;
    void sayOffOutlines(shown);
    const target = focused.length ? focused : shown;
    const metro = target.filter((f) => inMetropole(f.geometry.coordinates[1], f.geometry.coordinates[0]));
    const away = metro.length && metro.length < target.length ? overseasGroups(target) : [];
    showOverseas(away);
    if (fit) {
      const codes = params.get('region') ? regionCodes : (params.get('departements')?.split(',') ?? []);
      cmap.whenReady(() => {
        if (!target.length) {
          // a territory with no place shown: its outline rather than the whole of France
          void territoryBounds(codes).then((b) => cmap.map.fitBounds(b ?? FRANCE_BOUNDS, { animate: false }));
          return;
        }
        if (away.length) {
          // metropolitan France whole, rather than a view of the ocean with France at its edge
          cmap.map.fitBounds(FRANCE_BOUNDS, { padding: [16, 16], animate: false });
          return;
        }
        const b = L.latLngBounds(target.map((f) => [f.geometry.coordinates[1], f.geometry.coordinates[0]] as [number, number]));
        cmap.map.fitBounds(b.pad(0.15), { maxZoom: focused.length === 1 ? 12 : 10, animate: false });
        clearOfGroups();
        if (focused.length === 1) openMarker(featKey(focused[0]));
        if (scope) void armScope(scope, b);
      });
    }
  }

  /** Watches the view once it shows the place in focus: leaving the départements loaded (their
   * outlines' box and their places') loads the whole country. */
  async function armScope(asked: Scope, shown: L.LatLngBounds): Promise<void> {
    const centre = asked.around ?? (asked.place ? shown.getCenter() : null);
    const outline = centre ? centre.toBounds(asked.radiusKm * 2000) : await territoryBounds(asked.departements).catch(() => null);
    if (scope !== asked) return;
    scopeBounds = (outline ?? L.latLngBounds([])).extend(features.length ? shownBounds() : shown).pad(0.05);
  }

  function shownBounds(): L.LatLngBounds {
    return L.latLngBounds(features.map((f) => [f.geometry.coordinates[1], f.geometry.coordinates[0]] as [number, number]));
  }

  /** The places of the whole country (the filters asked), the view kept where it is. */
  async function showWhole(): Promise<void> {
    if (wholeAsked) return;
    wholeAsked = true;
    scope = null;
    scopeBounds = null;
    await reload(false, false);
  }

  /** What to load around the places in focus when no territory is asked: one establishment,
   * the places within FOCUS_RADIUS_KM of it (its neighbours across a border included); a
   * diploma's offers, their départements (at most 20); else null: the whole country. A place
   * the API cannot place (a platform, an unknown id) asks for it all. */
  async function focusScope(): Promise<Scope | null> {
    if (wholeAsked || ['campus', 'departements', 'region'].some((k) => params.get(k))) return null;
    const items = (params.get('focus') ?? '').split(',').filter(Boolean);
    if (!items.length) return null;
    const codes = new Set<string>();
    for (const item of items) {
      const [type, ...rest] = item.split(':');
      const key = rest.join(':');
      if (type === 'actor') {
        const a = await cached<ActorDetail>(`/actors/${encodeURIComponent(key)}`).catch(() => null);
        if (!a?.departement || a.lat == null || a.lon == null) return null;
        if (items.length === 1) return { departements: [], around: L.latLng(a.lat, a.lon), place: item, radiusKm: FOCUS_RADIUS_KM };
        codes.add(a.departement);
      } else if (type === 'platform' && items.length === 1) {
        // the API places it (GET /map.geojson's `around`); one the data gives no position (the
        // API would refuse the radius, a 422): all of France, without asking
        // asked by its id (a page of the list missed those beyond it)
        const p = await cached<PlatformOut>(`/platforms/${encodeURIComponent(key)}`).catch(() => null);
        if (p && (p.lat == null || p.lon == null)) return null;
        return { departements: [], around: null, place: item, radiusKm: FOCUS_RADIUS_KM };
      } else if (type === 'diploma') {
        const d = await cached<DiplomaDetail>(`/diplomas/${encodeURIComponent(key)}`).catch(() => null);
        const placed = (d?.offers ?? []).filter((o) => o.lat != null);
        if (!placed.length || placed.some((o) => !o.departement)) return null;
        for (const o of placed) codes.add(o.departement!);
      } else return null;
    }
    const departements = parseDepartements([...codes].join(','));
    return departements ? { departements, around: null, place: null, radiusKm: 0 } : null;
  }

  /** One button per overseas territory of the places shown, and one back to the metropole. */
  function showOverseas(groups: Overseas[]): void {
    overseasNav.hidden = !groups.length;
    const frame = (b: L.LatLngBounds, maxZoom: number): void => {
      cmap.map.fitBounds(b, { padding: [24, 24], maxZoom });
      mapEl.focus({ preventScroll: true });
    };
    overseasNav.replaceChildren(
      h('span', { class: 'map-overseas-lead' }, 'Voir : '),
      h('button', { type: 'button', class: 'btn btn-ghost btn-small', onclick: () => frame(FRANCE_BOUNDS, 10) }, 'France métropolitaine'),
      ...groups.map((g) =>
        h(
          'button',
          { type: 'button', class: 'btn btn-ghost btn-small', onclick: () => frame(L.latLngBounds(g.points).pad(0.2), 10) },
          `${g.name} (${plural(g.points.length, 'lieu', 'lieux')})`,
        ),
      ),
    );
  }

  /** Points on no outline of the basemap (a territory it has no outline of) float on an
   * empty background: said under the map rather than left unexplained. */
  async function sayOffOutlines(shown: Feat[]): Promise<void> {
    const n = seq.next();
    const boxes = await outlineBoxes();
    if (!seq.is(n)) return;
    mapBox.querySelector('.map-no-outline')?.remove();
    const off = boxes ? offOutlines(shown.map((f) => f.geometry.coordinates as [number, number]), boxes) : shown.length;
    if (!off) return;
    const text = !boxes
      ? 'Fond de carte indisponible : les lieux sont placés sur un fond vide.'
      : off === shown.length
        ? 'Le fond de carte n’a pas le contour de ce territoire : les lieux y sont placés sur un fond vide.'
        : `${plural(off, 'lieu', 'lieux')} sur ${shown.length} hors du fond de carte (territoire dont le contour n’est pas disponible), placé${off > 1 ? 's' : ''} sur un fond vide.`;
    mapBox.append(h('p', { class: 'map-no-outline', role: 'note' }, text));
  }

  function openMarker(key: string): void {
    const m = markers.get(key);
    if (!m) return;
    const open = (): void => {
      m.openPopup();
      (m.getElement() as HTMLElement | undefined)?.focus();
    };
    if (focusLayer.hasLayer(m)) {
      if (!cmap.map.getBounds().contains(m.getLatLng())) cmap.map.panTo(m.getLatLng(), { animate: false });
      open();
    } else
      cluster.zoomToShowLayer(m, () => {
        if (cmap.map.hasLayer(m)) return open();
        // the plugin may call back with the place still in a group (its group at the zoom it
        // reached is not the one it spread): that group is spread, then the card opened
        const parent = cluster.getVisibleParent(m) as L.Marker | L.MarkerCluster | null;
        if (parent && parent !== m && 'spiderfy' in parent) {
          cluster.once('spiderfied', () => cmap.map.hasLayer(m) && open());
          parent.spiderfy();
        }
      });
    if (window.matchMedia('(max-width: 60rem)').matches) mapEl.scrollIntoView({ behavior: 'smooth', block: 'center' });
  }

  async function resolveFocus(): Promise<void> {
    focus = new Set();
    for (const item of (params.get('focus') ?? '').split(',').filter(Boolean)) {
      const [type, ...rest] = item.split(':');
      const key = rest.join(':');
      if (type === 'actor' || type === 'platform') focus.add(`${type}:${key}`);
      if (type === 'diploma') {
        const d = await cached<DiplomaDetail>(`/diplomas/${encodeURIComponent(key)}`).catch(() => null);
        for (const o of d?.offers ?? []) focus.add(`actor:${o.actor}`);
      }
    }
  }

  /** The API's filters; a région is asked as its départements (the map takes départements), and
   * so are the départements of the places in focus (`scope`). */
  function apiParams(): QueryOf<'/map.geojson'> {
    const keys = ['campus', 'departements', 'sector', 'level', 'modality'] as const satisfies readonly (keyof QueryOf<'/map.geojson'>)[];
    const out: Record<string, string> = {};
    for (const k of keys) if (params.get(k)) out[k] = params.get(k)!;
    if (params.get('region')) out.departements = regionCodes.join(',');
    if (scope?.place) {
      // the place itself rather than its coordinates: the API's notice names it
      out.around = scope.place;
      out.radius_km = String(scope.radiusKm);
    } else if (scope) out.departements = scope.departements.join(',');
    return out as QueryOf<'/map.geojson'>;
  }

  /** The map's sectors: a campus's own, those of départements or a région (GET /gaps/sectors,
   * as the gap report lists them), every campus's when no territory is asked; none asked for
   * a campus or a région the data does not know. */
  async function fillSectors(p: URLSearchParams, value: string, keep: boolean): Promise<void> {
    await territoryShown;
    if (filters.territory.unknownPlace()) return;
    const territory: Record<string, string> = {};
    for (const k of ['departements', 'region'] as const) if (p.get(k)) territory[k] = p.get(k)!;
    if (p.get('campus') || !Object.keys(territory).length) return fillSectorSelect(filters.sector, p.get('campus'), value);
    return fillGapSectors(filters.sector, territory, value, keep, 'Tous les secteurs');
  }

  /** Shows the territory of a link in the filters; false when it names a campus or a région
   * the data does not know (read() marks the field), said above the map. */
  async function linkTerritoryOk(): Promise<boolean> {
    await territoryShown;
    if (!filters.territory.unknownPlace() || !filters.territory.read(new URLSearchParams())) return true;
    features = [];
    notice = '';
    unplaced = 0;
    draw(false);
    status.textContent = 'Territoire du lien inconnu : aucun lieu n’est affiché. Corrigez le territoire dans les filtres.';
    return false;
  }

  async function reload(fromForm: boolean, fit = true): Promise<void> {
    if (fromForm) {
      const read = filters.read(params);
      if (!read) return;
      params = read;
      if (!focus.size) params.delete('focus');
      setParams('carte', params);
    }
    hiddenGroups = hiddenGroupsOf(params);
    ctrl?.abort();
    ctrl = new AbortController();
    mapBox.querySelector('.state')?.remove();
    status.replaceChildren(loading('Chargement des lieux…'));
    mapBox.setAttribute('aria-busy', 'true');
    try {
      if (!fromForm && !(await linkTerritoryOk())) return;
      const region = params.get('region');
      regionCodes = region ? await filters.territory.regionDepartements(region) : [];
      if (region && !regionCodes.length) {
        features = [];
        draw(false);
        status.textContent = 'Région inconnue ou liste des régions indisponible : choisissez une région dans la liste.';
        return;
      }
      scope = await focusScope();
      scopeBounds = null;
      const fc = await getJSON<FeatureCollection<MapProps> & { unplaced?: { count: number; by_kind?: Record<string, number> }; notice?: string | null }>('/map.geojson', apiParams(), { signal: ctrl.signal });
      unplaced = fc.unplaced?.count ?? 0;
      notice = fc.notice ?? '';
      unplacedByGroup = new Map();
      for (const [kind, n] of Object.entries(fc.unplaced?.by_kind ?? {})) {
        const id = kindGroup(kind).id;
        unplacedByGroup.set(id, (unplacedByGroup.get(id) ?? 0) + n);
      }
      await resolveFocus();
      await campusesNamed;
      features = fc.features.filter((f) => f.geometry && Array.isArray(f.geometry.coordinates));
      draw(fit);
      showScope();
      if (fromForm) announce(status.textContent ?? '');
    } catch (e) {
      if (isAbort(e)) return;
      if (scope?.place) {
        // a place the API cannot centre a radius on (unknown, or no position): all of France
        wholeAsked = true;
        scope = null;
        return await reload(false, fit);
      }
      features = [];
      notice = '';
      scope = null;
      showScope();
      draw(false);
      status.textContent = 'Lieux indisponibles.';
      mapBox.prepend(errorBox(e, () => void reload(false)));
    } finally {
      mapBox.removeAttribute('aria-busy');
    }
  }

  /** Says which départements are shown when only those of the places in focus are. */
  function showScope(): void {
    scopeBar.hidden = !scope;
    if (!scope) return;
    const one = scope.departements.length === 1;
    const centre = scope.place ? features.find((f) => featKey(f) === scope!.place) : undefined;
    const where = centre
      ? `dans un rayon de ${scope.radiusKm} km autour ${aroundPlace(centre.properties.name, centre.properties.commune)}`
      : scope.place
        ? `à moins de ${scope.radiusKm} km du lieu mis en évidence`
        : `${one ? 'du département' : 'des départements'} ${scope.departements.join(', ')} des lieux mis en évidence`;
    scopeNote.textContent = `Seuls les lieux ${where} sont affichés ; les autres le seront si vous élargissez la vue.`;
  }

  for (const s of [filters.sector, filters.level, filters.modality]) s.addEventListener('change', () => void reload(true));
  for (const b of filters.groups)
    b.input.addEventListener('change', () => {
      params = filters.read(params) ?? params;
      setParams('carte', params);
      hiddenGroups = hiddenGroupsOf(params);
      draw(false);
    });

  let territoryShown = filters.territory.set(params);
  void fillSectors(params, params.get('sector') ?? '', true);
  void reload(false);

  return {
    update(next) {
      params = new URLSearchParams(next);
      territoryShown = filters.set(params);
      wholeAsked = false;
      void fillSectors(params, params.get('sector') ?? '', true);
      void reload(false);
    },
    destroy() {
      ctrl?.abort();
      focusLayer.clearLayers();
      window.removeEventListener('cmq:settings', onSettings);
      cmap.map.off('zoomend', onZoom);
      cmap.map.off('moveend', onMove);
      cmap.map.off('moveend', clearOfGroups);
      cluster.clearLayers();
      cmap.destroy();
    },
  };
}

/** The places loaded around those in focus: within `radiusKm` of `around`, else `departements`. */
interface Scope {
  departements: string[];
  around: L.LatLng | null;
  /** The place in focus a radius is centred on (`actor:…`, `platform:…`), sent as `around`. */
  place: string | null;
  radiusKm: number;
}

/** The places in focus drawn apart from the groups at most (a diploma's offers may be
 * hundreds: beyond, they are grouped as the others, highlighted). */
const FOCUS_UNCLUSTERED = 50;

/** How far around one establishment in focus the places are loaded first: the first view
 * (zoom 12 at most, a few tens of km across) and its neighbours across a border. */
const FOCUS_RADIUS_KM = 50;

/** Drops the answers of superseded calls: `next()` numbers a call, `is(n)` tells it is the last. */
function sequence(): { next(): number; is(n: number): boolean } {
  let last = 0;
  return { next: () => ++last, is: (n) => n === last };
}
