/**
 * Node-only loader (uses node:fs): never import it from browser code.
 * Reads the transport layers either from the raw open-data folder
 * (/work/shared/opendata/transport: rn2.geojson, aisne_waterway.geojson, …) or from a folder
 * built by the data build (public/data: rn2.geojson, waterway.geojson, …).
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { FeatureCollection } from 'geojson';
import { NetworkDataError, networksFromLayers, type TransportLayerId } from './networks';
import type { TransportNetworks } from './types';

/** File names of the raw sources (see /work/shared/opendata/transport/SOURCES.md). */
export const RAW_SOURCE_FILES: Record<TransportLayerId, string> = {
  rn2: 'rn2.geojson',
  waterway: 'aisne_waterway.geojson',
  rail: 'rail_paris_laon.geojson',
  stations: 'rail_stations.geojson',
  lgv: 'lgv_interconnexion_est.geojson',
  roissy: 'roissy_link_reference_points.geojson',
  ite: 'rail_sidings_ite.geojson',
};

/** File names written by the data build in public/data/. */
export const BUILT_FILES: Record<TransportLayerId, string> = {
  rn2: 'rn2.geojson',
  waterway: 'waterway.geojson',
  rail: 'rail.geojson',
  stations: 'stations.geojson',
  lgv: 'lgv.geojson',
  roissy: 'roissy.geojson',
  ite: 'ite.geojson',
};

/**
 * The folder that holds the transport files, given either that folder, its parent
 * (the opendata root, which has a transport/ subfolder) or a built public/data folder.
 * Returns null when none of them has the files.
 */
export function resolveTransportDir(dir: string): { dir: string; files: Record<TransportLayerId, string> } | null {
  for (const d of [dir, join(dir, 'transport')]) {
    if (existsSync(join(d, RAW_SOURCE_FILES.waterway))) return { dir: d, files: RAW_SOURCE_FILES };
    if (existsSync(join(d, BUILT_FILES.waterway)) && existsSync(join(d, BUILT_FILES.rail))) return { dir: d, files: BUILT_FILES };
  }
  return null;
}

function readLayer(path: string, id: string): FeatureCollection {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch {
    throw new NetworkDataError(`Fichier introuvable pour la couche « ${id} » : ${path}`);
  }
  try {
    return JSON.parse(text) as FeatureCollection;
  } catch {
    throw new NetworkDataError(`Le fichier de la couche « ${id} » n'est pas du JSON valide : ${path}`);
  }
}

/** Loads the six transport layers from a folder (raw sources or built data) and builds the networks. */
export function loadNetworksFromSources(dir: string): TransportNetworks {
  const found = resolveTransportDir(dir);
  if (!found) {
    throw new NetworkDataError(
      `Aucune donnée de transport trouvée dans « ${dir} » (attendu : ${RAW_SOURCE_FILES.rn2}, ${RAW_SOURCE_FILES.waterway}, … ` +
        `ou les fichiers construits ${BUILT_FILES.waterway}, ${BUILT_FILES.rail}, …).`,
    );
  }
  const layers: Record<string, FeatureCollection> = {};
  for (const id of Object.keys(found.files) as TransportLayerId[]) layers[id] = readLayer(join(found.dir, found.files[id]), id);
  return networksFromLayers(layers);
}

/** Default location of the open data: $ATLAS_SOURCES, else ../shared/opendata beside the project. */
export function defaultSourcesDir(cwd: string = process.cwd()): string {
  return process.env.ATLAS_SOURCES || join(cwd, '..', 'shared', 'opendata');
}
