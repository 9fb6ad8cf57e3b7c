/**
 * Footer printed under the site sheet and the comparison: where the page comes from, its
 * address (permalink) and the print date (« Imprimé le 22 novembre 2026 »). The date and
 * address are refreshed just before printing.
 */
import { useEffect, useState } from 'react';
import { useAtlas } from '../../state/store';
import { useT } from '../i18n';
import { fmtToday } from './format';
import './print.css';

export function PrintStamp() {
  const t = useT();
  const locale = useAtlas((s) => s.locale);
  const [now, setNow] = useState(() => new Date());
  const [url, setUrl] = useState(() => window.location.href);
  useEffect(() => {
    const refresh = () => {
      setNow(new Date());
      setUrl(window.location.href);
    };
    // The URL sync writes the address shortly after a page change.
    const timer = setTimeout(refresh, 400);
    window.addEventListener('beforeprint', refresh);
    window.addEventListener('popstate', refresh);
    return () => {
      clearTimeout(timer);
      window.removeEventListener('beforeprint', refresh);
      window.removeEventListener('popstate', refresh);
    };
  }, []);
  return (
    <footer className="print-stamp" data-testid="print-stamp">
      <p>{t('print.from')}</p>
      <p className="print-url">{t('print.link', { url })}</p>
      <p className="print-date">{t('print.date', { date: fmtToday(locale, now) })}</p>
    </footer>
  );
}
