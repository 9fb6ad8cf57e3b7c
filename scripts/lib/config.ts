/**
 * Reads and checks data/sources.json, the project's manifest of open-data sources.
 */
import type { BoundsOption, GeometryTypeName, LayerRules } from '../../src/data/validation/index';

export interface FeatureFilter {
  property: string;
  op: '==' | '!=' | 'in' | 'not_in';
  value: string | number | boolean | (string | number | boolean)[];
}

interface LayerSourceBase {
  id: string;
  output: string;
  title: string;
  producer: string;
  licence: string;
  licence_url: string | null;
  date: string;
  /** What `date` is when it is not the producer's update date (e.g. « mirror_commit »: when the copy was committed to the mirror). */
  date_kind?: 'update' | 'mirror_commit';
  source_url: string | null;
  attribution: string;
  caveats?: string[];
}

export interface GeojsonLayerSource extends LayerSourceBase {
  type: 'geojson';
  file: string;
  geometry_types: GeometryTypeName[];
  required_properties: string[];
  id_property: string | null;
  label_properties?: string[];
  expected_count: number | null;
  bounds?: BoundsOption;
  filter?: FeatureFilter;
  keep_properties: string[] | '*';
  /**
   * Properties written to the published file, when narrower than `keep_properties` (which the
   * derived layers still read in the build). Free text and per-dossier figures that the atlas
   * does not show stay out of public/data (privacy: they can name private persons).
   */
  public_properties?: string[];
  /** Members of the source's top-level `metadata` to copy to the output. */
  keep_metadata?: string[];
}

export interface ZonesLayerSource extends LayerSourceBase {
  type: 'zones_csv';
  file: string;
  facts_file: string;
}

export interface SitesLayerSource extends LayerSourceBase {
  type: 'sites';
  derived_from: string[];
}

export type LayerSource = GeojsonLayerSource | ZonesLayerSource | SitesLayerSource;

export interface SourcesConfig {
  version: number;
  layers: LayerSource[];
}

export class ConfigError extends Error {}

export function rulesOf(layer: GeojsonLayerSource): LayerRules {
  return {
    geometryTypes: layer.geometry_types,
    requiredProperties: layer.required_properties,
    idProperty: layer.id_property,
    labelProperties: layer.label_properties,
    expectedCount: layer.expected_count,
    bounds: layer.bounds ?? 'metropole',
  };
}

const COMMON_KEYS = ['id', 'output', 'title', 'producer', 'licence', 'date', 'attribution'] as const;

/** Checks the shape of a parsed sources.json; throws ConfigError with a French message. */
export function checkConfig(raw: unknown, where: string): SourcesConfig {
  const fail = (msg: string): never => {
    throw new ConfigError(`${where} : ${msg}`);
  };
  if (typeof raw !== 'object' || raw === null || !Array.isArray((raw as { layers?: unknown }).layers)) {
    fail('le membre « layers » (tableau) est absent.');
  }
  const config = raw as SourcesConfig;
  const ids = new Set<string>();
  config.layers.forEach((layer, i) => {
    const name = `couche n° ${i + 1} (« ${String((layer as { id?: unknown }).id ?? '?')} »)`;
    for (const key of COMMON_KEYS) {
      if (typeof layer[key] !== 'string' || layer[key] === '') fail(`${name} : le champ « ${key} » est absent ou vide.`);
    }
    if (ids.has(layer.id)) fail(`${name} : l'identifiant « ${layer.id} » est en double.`);
    if (layer.date_kind !== undefined && layer.date_kind !== 'update' && layer.date_kind !== 'mirror_commit') {
      fail(`${name} : « date_kind » doit valoir « update » ou « mirror_commit ».`);
    }
    ids.add(layer.id);
    if (layer.type === 'geojson' || layer.type === 'zones_csv') {
      if (typeof layer.file !== 'string' || layer.file === '') fail(`${name} : le champ « file » est absent.`);
    }
    if (layer.type === 'geojson') {
      if (!Array.isArray(layer.geometry_types)) fail(`${name} : « geometry_types » doit être un tableau.`);
      if (!Array.isArray(layer.required_properties)) fail(`${name} : « required_properties » doit être un tableau.`);
      if (layer.keep_properties !== '*' && !Array.isArray(layer.keep_properties)) {
        fail(`${name} : « keep_properties » doit être un tableau ou « * ».`);
      }
      if (layer.public_properties !== undefined && !Array.isArray(layer.public_properties)) {
        fail(`${name} : « public_properties » doit être un tableau.`);
      }
    } else if (layer.type === 'zones_csv') {
      if (typeof layer.facts_file !== 'string') fail(`${name} : le champ « facts_file » est absent.`);
    } else if (layer.type === 'sites') {
      if (!Array.isArray(layer.derived_from)) fail(`${name} : « derived_from » doit être un tableau.`);
    } else {
      fail(`${name} : type « ${String((layer as { type?: unknown }).type)} » inconnu (geojson, zones_csv ou sites).`);
    }
  });
  return config;
}
