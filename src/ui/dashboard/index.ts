/** Dashboard of the current selection (public module). */
export { Dashboard } from './Dashboard';
export { DashboardSection } from './DashboardSection';
export { dashboardBars, LEVEL_PATTERN, type Bar, type DashboardBars, type DashboardLabels } from './data';
