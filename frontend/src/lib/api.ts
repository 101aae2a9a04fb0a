// The public API, same origin (relative URLs). Errors become ApiError with a French message.

export type ParamValue = string | number | boolean | null | undefined | (string | number)[];
export type Params = Record<string, ParamValue>;

export class ApiError extends Error {
  readonly status: number;
  readonly detail: unknown;
  readonly suggestions: string[];

  constructor(status: number, message: string, detail?: unknown, suggestions: string[] = []) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.detail = detail;
    this.suggestions = suggestions;
  }
}

export function query(params: Params = {}): string {
  const qs = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) {
    if (v === undefined || v === null || v === '' || v === false) continue;
    if (Array.isArray(v)) {
      for (const item of v) qs.append(k, String(item));
    } else {
      qs.set(k, v === true ? '1' : String(v));
    }
  }
  const s = qs.toString();
  return s ? `?${s}` : '';
}

export function apiUrl(path: string, params?: Params): string {
  return path + query(params);
}

/** French sentence for an API failure. */
function describe(status: number, body: unknown): string {
  const detail = body && typeof body === 'object' && 'detail' in body ? (body as { detail: unknown }).detail : undefined;
  if (status === 503) {
    return 'La base de données ne répond pas pour le moment. Réessayez dans quelques instants.';
  }
  // Problem details (RFC 9457, api/problems.py): a stable `code` and a French `detail`.
  const code = body && typeof body === 'object' && 'code' in body ? (body as { code: unknown }).code : undefined;
  if (typeof code === 'string' && typeof detail === 'string' && status < 500) return detail;
  if (status === 404) {
    if (typeof detail === 'string') {
      const m = /^No (\w+) '(.+)' in the graph\.$/.exec(detail);
      if (m) {
        const what: Record<string, string> = {
          diploma: 'Diplôme inconnu',
          campus: 'Campus inconnu',
          actor: 'Acteur inconnu',
          passerelle: 'Passerelle inconnue',
        };
        return `${what[m[1]] ?? 'Élément inconnu'} : ${m[2]}.`;
      }
    }
    return 'Cette ressource est introuvable (404).';
  }
  if (status === 422 || status === 400) {
    if (Array.isArray(detail)) {
      const parts = detail.map((d: { loc?: unknown[]; msg?: string }) => {
        const field = Array.isArray(d.loc) ? d.loc.filter((x) => x !== 'query' && x !== 'body').join('.') : '';
        return field ? `${field} : ${d.msg ?? ''}` : (d.msg ?? '');
      });
      return `Paramètres refusés par le serveur — ${parts.join(' ; ')}`;
    }
    if (typeof detail === 'string') return `Paramètres refusés par le serveur — ${detail}`;
    return 'Paramètres refusés par le serveur.';
  }
  if (status >= 500) return `Le serveur a rencontré une erreur (${status}). Réessayez plus tard.`;
  return `Réponse inattendue du serveur (${status}).`;
}

export async function getJSON<T>(path: string, params?: Params, init?: RequestInit): Promise<T> {
  let res: Response;
  try {
    res = await fetch(apiUrl(path, params), { headers: { Accept: 'application/json' }, ...init });
  } catch (e) {
    if (e instanceof DOMException && e.name === 'AbortError') throw e;
    throw new ApiError(0, 'Le serveur est injoignable. Vérifiez votre connexion puis réessayez.');
  }
  let body: unknown = null;
  const text = await res.text();
  if (text) {
    try {
      body = JSON.parse(text);
    } catch {
      body = text;
    }
  }
  if (!res.ok) {
    const suggestions =
      body && typeof body === 'object' && Array.isArray((body as { suggestions?: unknown }).suggestions)
        ? ((body as { suggestions: string[] }).suggestions)
        : [];
    throw new ApiError(res.status, describe(res.status, body), body, suggestions);
  }
  return body as T;
}

export function isAbort(e: unknown): boolean {
  return e instanceof DOMException && e.name === 'AbortError';
}

export function errorText(e: unknown): string {
  if (e instanceof ApiError) return e.message;
  if (e instanceof Error) return `Erreur inattendue : ${e.message}`;
  return 'Erreur inattendue.';
}

/** Small in-memory cache for reference lists that do not change while the page is open. */
const cache = new Map<string, Promise<unknown>>();

export function cached<T>(path: string, params?: Params): Promise<T> {
  const key = apiUrl(path, params);
  let p = cache.get(key) as Promise<T> | undefined;
  if (!p) {
    p = getJSON<T>(path, params);
    cache.set(key, p);
    p.catch(() => cache.delete(key));
  }
  return p;
}
