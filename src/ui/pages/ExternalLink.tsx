/** A link that opens in a new tab and says so to screen-reader users. */
import type { ReactNode } from 'react';
import { useT } from '../i18n';

export function ExternalLink({ href, children, rel }: { href: string; children: ReactNode; rel?: string }) {
  const t = useT();
  return (
    <a href={href} target="_blank" rel={`noopener noreferrer${rel ? ` ${rel}` : ''}`}>
      {children}
      <span className="sr-only"> {t('pages.newTab')}</span>
    </a>
  );
}
