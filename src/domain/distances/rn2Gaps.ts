/**
 * Possible over-estimate of a distance to the RN2 caused by the documented gaps of the
 * RN2 geometry (see RN2_GAPS.md).
 *
 * The road that is missing in a gap joins the two gap ends. Assumption: it stays within
 * `corridor_m` of the straight line between them (the 19 official TMJA-2019 points that
 * fall in the gaps lie 0–136 m from it). Then the true distance from a site to the RN2 is
 * at least  min(d_measured, max(0, d_bridge − corridor_m))  where d_bridge is the distance
 * to the nearest gap's straight bridge, and the possible over-estimate is
 *   error = d_measured − that lower bound   (null when it is 0: the distance is exact).
 * This covers every site whose nearest RN2 point is a gap end (then d_bridge ≤ d_measured),
 * and also sites whose nearest point is elsewhere but for which the missing road could be
 * closer.
 */
import { NetworkIndex, type EarthModel } from './networkIndex';
import type { SiteShape } from './siteShape';
import type { Rn2Gap } from './types';

export const RN2_GAP_CORRIDOR_M = 200;

export class Rn2GapBound {
  private readonly index: NetworkIndex;

  constructor(
    readonly gaps: Rn2Gap[],
    readonly corridorM: number = RN2_GAP_CORRIDOR_M,
    model: EarthModel = 'ellipsoid',
  ) {
    this.index = new NetworkIndex(gaps.map((g, i) => ({ coords: [g.from_lonlat, g.to_lonlat], feature: i })), model);
  }

  /** Distance (m) from the site to the nearest gap's straight bridge, with the gap's index. */
  nearestBridge(shape: SiteShape): { distance_m: number; gap: number } | null {
    const hit = this.index.nearest(shape);
    return hit ? { distance_m: hit.distance_m, gap: hit.feature } : null;
  }

  /** Possible over-estimate (m) of a measured RN2 distance, or null when it is exact. */
  errorFor(shape: SiteShape, measuredM: number): number | null {
    if (this.gaps.length === 0) return null;
    // Cheap exit: no bridge within measured + corridor means no bridge can be closer.
    if (!this.index.mayBeWithin(shape, measuredM + this.corridorM)) return null;
    const bridge = this.nearestBridge(shape);
    if (!bridge) return null;
    const lowerBound = Math.max(0, bridge.distance_m - this.corridorM);
    return lowerBound < measuredM ? measuredM - lowerBound : null;
  }
}
