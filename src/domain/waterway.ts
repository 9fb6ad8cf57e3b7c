/**
 * Normalises the name of a navigable waterway feature to the name of its part:
 * "Aisne canalisée", "Canal latéral à l'Aisne" or "Canal de l'Oise à l'Aisne".
 *
 * The source (transport/aisne_waterway.geojson) gives the part in `ref` for every
 * navigable feature; `name` is the OSM name (e.g. "Canal de Soissons Parallèle à l'Aisne",
 * a lock cut of the Aisne canalisée) and `kind` the classification. Lock cuts
 * (navigable_canal_cut) and layer-B route ways (navigable_river_route_way) belong to the
 * Aisne canalisée.
 */
export const WATERWAY_PARTS = ['Aisne canalisée', "Canal latéral à l'Aisne", "Canal de l'Oise à l'Aisne"] as const;
export type WaterwayPart = (typeof WATERWAY_PARTS)[number];

function fold(s: string): string {
  return s
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[’‘`]/g, "'")
    .toLowerCase()
    .trim();
}

/**
 * Used by the data build (source file) and by the distances engine (source or built file,
 * whose `name` is already the part). Returns null for a non-navigable or unknown part.
 */
export function waterwayPartOf(props: Record<string, unknown> | null): WaterwayPart | null {
  const p = props ?? {};
  const ref = typeof p.ref === 'string' ? fold(p.ref) : '';
  const name = typeof p.name === 'string' ? fold(p.name) : '';
  const kind = typeof p.kind === 'string' ? p.kind : '';
  if (kind === 'river_not_navigable') return null;
  for (const part of WATERWAY_PARTS) if (ref === fold(part) || name === fold(part)) return part;
  if (kind === 'navigable_canal_cut' || kind === 'navigable_river' || kind === 'navigable_river_route_way') {
    return 'Aisne canalisée';
  }
  if (kind === 'navigable_canal') {
    if (name.includes("canal de l'oise a l'aisne")) return "Canal de l'Oise à l'Aisne";
    if (name.includes("canal lateral a l'aisne")) return "Canal latéral à l'Aisne";
  }
  return null;
}
