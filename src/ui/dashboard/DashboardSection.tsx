/**
 * « Tableau de bord » section of the atlas page: a disclosure under the search panel that
 * renders the dashboard of the current selection when opened (charts cost nothing closed).
 */
import { useState } from 'react';
import { useT } from '../i18n';
import { Dashboard } from './Dashboard';

export function DashboardSection() {
  const t = useT();
  const [open, setOpen] = useState(false);
  return (
    <details className="dashboard-section" open={open} onToggle={(e) => setOpen(e.currentTarget.open)} data-testid="dashboard-section">
      <summary>{t('dashboard.section')}</summary>
      {open && <Dashboard headingLevel={3} />}
    </details>
  );
}
