// Placeholder: replaced by the feature that owns this folder.
import { useT } from '../i18n';

export function AccessibilityPage() {
  const t = useT();
  return <p className="placeholder">{t('app.placeholder')}</p>;
}
