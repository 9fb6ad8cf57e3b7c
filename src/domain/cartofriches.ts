/**
 * Maps a Cartofriches record (CNIG friches fields) onto the atlas site model.
 * STUB: replaced by the sites work (issue #3). Signature is the contract.
 */
import type { Feature, Point } from 'geojson';
import type { Site } from './types';

export type CartofrichesFeature = Feature<Point, Record<string, unknown>>;

export function fricheToSite(_f: CartofrichesFeature): Site {
  throw new Error('fricheToSite: not implemented yet');
}
