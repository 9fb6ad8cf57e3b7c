/**
 * Colours and symbols of the map, shared by the style, the generated icons and the legend.
 * Qualitative colours come from Paul Tol's colour-blind-safe schemes and the Okabe–Ito
 * palette; every category is also told apart by a shape, a letter or a pattern, never by
 * colour alone.
 */
import type { ReadinessLevel } from '../../domain/types';
import { fricheStatusOf } from '../../domain/fricheStatus';
import { contrastRatio, parseColor } from '../../domain/contrast';

export const COLORS = {
  background: '#ffffff',
  mask: '#e6e4de',
  territory: '#ffffff',
  petrOutline: '#2b3a4a',
  epciOutline: '#55606e',
  communeOutline: '#8d949e',
  label: '#22272e',
  labelHalo: '#ffffff',
  water: '#2f7fc1',
  waterLabel: '#1b5c93',
  rail: '#4a4a4a',
  lgv: '#7a4fa0',
  road: '#d7301f',
  roadCasing: '#7f1d12',
  roissy: '#7a4fa0',
  selection: '#ffb000',
  selectionHalo: '#1e1e1e',
  /** Dark outline of the site polygons, symbols and dots (WCAG 1.4.11: 3:1 or more on the map's backgrounds). */
  siteOutline: '#1e1e1e',
  connectorRn2: '#d7301f',
  connectorWaterway: '#1b5c93',
  connectorStation: '#4a4a4a',
  /** Activity zones (outline and marker). */
  zone: '#6c5b7b',
  /** Rail sidings (ITE): dark brown, drawn as a triangle (never told apart by colour alone). */
  ite: '#8c510a',
} as const;

/** Light fills for the EPCI (Paul Tol "light" scheme), in SIREN order. */
export const EPCI_FILLS = ['#77aadd', '#eedd88', '#44bb99', '#ffaabb', '#bbcc33', '#99ddff'] as const;

/** Assigns each EPCI a fill, in ascending SIREN order so it is stable across loads. */
export function epciColors(sirens: Iterable<string>): Map<string, string> {
  const sorted = [...new Set(sirens)].sort();
  return new Map(sorted.map((s, i) => [s, EPCI_FILLS[i % EPCI_FILLS.length]]));
}

export type FricheShape = 'circle' | 'square' | 'diamond' | 'triangle' | 'hexagon';

export interface FricheStatusStyle {
  /** Status key (normalised CNIG `site_statut`). */
  key: 'potentielle' | 'sans_projet' | 'avec_projet' | 'reconvertie' | 'autre';
  shape: FricheShape;
  color: string;
  /** Icon image id in the map style. */
  icon: string;
}

/** Friche statuses: shape first, colour second (Okabe–Ito). */
export const FRICHE_STATUSES: FricheStatusStyle[] = [
  { key: 'potentielle', shape: 'circle', color: '#e69f00', icon: 'friche-potentielle' },
  { key: 'sans_projet', shape: 'square', color: '#d55e00', icon: 'friche-sans_projet' },
  { key: 'avec_projet', shape: 'diamond', color: '#0072b2', icon: 'friche-avec_projet' },
  { key: 'reconvertie', shape: 'triangle', color: '#009e73', icon: 'friche-reconvertie' },
  { key: 'autre', shape: 'hexagon', color: '#8c8c8c', icon: 'friche-autre' },
];

/** Normalises a CNIG `site_statut` value ("friche sans projet"…) to a status key. */
export function fricheStatusKey(status: string | null | undefined): FricheStatusStyle['key'] {
  return fricheStatusOf(status) ?? 'autre';
}

export interface ReadinessStyle {
  level: ReadinessLevel;
  color: string;
  /** Letter drawn in the point symbol. */
  letter: string;
  icon: string;
}

/** Plot readiness: colour (Tol high-contrast + grey) and a letter. */
export const READINESS_STYLES: ReadinessStyle[] = [
  { level: 'cle_en_main', color: '#117733', letter: 'C', icon: 'plot-cle_en_main' },
  { level: 'a_preparer', color: '#ddaa33', letter: 'P', icon: 'plot-a_preparer' },
  { level: 'a_rehabiliter', color: '#bb5566', letter: 'R', icon: 'plot-a_rehabiliter' },
  { level: 'inconnu', color: '#7b7b7b', letter: '?', icon: 'plot-inconnu' },
];

export const HATCH_PATTERN = 'hatch-fictitious';
/** The image id of a site icon's fictitious variant (striped, dashed outline: style/images.ts). */
export function fictitiousIcon(icon: string): string {
  return `${icon}-fictitious`;
}
export const STATION_ICON = 'rail-station';
export const ITE_ICON = 'rail-siding';
export const ROISSY_ICON = 'roissy-mark';
export const CDG_ICON = 'cdg-station';
export const SHIELD_ICON = 'road-shield';

/**
 * The centre that hollows a fictitious site's dot drawn in `color`: white, or the dots' dark edge
 * colour where white would stand out from the disc by less than 3:1 (the two light colours,
 * WCAG 1.4.11: tests/unit/map/dotContrast.test.ts). The map's dots and the legend's use it.
 */
export function dotHoleColor(color: string): string {
  return contrastRatio(parseColor('#ffffff'), parseColor(color)) >= 3 ? '#ffffff' : COLORS.siteOutline;
}

