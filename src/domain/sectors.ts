/**
 * The 13 filières of the territory's strategy (Territoires d'industrie 2023-2027),
 * in display order, with their French and English labels. Matches SECTOR_IDS.
 */
import { SECTOR_IDS, type SectorId } from './types';

export interface SectorInfo {
  id: SectorId;
  fr: string;
  en: string;
}

export const SECTORS: readonly SectorInfo[] = [
  { id: 'agro', fr: 'Agroalimentaire et protéines végétales', en: 'Food industry and plant proteins' },
  { id: 'bioeconomy', fr: 'Bio-économie et matériaux biosourcés', en: 'Bioeconomy and bio-based materials' },
  { id: 'ecoconstruction', fr: 'Éco-construction', en: 'Eco-construction' },
  {
    id: 'energy',
    fr: 'Fluides et énergie (méthanisation, chaleur, autoconsommation)',
    en: 'Fluids and energy (biogas, heat, self-consumption)',
  },
  { id: 'logistics', fr: 'Logistique et fret fluvial', en: 'Logistics and river freight' },
  { id: 'glass_packaging', fr: 'Verre, emballage, papier-carton', en: 'Glass, packaging, paper and board' },
  { id: 'automotive', fr: 'Automobile et mécanique', en: 'Automotive and mechanical engineering' },
  { id: 'metalwork', fr: 'Chaudronnerie, soudure, usinage', en: 'Boilermaking, welding, machining' },
  { id: 'chemistry', fr: 'Chimie', en: 'Chemicals' },
  { id: 'electronics', fr: 'Électronique', en: 'Electronics' },
  { id: 'circular', fr: 'Économie circulaire et déchets', en: 'Circular economy and waste' },
  { id: 'crafts_sme', fr: 'Artisanat et PME', en: 'Crafts and SMEs' },
  { id: 'tertiary', fr: 'Tertiaire', en: 'Services and offices' },
];

const SECTOR_SET: ReadonlySet<string> = new Set(SECTOR_IDS);

export function isSectorId(x: unknown): x is SectorId {
  return typeof x === 'string' && SECTOR_SET.has(x);
}

export function sectorLabel(id: SectorId, locale: 'fr' | 'en' = 'fr'): string {
  const s = SECTORS.find((x) => x.id === id);
  return s ? s[locale] : id;
}
