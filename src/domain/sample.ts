/**
 * Fictitious sample data generator ("Charger un jeu d'exemple fictif"). Seeded, deterministic:
 * the same (count, seed, communes) always gives the same sites. Every site is marked
 * `fictitious: true`, named « Terrain fictif n° N – <commune> », with no real contact.
 *
 * Plots are placed inside real communes: a centre is rejection-sampled inside the commune
 * polygon (weighted by commune area), then a polygon is drawn around it — a rectangle-ish
 * quadrilateral, an L-shape or an irregular convex polygon — scaled to a target area drawn
 * log-uniformly between 2,000 m² and 40 ha; the plot is kept only if it lies entirely within the
 * commune (else a new centre is tried; after many failures the target area is halved).
 * `computed_surface_m2` is turf.area of the polygon; `declared_surface_m2` is sometimes set,
 * sometimes a little different (±4 %), always within 2,000 m²–40 ha.
 * The point variant (`geometry: 'point'`) places a point and declares the target area.
 */
import { area as turfArea } from '@turf/area';
import { bbox as turfBbox } from '@turf/bbox';
import { booleanPointInPolygon } from '@turf/boolean-point-in-polygon';
import { booleanWithin } from '@turf/boolean-within';
import type { BBox, FeatureCollection, MultiPolygon, Point, Polygon, Position } from 'geojson';
import { emptyReadiness } from './readiness';
import { READINESS_ITEM_IDS, SECTOR_IDS, type Availability, type ItemStatus, type Occupation, type Readiness, type SectorId, type Site, type SiteKind } from './types';

export interface CommuneProps {
  insee: string;
  name: string;
  epci_siren: string;
  epci_name: string;
}
export type CommuneCollection = FeatureCollection<Polygon | MultiPolygon, CommuneProps>;

export interface SampleOptions {
  count: number;
  seed: number;
  communes: CommuneCollection;
  /** 'polygon' (default) or 'point'. */
  geometry?: 'polygon' | 'point';
}

export const SAMPLE_MIN_M2 = 2000;
export const SAMPLE_MAX_M2 = 400000;
export const SAMPLE_CONTACT = 'Exemple fictif – aucun contact';
export const SAMPLE_NOTE = "Exemple fictif généré pour la démonstration : ce terrain n'existe pas.";

export function sampleSource(seed: number): string {
  return `Données fictives générées (npm run sample, graine ${seed})`;
}

/** Seeded PRNG (mulberry32): returns floats in [0, 1). */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

type Rnd = () => number;

function pickWeighted<T>(rnd: Rnd, options: readonly (readonly [T, number])[]): T {
  let total = 0;
  for (const [, w] of options) total += w;
  let r = rnd() * total;
  for (const [v, w] of options) {
    r -= w;
    if (r < 0) return v;
  }
  return options[options.length - 1][0];
}

function between(rnd: Rnd, a: number, b: number): number {
  return a + (b - a) * rnd();
}

function randomDate(rnd: Rnd, from: string, to: string): string {
  const a = Date.parse(`${from}T00:00:00Z`);
  const b = Date.parse(`${to}T00:00:00Z`);
  const day = 86400000;
  const t = a + Math.floor(rnd() * ((b - a) / day + 1)) * day;
  return new Date(t).toISOString().slice(0, 10);
}

const round7 = (x: number) => Math.round(x * 1e7) / 1e7;

// ---------- shapes (local metres, x east, y north, counter-clockwise, centred on 0,0) ----------

function shoelace(pts: number[][]): number {
  let s = 0;
  for (let i = 0; i < pts.length; i++) {
    const [x1, y1] = pts[i];
    const [x2, y2] = pts[(i + 1) % pts.length];
    s += x1 * y2 - x2 * y1;
  }
  return s / 2;
}

