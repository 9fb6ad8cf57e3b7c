/**
 * Public API of the map feature: the only module of the app that touches MapLibre.
 *
 *   const map = await createAtlasMap(container, { t, initialView });
 *   map.setData(layers, manifest); map.setSites(sites); map.setFilteredIds(ids | null);
 *   map.setSelected(id, { fly: true }); map.setConnectors({ rn2, waterway, station }, from);
 *   map.setLayerVisibility(ids); map.setBasemap('ign' | 'none'); map.fitPetr(); map.flyTo(view);
 *   map.on('select' | 'view' | 'basemap-error', cb); map.getMap(); map.destroy();
 */
export { createAtlasMap, prewarmMap, PETR_BBOX } from './controller';
export type { AtlasMapController, AtlasMapOptions, AtlasMapEvent, AtlasMapEvents, Basemap, Connectors, Translate, ViewPadding } from './types';
export { DOT_SIZES, LAYER_GROUPS, L as MAP_LAYER_IDS, SITE_LAYERS } from './style/layers';
export { COLORS, EPCI_FILLS, FRICHE_STATUSES, READINESS_STYLES, dotHoleColor, epciColors, fricheStatusKey } from './style/palette';
export type { FricheStatusStyle, ReadinessStyle, FricheShape } from './style/palette';
export { attributionEntries, IGN_ATTRIBUTION } from './controls/attribution';
export { bboxOf, roundView, sameView, siteAnchorPoint } from './view';
export { formatKm, formatSurface } from './popups';
