/**
 * Evaluates a style layer's paint or layout property for a feature at a zoom, as MapLibre does
 * (its style-spec expressions), so tests can read what the map draws without a browser.
 */
import { expression, latest } from '@maplibre/maplibre-gl-style-spec';
import type { LayerSpecification } from '@maplibre/maplibre-gl-style-spec';

export type Props = Record<string, string | number | boolean>;

/** A feature as MapLibre evaluates it (type 1: Point, 3: Polygon). */
export const feature = (properties: Props, type: 1 | 3 = 1) => ({ type, properties });

/** The value of a layer's paint or layout property for a feature at a zoom (feature-state optional). */
export function evaluate(l: LayerSpecification, kind: 'paint' | 'layout', prop: string, properties: Props, zoom: number, state: Record<string, unknown> = {}, type: 1 | 3 = 1): unknown {
  const value = (l as unknown as Record<string, Record<string, unknown> | undefined>)[kind]?.[prop];
  const spec = (latest as unknown as Record<string, Record<string, unknown>>)[`${kind}_${l.type}`][prop];
  const parsed = expression.createPropertyExpression(value, `${l.id}.${prop}`, spec as never);
  if (parsed.result !== 'success') throw new Error(`${l.id} ${prop}: ${JSON.stringify(parsed.value)}`);
  const v = parsed.value.evaluate({ zoom }, feature(properties, type) as never, state);
  // Colours and images evaluate to objects: compare their text.
  return v !== null && typeof v === 'object' ? String(v) : v;
}
