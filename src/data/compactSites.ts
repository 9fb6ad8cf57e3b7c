/**
 * The sites file in a compact form, for the page to download and parse fewer bytes: the same
 * GeoJSON features, whose properties keep only what differs from a shared template (the value
 * most sites have, field by field, nested objects included). At 24,000 national friches the
 * GeoJSON spends about 1.9 kB per site, most of it on the same « inconnu » readiness criteria
 * and null details repeated on every site.
 *
 *   { "format": "atlas-sites-compact/1", "template": {…}, "features": [ Feature… ] }
 *
 * A feature's `properties` is its difference from the template: a key left out takes the
 * template's value (a fresh copy), a key given replaces it (recursively for plain objects, a
 * non-object replaces the whole value). A feature whose properties would not come back exactly
 * (the same JSON text, key order included) is stored whole, with `"full": true`.
 * `expandSites(compactSites(fc))` gives back `fc`, JSON for JSON: the GeoJSON file stays the
 * published contract; the data build writes this one beside it (manifest: `compact`).
 */
import type { Feature, FeatureCollection } from 'geojson';

export const COMPACT_SITES_FORMAT = 'atlas-sites-compact/1';

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };
type Obj = { [k: string]: Json };

export interface CompactFeature extends Omit<Feature, 'properties'> {
  properties: Obj | null;
  full?: true;
}

export interface CompactSites {
  format: typeof COMPACT_SITES_FORMAT;
  template: Obj;
  features: CompactFeature[];
}

const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Template value of a key that has no common value: every site gives its own. */
export const NO_DEFAULT = '\u0000';

/**
 * The template of some values: when most are objects, an object of the keys all those objects
 * have, in their order (e.g. friche details, null on plots); otherwise the most frequent value,
 * or NO_DEFAULT when no value is shared.
 */
function templateOf(values: Json[]): Json {
  const objs = values.filter(isObj);
  if (objs.length && objs.length * 2 >= values.length) {
    const out: Obj = {};
    for (const k of Object.keys(objs[0])) if (objs.every((o) => k in o)) out[k] = templateOf(objs.map((o) => o[k]));
    return out;
  }
  const counts = new Map<unknown, { n: number; v: Json }>();
  let best: Json = NO_DEFAULT;
  let bestN = 1;
  for (const v of values) {
    const key = typeof v === 'object' && v !== null ? `\u0001${JSON.stringify(v)}` : v;
    let c = counts.get(key);
    if (!c) counts.set(key, (c = { n: 0, v }));
    if (++c.n > bestN) {
      bestN = c.n;
      best = c.v;
    }
  }
  // A value only one site has saves nothing.
  return best;
}

const SAME = Symbol('same');

function diff(value: Json, tmpl: Json): Json | typeof SAME {
  if (tmpl === NO_DEFAULT) return value;
  if (isObj(value) && isObj(tmpl)) {
    const out: Obj = {};
    let any = false;
    for (const k of Object.keys(value)) {
      const d = diff(value[k], tmpl[k]);
      if (d !== SAME) {
        out[k] = d;
        any = true;
      }
    }
    // Every key of the template must be in the value, or it would come back.
    for (const k of Object.keys(tmpl)) if (!(k in value)) return value;
    return any ? out : SAME;
  }
  if (isObj(value) || isObj(tmpl)) return value;
  return JSON.stringify(value) === JSON.stringify(tmpl) ? SAME : value;
}

/**
 * How to rebuild an object from its template, prepared once per file: its scalar defaults, which
 * an object spread copies in the template's key order, and the keys that need a fresh value per
 * site (nested objects, arrays).
 */
interface Plan {
  flat: Obj;
  nested: [string, Plan | Json[]][];
}

function planOf(tmpl: Obj): Plan {
  const flat: Obj = {};
  const nested: [string, Plan | Json[]][] = [];
  for (const k of Object.keys(tmpl)) {
    const v = tmpl[k];
    flat[k] = v;
    if (isObj(v)) nested.push([k, planOf(v)]);
    else if (Array.isArray(v)) nested.push([k, v]);
  }
  // A copy by spread: built key by key above, `flat` is a dictionary-mode object past a few
  // keys, and every spread of it would take the slow path.
  return { flat: { ...flat }, nested };
}

function copy(v: Json): Json {
  if (Array.isArray(v)) return v.map(copy);
  if (isObj(v)) {
    const out: Obj = {};
    for (const k of Object.keys(v)) out[k] = copy(v[k]);
    return out;
  }
  return v;
}

/** The template filled with a feature's differences (fresh objects: nothing is shared between sites). */
function expandWith(plan: Plan, d: Obj | undefined): Obj {
  const out: Obj = d ? { ...plan.flat, ...d } : { ...plan.flat };
  for (let i = 0; i < plan.nested.length; i++) {
    const [k, sub] = plan.nested[i];
    const given = d?.[k];
    if (Array.isArray(sub)) {
      if (given === undefined) out[k] = sub.length ? copy(sub) : [];
    } else if (given === undefined || isObj(given)) out[k] = expandWith(sub, given);
  }
  return out;
}

export function compactSites(fc: FeatureCollection): CompactSites {
  const props = fc.features.map((f) => f.properties as Obj | null);
  const objs = props.filter(isObj);
  const t = objs.length ? templateOf(objs) : {};
  const template: Obj = isObj(t) ? t : {};
  const plan = planOf(template);
  const features = fc.features.map((f, i): CompactFeature => {
    const p = props[i];
    if (!isObj(p)) return { ...f, properties: p };
    const d = diff(p, template);
    const small: Obj = d === SAME ? {} : isObj(d) ? d : p;
    const back = expandWith(plan, small);
    if (JSON.stringify(back) === JSON.stringify(p)) return { ...f, properties: small };
    return { ...f, properties: p, full: true };
  });
  return { format: COMPACT_SITES_FORMAT, template, features };
}

/** The compact copy's file name: `sites.geojson` → `sites.compact.json`. */
export function compactName(file: string): string {
  return `${file.replace(/\.(geo)?json$/i, '')}.compact.json`;
}

export function isCompactSites(v: unknown): v is CompactSites {
  return isObj(v) && v.format === COMPACT_SITES_FORMAT && isObj(v.template) && Array.isArray(v.features);
}

export function expandSites(c: CompactSites): FeatureCollection {
  const features = new Array<Feature>(c.features.length);
  const plan = planOf(c.template);
  for (let i = 0; i < c.features.length; i++) {
    const f = c.features[i];
    const { full, properties, ...rest } = f;
    features[i] = { ...rest, properties: full || !isObj(properties) ? properties : expandWith(plan, properties) } as Feature;
  }
  return { type: 'FeatureCollection', features };
}
