import { useEffect } from 'react';
import { useT } from '../i18n';

/** Sets the document title to « <page> – <atlas> » while the page is shown. */
export function useDocTitle(key: string): void {
  const t = useT();
  useEffect(() => {
    document.title = `${t(key)} – ${t('app.title')}`;
    return () => {
      document.title = t('app.title');
    };
  }, [key, t]);
}
