/** Types of the CNIG « Sites économiques » standard as the atlas validates it (pure). */

/** The classes a publication package may hold. */
export type CnigClass = 'site_eco' | 'terrain_eco' | 'etablissement';
export const CNIG_CLASSES: readonly CnigClass[] = ['site_eco', 'terrain_eco', 'etablissement'];

/** A Table Schema field, reduced to what validation needs. */
export interface CnigField {
  name: string;
  /** Table Schema type: string, number, date, geojson, geopoint. */
  type: string;
  /** Table Schema format, e.g. '%Y-%m-%d', '%Y', 'email' (absent = default). */
  format?: string;
  required: boolean;
  enum?: string[];
  pattern?: string;
}

export interface CnigClassSchema {
  primaryKey: string;
  /** Cell values read as « no value » (Table Schema missingValues). */
  missingValues: string[];
  fields: CnigField[];
  /** Official code lists of coded fields (field → allowed values). */
  codelists: Record<string, string[]>;
}

export interface CnigStandard {
  version: string;
  classes: Record<CnigClass, CnigClassSchema>;
}
