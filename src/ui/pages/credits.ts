/** Free software the atlas ships (name, licence, home page): credited on the legal page. */
export interface SoftwareCredit {
  name: string;
  licence: string;
  url: string;
}

export const SOFTWARE_CREDITS: readonly SoftwareCredit[] = [
  { name: 'MapLibre GL JS', licence: 'BSD-3-Clause', url: 'https://maplibre.org/' },
  { name: 'Turf', licence: 'MIT', url: 'https://turfjs.org/' },
  { name: 'React', licence: 'MIT', url: 'https://react.dev/' },
  { name: 'proj4js', licence: 'MIT', url: 'https://proj4js.github.io/proj4js/' },
  { name: 'zustand', licence: 'MIT', url: 'https://github.com/pmndrs/zustand' },
  { name: 'Noto Sans (Fontsource)', licence: 'SIL Open Font License 1.1', url: 'https://fontsource.org/fonts/noto-sans' },
  { name: 'Terra Draw', licence: 'MIT', url: 'https://github.com/JamesLMilner/terra-draw' },
  { name: 'Flatbush', licence: 'ISC', url: 'https://github.com/mourner/flatbush' },
  { name: 'Papa Parse', licence: 'MIT', url: 'https://www.papaparse.com/' },
  { name: 'TanStack Virtual', licence: 'MIT', url: 'https://tanstack.com/virtual' },
  { name: 'TinySDF', licence: 'BSD-2-Clause', url: 'https://github.com/mapbox/tiny-sdf' },
  { name: 'pbf', licence: 'BSD-3-Clause', url: 'https://github.com/mapbox/pbf' },
  { name: 'geojson-validation', licence: 'LGPL-3.0', url: 'https://gitlab.com/mjbecze/GeoJSON-Validation' },
];
