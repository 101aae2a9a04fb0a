// Shapes of the public API's answers (see /docs). Only the fields the interface reads.

export interface Page<T> {
  total: number;
  offset: number;
  limit: number;
  items: T[];
}

export interface Fact {
  topic: string;
  text: string;
  source: string;
}

export interface CampusSummary {
  id: string;
  name: string;
  short_name: string;
  region?: string | null;
  departements: string[];
  members: number;
  actors: number;
  offers: number;
  min_level?: number | null;
  max_level?: number | null;
}

export interface Sector {
  id: string;
  name: string;
  kind?: string | null;
  rome: string[];
}

export interface CampusDetail {
  id: string;
  name: string;
  short_name: string;
  region?: string | null;
  departements: string[];
  industry: string;
  description?: string | null;
  label_status?: string | null;
  source: string;
  facts: Fact[];
  members: { id: string; name: string; kind: string; role?: string | null; commune?: string | null }[];
  sectors: Sector[];
  demand: { sector: string; sector_name: string; period: string; count: number; share?: number | null; source: string }[];
}

export interface DiplomaSummary {
  code: string;
  name: string;
  type: string;
  level?: number | null;
  offers: number;
}

export interface DiplomaLink {
  code: string;
  name: string;
  type: string;
  level?: number | null;
  passerelle: string;
  kind: string;
  origin?: string | null;
}

export interface DiplomaDetail {
  code: string;
  name: string;
  type: string;
  level?: number | null;
  description?: string | null;
  source: string;
  offers: {
    actor: string;
    name: string;
    kind: string;
    modality?: string | null;
    status: string;
    capacity?: number | null;
    commune?: string | null;
    departement?: string | null;
    lat?: number | null;
    lon?: number | null;
    source: string;
  }[];
  next: DiplomaLink[];
  previous: DiplomaLink[];
  sectors: { id: string; name: string }[];
}

export interface SiteOut {
  insee: string;
  name: string;
  departement: string;
  lat?: number | null;
  lon?: number | null;
  actors: number;
}

export interface ActorDetail {
  id: string;
  name: string;
  kind: string;
  uai?: string | null;
  commune?: string | null;
  departement?: string | null;
  lat?: number | null;
  lon?: number | null;
  campuses: string[];
  boarding_places?: number | null;
  url?: string | null;
  description?: string | null;
  source: string;
  facts: Fact[];
  memberships: { campus: string; name: string; role?: string | null; source?: string | null }[];
  offers: {
    diploma: string;
    name: string;
    type: string;
    level?: number | null;
    modality?: string | null;
    status: string;
    capacity?: number | null;
    commune?: string | null;
    source: string;
  }[];
  partners: { id: string; name: string; kind: string; partnership: string; status?: string | null; description?: string | null; source: string }[];
  platforms: { id: string; name: string; kind?: string | null }[];
  parents: { id: string; name: string; kind?: string | null }[];
  children: { id: string; name: string; kind?: string | null }[];
  sectors: { id: string; name: string }[];
}

export interface PlatformOut {
  id: string;
  name: string;
  kind: string;
  description?: string | null;
  commune?: string | null;
  departement?: string | null;
  campuses: string[];
  source: string;
  facts: Fact[];
  hosts: { id: string; name: string; kind?: string | null }[];
  sectors: string[];
}

// --- pathways -----------------------------------------------------------------------------

export interface PathwayOffer {
  actor_id: string;
  actor_name: string;
  actor_kind: string;
  commune?: string | null;
  insee?: string | null;
  departement?: string | null;
  lat?: number | null;
  lon?: number | null;
  modality?: string | null;
  status: string;
  capacity?: number | null;
  year?: number | null;
  boarding_places?: number | null;
  in_territory: boolean;
  distance_km?: number | null;
  chosen: boolean;
  source: string;
}

export interface PasserelleUsed {
  id: string | null;
  kind: string;
  origin?: string | null;
  rate?: number | null;
  entrant_share?: number | null;
  reserved_share?: number | null;
  modality?: string | null;
}

export interface PathwayStep {
  index: number;
  code: string;
  name: string;
  type: string;
  level?: number | null;
  passerelle: PasserelleUsed | null;
  outside_territory: boolean;
  offers: PathwayOffer[];
}

export interface Pathway {
  rank: number;
  steps: PathwayStep[];
  travel_km: number | null;
  outside_steps: number;
  score: { total: number; components: Record<string, number>; explanation: string[] };
}

export interface PathwayAnswer {
  start: string;
  goal: string;
  territory: string;
  count: number;
  /** What to read first (French): e.g. the data holds no programme of the goal here. */
  notices?: string[];
  pathways: Pathway[];
  reason?: string | null;
}

// --- map, network, gaps -------------------------------------------------------------------

export interface MapProps {
  feature: 'actor' | 'platform';
  id: string;
  name: string;
  kind: string;
  commune?: string | null;
  departement?: string | null;
  campuses: string[];
  sectors: string[];
  levels: number[];
  modalities: string[];
  offers: number;
  boarding_places?: number | null;
}

export interface PointFeature<P> {
  type: 'Feature';
  id?: string;
  geometry: { type: 'Point'; coordinates: [number, number] };
  properties: P;
}

export interface FeatureCollection<P> {
  type: 'FeatureCollection';
  features: PointFeature<P>[];
}

export interface NetNode {
  id: string;
  type: 'campus' | 'actor' | 'platform' | 'diploma';
  key: string;
  label: string;
  kind?: string | null;
  level?: number | null;
  role?: string | null;
  commune?: string | null;
  departement?: string | null;
  lat?: number | null;
  lon?: number | null;
  degree: number;
}

export interface NetEdge {
  id: string;
  source: string;
  target: string;
  type: string;
  kind?: string | null;
  status?: string | null;
}

export interface Network {
  campus: string;
  total_nodes: number;
  total_edges: number;
  truncated: boolean;
  nodes: NetNode[];
  edges: NetEdge[];
}

export interface GapNode {
  type: 'actor' | 'diploma' | 'sector' | 'platform' | 'campus' | string;
  key: string;
  name: string;
}

export interface GapFinding {
  id: string;
  title: string;
  why: string;
  severity: 'high' | 'medium' | 'low' | string;
  nodes: GapNode[];
  data?: Record<string, unknown>;
  sources: string[];
}

export interface GapSection {
  id: string;
  title: string;
  description: string;
  findings: GapFinding[];
}

export interface GapsAnswer {
  territory: string | Record<string, unknown>;
  sections: GapSection[];
}

export interface Health {
  status: string;
  engine: string;
  database: string;
  detail?: string | null;
  nodes: Record<string, number>;
}
