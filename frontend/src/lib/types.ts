// Shapes of the public API, named for the interface. Every type here is an alias of the schema
// generated from the API's OpenAPI document (api-schema.ts, `make api-types`); `make test`
// regenerates it and fails when the API changed without the interface following.

import type { components, paths } from './api-schema';

type S = components['schemas'];

/** The query parameters an endpoint accepts (a renamed parameter breaks the type check). The
 * document lists the /v1 paths; the interface calls their unprefixed aliases (same routes). */
type Unversioned<K> = K extends `/v1${infer P}` ? P : never;
export type QueryOf<P extends Unversioned<keyof paths>> = paths[`/v1${P}`] extends { get: { parameters: { query?: infer Q } } }
  ? NonNullable<Q>
  : never;

export type Page<T> = { total: number; offset: number; limit: number; items: T[] };

export type Fact = S['FactOut'];
export type CampusSummary = S['CampusSummary'];
export type CampusDetail = S['CampusDetail'];
export type Sector = S['SectorOut'];
export type DiplomaSummary = S['DiplomaSummary'];
export type DiplomaLink = S['DiplomaLink'];
export type DiplomaDetail = S['DiplomaDetail'];
export type DiplomaSearch = S['DiplomaSearch'];
export type JobSearch = S['JobSearch'];
export type SiteOut = S['SiteOut'];
export type ActorDetail = S['ActorDetail'];
export type PlatformOut = S['PlatformOut'];
export type Prefectures = S['Prefectures'];
export type Region = S['RegionOut'];
export type Regions = S['Regions'];

export type PathwayOffer = S['OfferOut'];
export type PasserelleUsed = S['PasserelleUsed'];
export type PathwayStep = S['StepOut'];
export type Pathway = S['PathwayOut'];
export type PathwayAnswer = S['PathwayAnswer'];

export type NetNode = S['NetNode'];
export type NetEdge = S['NetEdge'];
export type Network = S['Network'];

export type GapNode = S['NodeRef'];
export type GapFinding = S['Finding'];
export type GapSection = S['Section'];
export type GapsAnswer = S['GapReport'];
export type GapSectorChoices = S['SectorChoices'];

export type Health = S['Health'];
export type FeedersAnswer = S['FeedersAnswer'];

// The OpenAPI document describes GeoJSON features without their properties; /map.geojson's
// are written out here (graph/mapdata.py builds them).
export interface MapProps {
  feature: 'actor' | 'platform';
  id: string;
  name: string;
  kind: string;
  commune?: string | null;
  /** No file names the commune: 'contour', the one whose contour holds the place's position
   * (said as the commune, graph/commune_contours.py); 'coordinates', deduced from the position
   * only, near a border or the nearest centre (« près de »); 'centre', that nearest when the place is within 1 km of its centre (said as the
   * commune, graph/place_precision.py); 'name', the one its name gives
   * (graph/ingest/opendata/named_commune.py). */
  commune_from?: string | null;
  /** 'commune': placed only at its commune's centre (graph/place_precision.py). */
  location_precision?: 'address' | 'commune' | null;
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