function rectangleish(rnd: Rnd): number[][] {
  const aspect = between(rnd, 1, 3);
  const w = Math.sqrt(aspect);
  const h = 1 / w;
  const j = 0.03 * Math.min(w, h);
  return [
    [-w / 2, -h / 2],
    [w / 2, -h / 2],
    [w / 2, h / 2],
    [-w / 2, h / 2],
  ].map(([x, y]) => [x + between(rnd, -j, j), y + between(rnd, -j, j)]);
}

function lShape(rnd: Rnd): number[][] {
  const W = between(rnd, 1, 2);
  const H = 1;
  const fx = between(rnd, 0.35, 0.6);
  const fy = between(rnd, 0.35, 0.6);
  const pts = [
    [0, 0],
    [W, 0],
    [W, H * (1 - fy)],
    [W * (1 - fx), H * (1 - fy)],
    [W * (1 - fx), H],
    [0, H],
  ];
  return pts.map(([x, y]) => [x - W / 2, y - H / 2]);
}

function convex(rnd: Rnd): number[][] {
  const n = 5 + Math.floor(rnd() * 5);
  const a = 1;
  const b = between(rnd, 0.45, 1);
  // Angles: evenly spread with jitter (kept sorted), so the ellipse points form a convex polygon.
  const step = (2 * Math.PI) / n;
  const pts: number[][] = [];
  for (let i = 0; i < n; i++) {
    const t = i * step + between(rnd, -0.3, 0.3) * step;
    pts.push([a * Math.cos(t), b * Math.sin(t)]);
  }
  return pts;
}

function makeShape(rnd: Rnd, targetM2: number, centre: Position): Polygon {
  const kind = pickWeighted(rnd, [
    ['rect', 0.45],
    ['l', 0.25],
    ['convex', 0.3],
  ] as const);
  const unit = kind === 'rect' ? rectangleish(rnd) : kind === 'l' ? lShape(rnd) : convex(rnd);
  const scale = Math.sqrt(targetM2 / Math.abs(shoelace(unit)));
  const theta = rnd() * Math.PI;
  const cos = Math.cos(theta);
  const sin = Math.sin(theta);
  const [lon0, lat0] = centre;
  const mPerDegLat = 110574;
  const mPerDegLon = 111320 * Math.cos((lat0 * Math.PI) / 180);
  const ring = unit.map(([x, y]) => {
    const xs = x * scale;
    const ys = y * scale;
    const xr = xs * cos - ys * sin;
    const yr = xs * sin + ys * cos;
    return [round7(lon0 + xr / mPerDegLon), round7(lat0 + yr / mPerDegLat)];
  });
  if (shoelace(ring) < 0) ring.reverse(); // RFC 7946: exterior ring counter-clockwise
  ring.push([...ring[0]]);
  return { type: 'Polygon', coordinates: [ring] };
}

// ---------- attributes ----------

const PLOT_ITEM_WEIGHTS: readonly (readonly [ItemStatus, number])[] = [
  ['fait', 0.35],
  ['en_cours', 0.2],
  ['a_faire', 0.2],
  ['inconnu', 0.2],
  ['sans_objet', 0.05],
];

function readinessFor(rnd: Rnd, kind: SiteKind, source: string): Readiness {
  const r = emptyReadiness();
  const set = (id: (typeof READINESS_ITEM_IDS)[number], status: ItemStatus) => {
    const dated = status === 'fait' || status === 'en_cours';
    r[id] = { status, date: dated ? randomDate(rnd, '2018-01-01', '2025-06-30') : null, source: status === 'inconnu' ? null : source, note: null };
  };
  if (kind === 'friche') {
    for (const id of READINESS_ITEM_IDS) {
      if (id === 'soil_pollution') {
        set(id, pickWeighted(rnd, [['a_faire', 0.5], ['en_cours', 0.3], ['fait', 0.1], ['inconnu', 0.1]] as const));
      } else set(id, pickWeighted(rnd, PLOT_ITEM_WEIGHTS));
    }
    return r;
  }
  const profile = pickWeighted(rnd, [
    ['complete', 0.2],
    ['unknown', 0.12],
    ['partial', 0.68],
  ] as const);
  if (profile === 'unknown') return r;
  if (profile === 'complete') {
    for (const id of READINESS_ITEM_IDS) set(id, 'fait');
    if (rnd() < 0.5) set('soil_pollution', 'sans_objet'); // greenfield plot
    if (rnd() < 0.2) set('archaeology', 'sans_objet');
    return r;
  }
  for (const id of READINESS_ITEM_IDS) set(id, pickWeighted(rnd, PLOT_ITEM_WEIGHTS));
  if (rnd() < 0.4) set('soil_pollution', 'sans_objet');
  if (READINESS_ITEM_IDS.every((id) => r[id].status === 'fait' || r[id].status === 'sans_objet')) set('utilities', 'en_cours');
  return r;
}

