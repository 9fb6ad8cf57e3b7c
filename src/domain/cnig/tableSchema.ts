/**
 * Table Schema (Frictionless) → JSON Schema, for one row of a CNIG class, plus the cast of a
 * raw cell (CSV text or GeoJSON property) to its logical value, as the Frictionless validator
 * that the standard's own CI runs (`frictionless validate`) reads it:
 *
 * | Table Schema                | cast of a cell                          | JSON Schema of the cast value                |
 * |-----------------------------|-----------------------------------------|----------------------------------------------|
 * | missingValues ('', 'NA', …) | → null                                  | required: not null                           |
 * | string                      | as is                                   | type string (+ enum, pattern anchored ^…$)   |
 * | string, format email        | as is                                   | + format email                               |
 * | number                      | "37.2" → 37.2 (decimal point only)      | type number                                  |
 * | date, format %Y-%m-%d       | as is                                   | type string, format date (a real day)        |
 * | date, format %Y             | 2015 → "2015"                           | type string, pattern ^\d{4}$                 |
 * | geojson                     | text → parsed JSON                      | object with a GeoJSON geometry type          |
 * | geopoint (default)          | as is                                   | pattern « lon, lat »                         |
 *
 * Table Schema patterns are whole-value patterns (XML Schema style), hence the ^(?:…)$ anchors.
 * Pure: no I/O; the JSON Schema is checked by a JSON Schema library in src/data/publish.
 */
import type { CnigField } from './types';

export type JsonSchema = Record<string, unknown>;

const NUMBER_RE = /^[-+]?(\d+(\.\d*)?|\.\d+)([eE][-+]?\d+)?$/;
const GEOMETRY_TYPES = ['Point', 'MultiPoint', 'LineString', 'MultiLineString', 'Polygon', 'MultiPolygon', 'GeometryCollection'];
export const GEOPOINT_RE = '^\\s*[-+]?\\d+(\\.\\d+)?\\s*,\\s*[-+]?\\d+(\\.\\d+)?\\s*$';

/** The logical value of a raw cell, or the raw value when it cannot be cast (the schema then reports it). */
export function castCell(field: CnigField, raw: unknown, missingValues: readonly string[]): unknown {
  if (raw === undefined || raw === null) return null;
  if (typeof raw === 'string' && (raw.trim() === '' || missingValues.includes(raw))) return null;
  switch (field.type) {
    case 'number':
      if (typeof raw === 'string' && NUMBER_RE.test(raw.trim())) return Number(raw.trim());
      return raw;
    case 'date':
      if (field.format === '%Y' && typeof raw === 'number' && Number.isInteger(raw)) return String(raw);
      return raw;
    case 'geojson':
      if (typeof raw === 'string') {
        try {
          return JSON.parse(raw) as unknown;
        } catch {
          return raw;
        }
      }
      return raw;
    default:
      return raw;
  }
}

/**
 * JSON Schema of one field's cast value when it is not null (a null value is allowed unless the
 * field is required, which the caller checks first: one message per cell, naming the rule).
 */
export function fieldJsonSchema(field: CnigField): JsonSchema {
  let s: JsonSchema;
  switch (field.type) {
    case 'number':
      s = { type: 'number' };
      break;
    case 'date':
      s = field.format === '%Y' ? { type: 'string', pattern: '^\\d{4}$' } : { type: 'string', format: 'date' };
      break;
    case 'geojson':
      s = { type: 'object', required: ['type'], properties: { type: { enum: GEOMETRY_TYPES } } };
      break;
    case 'geopoint':
      s = { type: 'string', pattern: GEOPOINT_RE };
      break;
    default:
      s = { type: 'string' };
      if (field.format === 'email') s.format = 'email';
  }
  if (field.enum) s.enum = field.enum;
  if (field.pattern) s.pattern = `^(?:${field.pattern})$`;
  return { $schema: 'https://json-schema.org/draft/2020-12/schema', ...s };
}
