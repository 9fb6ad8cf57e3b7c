/**
 * Values of the data's French code lists shown in the interface's language: a CNIG « Friches »
 * status or type is translated (`fricheStatus.<key>`, `fricheType.<key>`, src/ui/common); a value
 * outside the lists is shown as the data writes it, marked `lang="fr"` in the English interface.
 */
import { fricheStatusOf, fricheTypeOf } from '../../domain/fricheVocabulary';
import { useAtlas } from '../../state/store';
import { useT, type TFunction } from '../i18n';

export interface DataLabel {
  text: string;
  /** False when shown as written in the (French) data. */
  translated: boolean;
}

export function fricheStatusLabel(t: TFunction, value: string): DataLabel {
  const key = fricheStatusOf(value);
  return key ? { text: t(`fricheStatus.${key}`), translated: true } : { text: value, translated: false };
}

export function fricheTypeLabel(t: TFunction, value: string): DataLabel {
  const key = fricheTypeOf(value);
  return key ? { text: t(`fricheType.${key}`), translated: true } : { text: value, translated: false };
}

function DataText({ label }: { label: DataLabel }) {
  const locale = useAtlas((s) => s.locale);
  return <span lang={!label.translated && locale !== 'fr' ? 'fr' : undefined}>{label.text}</span>;
}

export function FricheStatusText({ value }: { value: string }) {
  return <DataText label={fricheStatusLabel(useT(), value)} />;
}

export function FricheTypeText({ value }: { value: string }) {
  return <DataText label={fricheTypeLabel(useT(), value)} />;
}