function sectorsFor(rnd: Rnd): SectorId[] {
  const n = 1 + Math.floor(rnd() * 3);
  const out: SectorId[] = [];
  while (out.length < n) {
    const s = SECTOR_IDS[Math.floor(rnd() * SECTOR_IDS.length)];
    if (!out.includes(s)) out.push(s);
  }
  return out.sort((a, b) => SECTOR_IDS.indexOf(a) - SECTOR_IDS.indexOf(b));
}

// ---------- placement ----------

interface PreparedCommune {
  props: CommuneProps;
  geometry: Polygon | MultiPolygon;
  bbox: BBox;
  cumulative: number;
}

function prepareCommunes(fc: CommuneCollection): PreparedCommune[] {
  const out: PreparedCommune[] = [];
  let acc = 0;
  for (const f of fc.features ?? []) {
    const g = f.geometry;
    if (!g || (g.type !== 'Polygon' && g.type !== 'MultiPolygon')) continue;
    const a = turfArea(g);
    if (!(a > 0)) continue;
    acc += a;
    out.push({ props: f.properties, geometry: g, bbox: turfBbox(g) as BBox, cumulative: acc });
  }
  if (!out.length) throw new Error('Aucune commune (polygone) fournie : impossible de placer les terrains fictifs.');
  return out;
}

function pickCommune(rnd: Rnd, communes: PreparedCommune[]): PreparedCommune {
  const r = rnd() * communes[communes.length - 1].cumulative;
  let lo = 0;
  let hi = communes.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (communes[mid].cumulative > r) hi = mid;
    else lo = mid + 1;
  }
  return communes[lo];
}

function pointIn(rnd: Rnd, c: PreparedCommune): Position {
  const [w, s, e, n] = c.bbox;
  for (let i = 0; i < 10000; i++) {
    const p = [round7(between(rnd, w, e)), round7(between(rnd, s, n))];
    if (booleanPointInPolygon(p, c.geometry)) return p;
  }
  throw new Error(`Impossible de placer un point dans la commune « ${c.props.name} ».`);
}

function place(rnd: Rnd, c: PreparedCommune, targetM2: number): { geometry: Polygon; target: number } {
  let target = targetM2;
  for (;;) {
    for (let attempt = 0; attempt < 40; attempt++) {
      const centre = pointIn(rnd, c);
      const poly = makeShape(rnd, target, centre);
      if (poly.coordinates[0].every((p) => booleanPointInPolygon(p, c.geometry)) && booleanWithin(poly, c.geometry)) {
        return { geometry: poly, target };
      }
    }
    if (target / 2 < SAMPLE_MIN_M2 * 1.05) throw new Error(`Commune « ${c.props.name} » trop petite pour un terrain fictif.`);
    target /= 2;
  }
}

// ---------- generator ----------

