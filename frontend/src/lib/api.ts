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

// Parameter names as the forms call them.
const FIELD_FR: Record<string, string> = {
  from: 'diplôme de départ',
  to: 'diplôme visé',
  to_level: 'niveau visé',
  to_type: 'type de diplôme visé',
  job: 'métier visé',
  campus: 'campus',
  departements: 'départements',
  region: 'région',
  near: 'commune',
  radius_km: 'rayon',
  home: "commune de l'élève",
  modality: 'modalité',
  max_steps: "nombre maximal d'étapes",
  limit: 'nombre de résultats',
  offset: 'position dans la liste',
  sector: 'filière',
  level: 'niveau',
  q: 'recherche',
  section: 'rubrique',
};

interface ValidationItem {
  loc?: unknown[];
  type?: string;
  ctx?: Record<string, unknown>;
}

/** One validation error in French, from its stable type (never from its English message). */
function validationFr(d: ValidationItem): string {
  const name = Array.isArray(d.loc) ? d.loc.filter((x) => x !== 'query' && x !== 'body' && x !== 'path').join('.') : '';
  const field = FIELD_FR[name] ?? (name ? `le champ « ${name} »` : 'un paramètre');
  const c = d.ctx ?? {};
  const rules: Record<string, string> = {
    missing: 'est obligatoire',
    less_than_equal: `doit valoir au plus ${String(c.le)}`,
    less_than: `doit être inférieur à ${String(c.lt)}`,
    greater_than_equal: `doit valoir au moins ${String(c.ge)}`,
    greater_than: `doit être supérieur à ${String(c.gt)}`,
    int_parsing: 'doit être un nombre entier',
    float_parsing: 'doit être un nombre',
    string_too_long: `est trop long (au plus ${String(c.max_length)} caractères)`,
    string_too_short: 'est trop court',
    string_pattern_mismatch: "n'a pas la forme attendue",
    literal_error: "n'est pas une valeur proposée",
    enum: "n'est pas une valeur proposée",
    extra_forbidden: "n'est pas un paramètre connu",
  };
  return `${field.charAt(0).toUpperCase()}${field.slice(1)} : ${rules[d.type ?? ''] ?? 'valeur refusée'}.`;
}

/** French sentence for an API failure. An error answer that carries a stable `code` (RFC 9457
 * problem details) has a French `detail`, shown as is; otherwise the status and the validation
 * types decide, never the English text of a message. */
export function describe(status: number, body: unknown): string {
  const b = body && typeof body === 'object' ? (body as { detail?: unknown; code?: unknown }) : {};
  const errors = (b as { errors?: unknown }).errors;
  if ((status === 422 || status === 400) && Array.isArray(errors) && errors.length) {
    return `Recherche refusée. ${errors.map((d) => validationFr(d as ValidationItem)).join(' ')}`;
  }
  if (typeof b.code === 'string' && typeof b.detail === 'string') return b.detail;
  if (status === 503) return 'La base de données ne répond pas pour le moment. Réessayez dans quelques instants.';
  if (status === 404) return 'Élément introuvable : vérifiez le code ou le nom saisi.';
  if (status === 422 || status === 400) {
    if (Array.isArray(b.detail) && b.detail.length) {
      return `Recherche refusée. ${b.detail.map((d) => validationFr(d as ValidationItem)).join(' ')}`;
    }
    return 'Recherche refusée : vérifiez les champs du formulaire.';
  }
  if (status === 429) return 'Trop de demandes en peu de temps. Patientez quelques secondes puis réessayez.';
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
