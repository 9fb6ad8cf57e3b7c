declare module 'shpjs' {
  import type { Geometry } from 'geojson';
  /** The geometries of a .shp file, in record order (null for a null shape); coordinates as stored when no .prj is given. */
  export function parseShp(shp: ArrayBuffer | ArrayBufferView, prj?: string | false): (Geometry | null)[];
}
