// Hash routing: #/parcours?from=…, #/carte, #/reseau, #/manques. Deep links work because the
// server only ever sees /app/.

export interface PageInstance {
  /** Called when only the parameters of the current page changed (back/forward, links). */
  update?(params: URLSearchParams): void;
  destroy(): void;
}

export type PageModule = { mount(el: HTMLElement, params: URLSearchParams): PageInstance };

export interface Route {
  name: string;
  title: string;
  load: () => Promise<PageModule>;
}

export function parseHash(hash = window.location.hash): { name: string; params: URLSearchParams } {
  const raw = hash.replace(/^#\/?/, '');
  const [path, qs = ''] = raw.split('?', 2);
  return { name: path.split('/')[0] || '', params: new URLSearchParams(qs) };
}

export function hrefFor(name: string, params?: Record<string, string | number | undefined | null> | URLSearchParams): string {
  const qs = params instanceof URLSearchParams ? params : new URLSearchParams();
  if (params && !(params instanceof URLSearchParams)) {
    for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== null && v !== '') qs.set(k, String(v));
  }
  const s = qs.toString().replace(/%2C/g, ',').replace(/%3A/g, ':');
  return `#/${name}${s ? `?${s}` : ''}`;
}

/** Change the current page's parameters in the address bar without re-rendering the page. */
export function setParams(name: string, params: URLSearchParams, { push = false } = {}): void {
  const href = hrefFor(name, params);
  if (href === window.location.hash) return;
  if (push) window.history.pushState(null, '', href);
  else window.history.replaceState(null, '', href);
}

export function startRouter(routes: Route[], main: HTMLElement, fallback: string): void {
  let current: { name: string; page: PageInstance } | null = null;
  let first = true;
  let seq = 0;

  const render = async (): Promise<void> => {
    const { name, params } = parseHash();
    const route = routes.find((r) => r.name === name);
    if (!route) {
      window.history.replaceState(null, '', hrefFor(fallback));
      void render();
      return;
    }
    for (const a of document.querySelectorAll<HTMLAnchorElement>('nav a[data-route]')) {
      if (a.dataset.route === name) a.setAttribute('aria-current', 'page');
      else a.removeAttribute('aria-current');
    }
    document.title = `${route.title} — cmq-graph`;
    if (current && current.name === name && current.page.update) {
      current.page.update(params);
      return;
    }
    const mine = ++seq;
    current?.page.destroy();
    current = null;
    main.replaceChildren();
    main.setAttribute('aria-busy', 'true');
    let mod: PageModule;
    try {
      mod = await route.load();
    } catch {
      main.removeAttribute('aria-busy');
      const p = document.createElement('p');
      p.className = 'state state-error';
      p.setAttribute('role', 'alert');
      p.textContent = 'Impossible de charger cette page. Rechargez la page (la version a peut-être changé).';
      main.append(p);
      return;
    }
    if (mine !== seq) return;
    main.removeAttribute('aria-busy');
    const el = document.createElement('div');
    el.className = `page page-${name}`;
    main.append(el);
    current = { name, page: mod.mount(el, params) };
    if (!first) {
      // Move focus to the new page's heading, as a page load would.
      const h1 = el.querySelector('h1');
      if (h1) {
        h1.setAttribute('tabindex', '-1');
        h1.focus({ preventScroll: false });
      }
    }
    first = false;
  };

  window.addEventListener('hashchange', () => void render());
  void render();
}
