/**
 * Former home of the zone outline drafts: they go through the drafts owner now
 * (src/state/drafts/zones.ts). Re-exported for code written against the old path.
 */
export { loadZoneHistory, outlineProblem, removeZoneOutline, saveZoneOutline, useZoneDraftStatus, type ZoneDraftStatus } from './drafts';