export function generateSamplePlots(opts: SampleOptions): Site[] {
  const count = Math.max(0, Math.floor(opts.count));
  const rnd = mulberry32(opts.seed);
  const communes = prepareCommunes(opts.communes);
  const source = sampleSource(opts.seed);
  const lo = Math.log(SAMPLE_MIN_M2 * 1.05);
  const hi = Math.log(SAMPLE_MAX_M2 / 1.05);
  const sites: Site[] = [];
  for (let i = 1; i <= count; i++) {
    const c = pickCommune(rnd, communes);
    const kind: SiteKind = rnd() < 0.15 ? 'friche' : 'plot';
    let target = Math.exp(between(rnd, lo, hi));
    let geometry: Polygon | Point;
    let computed: number | null;
    if (opts.geometry === 'point') {
      geometry = { type: 'Point', coordinates: pointIn(rnd, c) };
      computed = null;
    } else {
      const placed = place(rnd, c, target);
      geometry = placed.geometry;
      target = placed.target;
      computed = Math.round(turfArea(geometry) * 100) / 100;
    }
    let declared: number | null;
    if (computed === null) declared = Math.round(target);
    else {
      const d = rnd();
      declared = d < 0.5 ? null : d < 0.75 ? Math.round(computed) : Math.round(computed * between(rnd, 0.96, 1.04));
      if (declared !== null) declared = Math.min(SAMPLE_MAX_M2, Math.max(SAMPLE_MIN_M2, declared));
    }
    const availability: Availability =
      kind === 'friche'
        ? pickWeighted(rnd, [['inconnu', 0.5], ['disponible', 0.3], ['sous_option', 0.2]] as const)
        : pickWeighted(rnd, [['disponible', 0.55], ['sous_option', 0.15], ['vendu_occupe', 0.1], ['inconnu', 0.2]] as const);
    const occupation: Occupation =
      kind === 'friche'
        ? 'friche'
        : availability === 'vendu_occupe'
          ? pickWeighted(rnd, [['occupe', 0.6], ['inoccupe', 0.4]] as const)
          : pickWeighted(rnd, [['inoccupe', 0.8], ['en_transition', 0.1], ['inconnu', 0.1]] as const);
    const sectors = sectorsFor(rnd);
    const readiness = readinessFor(rnd, kind, source);
    const price = rnd() < 0.4 ? Math.round(between(rnd, 8, 60) * 2) / 2 : null;
    const updated = randomDate(rnd, '2023-01-01', '2025-06-30');
    const fricheStatus = kind === 'friche' ? pickWeighted(rnd, [['friche sans projet', 1], ['friche avec projet', 1], ['friche potentielle', 1]] as const) : null;
    const fricheType =
      kind === 'friche'
        ? pickWeighted(rnd, [['friche industrielle', 3], ['friche logistique', 1], ['friche agro-industrielle', 1], ['friche commerciale', 1], ['friche ferroviaire', 1]] as const)
        : null;
    const id = `FICT-${String(i).padStart(6, '0')}`;
    sites.push({
      type: 'Feature',
      id,
      geometry,
      properties: {
        id,
        name: `${kind === 'friche' ? 'Friche fictive' : 'Terrain fictif'} n° ${i} – ${c.props.name}`,
        kind,
        zone_id: null,
        zone_name: null,
        insee: c.props.insee ?? null,
        commune: c.props.name ?? null,
        epci_siren: c.props.epci_siren ?? null,
        epci_name: c.props.epci_name ?? null,
        declared_surface_m2: declared,
        computed_surface_m2: computed,
        availability,
        occupation,
        sectors,
        readiness,
        price_eur_m2: price,
        contact: SAMPLE_CONTACT,
        notes: SAMPLE_NOTE,
        friche_status: fricheStatus,
        friche_type: fricheType,
        source_url: null,
        source,
        updated_at: updated,
        fictitious: true,
      },
    });
  }
  return sites;
}

/** Same generator with Point geometries (declared surface = target area); for benches. */
export function generateSamplePoints(opts: Omit<SampleOptions, 'geometry'>): Site[] {
  return generateSamplePlots({ ...opts, geometry: 'point' });
}
