/**
 * Labels and text renderings of site fields for the diff and history views. Always
 * returns plain strings (rendered as text by React, never as HTML).
 */
import type { Geometry } from 'geojson';
import { DISTANCE_KEYS } from '../../domain/site';
import type { TFunction } from '../i18n';

const FIELD_KEYS: Record<string, string> = {
  name: 'cur.field.name',
  kind: 'cur.field.kind',
  zone_id: 'cur.field.zone',
  zone_name: 'cur.field.zone',
  sectors: 'cur.field.sectors',
  availability: 'cur.field.availability',
  occupation: 'cur.field.occupation',
  price_eur_m2: 'cur.field.price',
  contact: 'cur.field.contact',
  notes: 'cur.field.notes',
  declared_surface_m2: 'cur.field.declared',
  computed_surface_m2: 'cur.field.surface',
  source: 'cur.field.source',
  source_url: 'cur.field.sourceUrl',
  commune: 'cur.field.commune',
  insee: 'cur.field.commune',
  epci_name: 'cur.field.epci',
  epci_siren: 'cur.field.epci',
  dist_rn2_m: 'cur.field.distRn2',
  dist_waterway_m: 'cur.field.distWaterway',
  dist_station_m: 'cur.field.distStation',
  geometry: 'cur.diff.geometry',
  id: 'cur.field.id',
  fictitious: 'cur.field.fictitiousFlag',
  friche_status: 'cur.field.fricheStatus',
  friche_type: 'cur.field.fricheType',
  waterway_name: 'cur.field.waterwayName',
  station_name: 'cur.field.stationName',
  rail_km_to_cdg: 'cur.field.railCdg',
  dist_ite_m: 'cur.field.distIte',
  ite_name: 'cur.field.iteName',
  ite_line: 'cur.field.iteLine',
  dist_rn2_error_m: 'cur.field.distRn2Error',
};

/** Values derived from the geometry by the distance worker: not edits, left out of the history. */
export const DERIVED_DISTANCE_FIELDS: readonly string[] = DISTANCE_KEYS;

const METRES = new Set(['dist_rn2_m', 'dist_rn2_error_m', 'dist_waterway_m', 'dist_station_m', 'dist_ite_m']);

const ENUM_PREFIX: Record<string, string> = {
  kind: 'kind',
  availability: 'availability',
  occupation: 'occupation',
};

/** "readiness.planning.status" → « Urbanisme … — État ». */
export function fieldLabel(t: TFunction, field: string): string {
  const m = /^readiness\.([a-z_]+)(?:\.([a-z_]+))?$/.exec(field);
  if (m) {
    const item = t(`readinessItem.${m[1]}.short`);
    const sub = m[2] === 'status' ? t('cur.field.status') : m[2] === 'date' ? t('cur.field.date') : m[2] === 'source' ? t('cur.field.itemSource') : m[2];
    return sub ? `${item} — ${sub}` : item;
  }
  const key = FIELD_KEYS[field];
  return key ? `${t(key)}${field === 'insee' || field === 'epci_siren' || field === 'zone_id' ? ' (code)' : ''}` : field;
}

function geometrySummary(t: TFunction, g: Geometry): string {
  if (g.type === 'Point') return t('cur.geom.point', { x: g.coordinates[0].toFixed(5), y: g.coordinates[1].toFixed(5) });
  if (g.type === 'Polygon') return t('cur.geom.polygon', { n: Math.max(0, (g.coordinates[0]?.length ?? 1) - 1) });
  if (g.type === 'MultiPolygon') return t('cur.geom.multipolygon', { n: g.coordinates.length });
  return g.type;
}

export function formatValue(t: TFunction, field: string, v: unknown): string {
  if (v === null || v === undefined || v === '' || (Array.isArray(v) && v.length === 0)) return t('cur.diff.empty');
  const last = field.split('.').pop() ?? field;
  if (field === 'sectors' && Array.isArray(v)) return v.map((s) => t(`sector.${String(s)}`)).join(', ');
  if (ENUM_PREFIX[field] && typeof v === 'string') return t(`${ENUM_PREFIX[field]}.${v}`);
  if (field.startsWith('readiness.') && last === 'status' && typeof v === 'string') return t(`itemStatus.${v}`);
  if (typeof v === 'number' && METRES.has(field)) {
    return t('cur.unit.km', { v: new Intl.NumberFormat('fr-FR', { minimumFractionDigits: 1, maximumFractionDigits: 1 }).format(v / 1000) });
  }
  if (typeof v === 'number' && field === 'rail_km_to_cdg') {
    return t('cur.unit.km', { v: new Intl.NumberFormat('fr-FR', { maximumFractionDigits: 1 }).format(v) });
  }
  if (typeof v === 'number' && (field === 'computed_surface_m2' || field === 'declared_surface_m2')) {
    return t('cur.unit.m2', { v: new Intl.NumberFormat('fr-FR', { maximumFractionDigits: 0 }).format(v) });
  }
  if (typeof v === 'number') return new Intl.NumberFormat('fr-FR', { maximumFractionDigits: 2 }).format(v);
  if (typeof v === 'boolean') return t(v ? 'cur.value.yes' : 'cur.value.no');
  if (typeof v === 'string') return v;
  if (typeof v === 'object' && v && 'type' in v && typeof (v as Geometry).type === 'string' && field === 'geometry') {
    return geometrySummary(t, v as Geometry);
  }
  const s = JSON.stringify(v);
  return s.length > 200 ? `${s.slice(0, 199)}…` : s;
}
