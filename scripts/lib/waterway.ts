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

export function waterwayPartOf(props: Record<string, unknown>): WaterwayPart | null {
  const ref = typeof props.ref === 'string' ? fold(props.ref) : '';
  const name = typeof props.name === 'string' ? fold(props.name) : '';
  const kind = typeof props.kind === 'string' ? props.kind : '';
  for (const part of WATERWAY_PARTS) if (ref === fold(part)) return part;
  if (kind === 'navigable_canal_cut' || kind === 'navigable_river' || kind === 'navigable_river_route_way') {
    return 'Aisne canalisée';
  }
  if (kind === 'navigable_canal') {
    if (name.includes("canal de l'oise a l'aisne")) return "Canal de l'Oise à l'Aisne";
    if (name.includes("canal lateral a l'aisne")) return "Canal latéral à l'Aisne";
  }
  return null;
}
