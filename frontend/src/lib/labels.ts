// French wording of the API's closed vocabularies, and the colour groups of actor kinds.

export const KIND_FR: Record<string, string> = {
  lycee: 'Lycée',
  lycee_agricole: 'Lycée agricole',
  cfa: 'CFA',
  greta: 'GRETA',
  iut: 'IUT',
  university: 'Université',
  engineering_school: "École d'ingénieurs",
  higher_education: 'Enseignement supérieur',
  training_centre: 'Centre de formation',
  company: 'Entreprise',
  cluster: 'Cluster',
  competitiveness_pole: 'Pôle de compétitivité',
  research_lab: 'Laboratoire',
  research_body: 'Organisme de recherche',
  chamber: 'Chambre consulaire',
  professional_branch: 'Branche professionnelle',
  public_body: 'Organisme public',
  orientation_service: "Service d'orientation",
  association: 'Association',
  funder: 'Financeur',
  other: 'Autre',
  unspecified: 'Type non précisé',
  // platforms
  pft: 'Plateforme technologique (PFT)',
  fablab: 'Fab lab',
  plateau_technique: 'Plateau technique',
  research_platform: 'Plateforme de recherche',
};

export interface KindGroup {
  id: string;
  label: string;
  color: string; // fill, dark enough for white text (contrast ≥ 4.5:1)
  glyph: string; // a letter drawn in the marker, so colour is not the only cue
  kinds: string[];
}

export const KIND_GROUPS: KindGroup[] = [
  { id: 'lycee', label: 'Lycées', color: '#1f4e9c', glyph: 'L', kinds: ['lycee', 'lycee_agricole'] },
  { id: 'alternance', label: 'CFA, GRETA, centres de formation', color: '#a0470a', glyph: 'A', kinds: ['cfa', 'greta', 'training_centre'] },
  { id: 'superieur', label: 'Enseignement supérieur', color: '#6a2c91', glyph: 'S', kinds: ['iut', 'university', 'engineering_school', 'higher_education'] },
  { id: 'entreprise', label: 'Entreprises', color: '#5c4a00', glyph: 'E', kinds: ['company'] },
  { id: 'recherche', label: 'Recherche', color: '#006a6a', glyph: 'R', kinds: ['research_lab', 'research_body'] },
  { id: 'reseau', label: 'Clusters, pôles, chambres, branches', color: '#b0003a', glyph: 'C', kinds: ['cluster', 'competitiveness_pole', 'chamber', 'professional_branch'] },
  { id: 'institution', label: 'Institutions, orientation, autres', color: '#4a4a4a', glyph: 'I', kinds: ['public_body', 'orientation_service', 'association', 'funder', 'other'] },
  { id: 'plateforme', label: 'Plateformes (PFT, fab labs…)', color: '#18753c', glyph: 'P', kinds: ['pft', 'fablab', 'plateau_technique', 'research_platform'] },
  // establishments the public files give offers for but no kind (no directory names them)
  { id: 'nonprecise', label: 'Établissements de type non précisé', color: '#3d5a73', glyph: '?', kinds: ['unspecified'] },
];

const GROUP_OF = new Map<string, KindGroup>();
for (const g of KIND_GROUPS) for (const k of g.kinds) GROUP_OF.set(k, g);

export function kindGroup(kind: string | null | undefined): KindGroup {
  return GROUP_OF.get(kind ?? 'other') ?? KIND_GROUPS[6];
}

export function kindFr(kind: string | null | undefined): string {
  if (!kind) return '—';
  return KIND_FR[kind] ?? kind;
}

export const DIPLOMA_TYPE_FR: Record<string, string> = {
  cap: 'CAP',
  bac_pro: 'Bac pro',
  bac_techno: 'Bac technologique',
  bac_general: 'Bac général',
  bp: 'Brevet professionnel',
  mc: 'Mention complémentaire',
  bts: 'BTS',
  dut: 'DUT',
  but: 'BUT',
  licence: 'Licence',
  licence_pro: 'Licence professionnelle',
  master: 'Master',
  mastere_specialise: 'Mastère spécialisé',
  ingenieur: "Diplôme d'ingénieur",
  cpge: 'CPGE',
  cqpm: 'CQPM',
  fcil: 'FCIL',
  titre_pro: 'Titre professionnel',
  du: "Diplôme d'université",
  other: 'Autre',
};

/** The BCN natures (a code's first three characters) of the certificats de spécialisation, filed
 * under the type `mc` they replace: 461 « CS 4 », 561 « CS 3 », 463 and 563 « CSA » (agricole);
 * and Parcoursup's (`PS-CS-…`). As graph/labels.py CS_NATURES. */
const CS_NATURES = new Set(['461', '561', '463', '563']);

export function isSpecialisation(t: string | null | undefined, code?: string | null): boolean {
  return t === 'mc' && !!code && (CS_NATURES.has(code.slice(0, 3)) || code.startsWith('PS-CS-'));
}

