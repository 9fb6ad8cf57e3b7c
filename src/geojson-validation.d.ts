declare module 'geojson-validation' {
  type Trace = boolean;
  export function valid(obj: unknown, trace?: Trace): boolean | string[];
  export function isFeatureCollection(obj: unknown, trace?: Trace): boolean | string[];
  export function isFeature(obj: unknown, trace?: Trace): boolean | string[];
  export function isGeometryObject(obj: unknown, trace?: Trace): boolean | string[];
  const gjv: {
    valid: typeof valid;
    isFeatureCollection: typeof isFeatureCollection;
    isFeature: typeof isFeature;
    isGeometryObject: typeof isGeometryObject;
  };
  export default gjv;
}