/** A diploma's type in French; with its code, a certificat de spécialisation is named so. */
export function diplomaTypeFr(t: string | null | undefined, code?: string | null): string {
  if (!t) return '—';
  if (isSpecialisation(t, code)) return 'Certificat de spécialisation';
  return DIPLOMA_TYPE_FR[t] ?? t;
}

export const LEVEL_FR: Record<number, string> = {
  3: 'Niveau 3 (CAP)',
  4: 'Niveau 4 (bac)',
  5: 'Niveau 5 (bac + 2)',
  6: 'Niveau 6 (bac + 3)',
  7: 'Niveau 7 (bac + 5)',
  8: 'Niveau 8 (doctorat)',
};

/** The level of a diploma; a FCIL has none of its own (no diploma: graph/coverage.py FCIL_NOTE),
 * and those of Parcoursup (code « PS-… ») are entered after a bac. */
export function levelFr(level: number | null | undefined, type?: string | null, code?: string | null): string {
  if ((level === null || level === undefined) && type === 'fcil') {
    return code?.startsWith('PS-') ? 'sans niveau de diplôme (FCIL, après un bac)' : 'sans niveau de diplôme (FCIL)';
  }
  if (level === null || level === undefined) return 'niveau non précisé';
  return LEVEL_FR[level] ?? `Niveau ${level}`;
}

/** A level inside a sentence: « niveau 3 (CAP) », its first letter only in lower case. */
export function levelInSentence(level: number | null | undefined): string {
  const said = levelFr(level);
  return said.charAt(0).toLowerCase() + said.slice(1);
}

export const MODALITY_FR: Record<string, string> = {
  any: 'Toutes modalités',
  school: 'Statut scolaire',
  apprenticeship: 'Apprentissage',
  continuing: 'Formation continue',
};

export function modalityFr(m: string | null | undefined): string {
  if (!m) return 'modalité non précisée';
  return MODALITY_FR[m] ?? m;
}

export const PASSERELLE_KIND_FR: Record<string, string> = {
  continuation: "Poursuite d'études",
  reorientation: 'Réorientation',
  vae: 'VAE',
  skills_block: 'Blocs de compétences',
  admission_parallele: 'Admission parallèle',
};

export const ORIGIN_FR: Record<string, string> = {
  documented: 'documentée',
  inferred: 'déduite par l’outil, non documentée',
  after_3e: 'entrée après la 3e',
};

/** An establishment placed only at its commune's centre (`location_precision` 'commune'). */
export const APPROXIMATE_FR = 'position approximative (centre de la commune)';

export const STATUS_FR: Record<string, string> = {
  open: 'ouverte',
  planned: 'en projet',
  renewed: 'vue pour la version précédente du diplôme, à confirmer',
  closed: 'fermée',
};

export const EDGE_FR: Record<string, string> = {
  MEMBER_OF: 'Membre du campus',
  OFFERS: 'Propose le diplôme',
  PARTNERS_WITH: 'Partenariat',
  HOSTS: 'Héberge la plateforme',
  PART_OF: 'Fait partie de',
  LEADS_TO: 'Passerelle vers',
};

export const PARTNERSHIP_FR: Record<string, string> = {
  placements: 'stages et apprentis',
  research: 'recherche',
  funding: 'financement',
  convention: 'convention',
  support_letter: 'lettre de soutien',
  membership: 'adhésion',
  training: 'formation commune',
  project: 'projet commun',
  governance: 'gouvernance',
  communication: 'communication',
  international: 'international',
};

export const SEVERITY_FR: Record<string, string> = {
  high: 'Élevée',
  medium: 'Moyenne',
  low: 'Faible',
};

export const NODE_TYPE_FR: Record<string, string> = {
  actor: 'Acteur',
  platform: 'Plateforme',
  diploma: 'Diplôme',
  sector: 'Secteur',
  campus: 'Campus',
};

export const SCORE_COMPONENT_FR: Record<string, string> = {
  steps: 'Nombre d’étapes',
  travel: 'Distance parcourue',
  same_field: 'Continuité de spécialité',
  outside: 'Étapes hors territoire',
  planned: 'Offres seulement en projet',
  inferred_passerelles: 'Passerelles déduites',
  modality: 'Modalité demandée',
  modality_not_described: 'Modalité non décrite par les fichiers publics',
  known_rates: 'Taux de passage connus',
  documented_figures: 'Chiffres documentés',
  known_capacity: 'Capacités connues',
  unknown_distance: 'Distances inconnues',
  not_seen_lately: 'Offres absentes des derniers fichiers',
  weak_evidence: 'Passerelles déduites sur peu d’indices',
  no_places: 'Étapes sans place d’entrée (0 place)',
};

/** « 1 place », « 12 places ». */
export function placesFr(n: number): string {
  return `${n} place${n > 1 ? 's' : ''}`;
}

/** What an offer's wishes count (the API's `demand_kind`), never compared with each other:
 * Affelnet's first wishes, Parcoursup's confirmed wishes (up to 10 per candidate, not ranked).
 * « 1 premier vœu Affelnet », « 0 vœu », « 127 vœux confirmés sur Parcoursup (non hiérarchisés) ». */
export function wishesFr(n: number, kind: string | null | undefined): string {
  const many = n >= 2;
  if (kind === 'first_wishes') return `${fmtInt(n)} ${many ? 'premiers vœux' : 'premier vœu'} Affelnet`;
  if (kind === 'confirmed_wishes') return `${fmtInt(n)} ${many ? 'vœux confirmés' : 'vœu confirmé'} sur Parcoursup (non hiérarchisés)`;
  return `${fmtInt(n)} ${many ? 'vœux' : 'vœu'}`;
}

/** The taux de pression said with what it divides: « 0,73 premier vœu Affelnet par place »,
 * « 8,47 vœux confirmés sur Parcoursup par place ». */
export function pressureFr(p: number, kind: string | null | undefined): string {
  const many = p >= 2;
  const what = kind === 'first_wishes'
    ? `${many ? 'premiers vœux' : 'premier vœu'} Affelnet`
    : kind === 'confirmed_wishes'
      ? `${many ? 'vœux confirmés' : 'vœu confirmé'} sur Parcoursup`
      : many ? 'vœux' : 'vœu';
  return `${p.toLocaleString('fr-FR', { maximumFractionDigits: 2 })} ${what} par place`;
}

/** The course year an offer's figures are of when it is not the first (the API's
 * `entry_year`): « 1re pro » for a Bac pro's second year, « 2e année » otherwise. */
export function entryYearFr(year: number, diplomaType: string | null | undefined): string {
  if (diplomaType === 'bac_pro') return year === 2 ? '1re pro' : year === 3 ? 'terminale pro' : `${year}e année`;
  return `${year}e année`;
}

function fmtInt(n: number): string {
  return n.toLocaleString('fr-FR');
}

/** « 1 étape », « 2 étapes », « 2 lieux » (French plural from 2 on). */
export function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n > 1 ? many : one}`;
}

/** A diploma code a counsellor can look up (BCN / CFD: eight letters or digits; RNCP…), or
 * null for the keys this tool gives programmes that have none (seed or Parcoursup programmes).
 * The server's graph/diploma_names.is_public_code holds the same rule. */
export function publicCode(code: string): string | null {
  return /^(?:[0-9A-Z]{8}|RNCP\d{1,6})$/.test(code) ? code : null;
}

/** « près de » a commune, contracted as French does: « près du Bouscat », « près d’Agen ».
 * Only for a commune found as the nearest to a place more than 1 km from its centre
 * (`commune_from` 'coordinates'); within 1 km (`commune_from` 'centre') the commune is said
 * as is (graph/place_precision.py, the server's twin: graph/pathways/explanation.place). */
/** A commune as the answers say it: « près de X » when the import only found it as the nearest
 * to the establishment's position (`commune_from` 'coordinates'), else its name. */
export function communeSaid(commune: string, communeFrom?: string | null): string {
  return communeFrom === 'coordinates' ? nearCommune(commune) : commune;
}

/** Why a commune is not a file's word, beside it (`commune_from`, graph/place_precision.py): the
 * import deduced it from the establishment's position or name; null when a file names it. */
export function communeFromNote(communeFrom?: string | null): string | null {
  switch (communeFrom) {
    case 'coordinates':
      return 'commune déduite de la position de l’établissement (les fichiers publics ne la donnent pas)';
    case 'contour':
      return 'commune déduite de la position de l’établissement, à l’intérieur de ses limites (les fichiers publics ne la donnent pas)';
    case 'centre':
      return 'commune déduite de la position de l’établissement, à moins de 1 km de sa mairie (les fichiers publics ne la donnent pas)';
    case 'name':
      return 'commune déduite du nom de l’établissement, près de sa position (les fichiers publics ne la donnent pas)';
    default:
      return null;
  }
}

export function nearCommune(name: string): string {
  if (name.startsWith('Le ')) return `près du ${name.slice(3)}`;
  if (name.startsWith('Les ')) return `près des ${name.slice(4)}`;
  if (/^[AEIOUYÉÈÊÂÎÔ]/.test(name)) return `près d’${name}`;
  return `près de ${name}`;
}

/** The commune of an establishment's offer as every view of it says it: « près de » the commune
 * found as the nearest to its position (`commune_from` 'coordinates'), else the commune; null
 * when unknown. The card, the comparison, the map and the CSV export say the same. */
export function offerCommune(o: { commune?: string | null; commune_from?: string | null }): string | null {
  if (!o.commune) return null;
  return o.commune_from === 'coordinates' ? nearCommune(o.commune) : o.commune;
}
