/**
 * Commune filter: an ARIA 1.2 combobox (text input + listbox, aria-activedescendant) with
 * type-ahead; chosen communes appear as removable chips. Values are INSEE codes.
 */
import { useId, useMemo, useState, type KeyboardEvent } from 'react';
import { normalizeText } from '../../domain/text';
import { useT } from '../i18n';

export interface CommuneOption {
  insee: string;
  name: string;
}

export interface CommuneComboboxProps {
  /** Every commune, sorted for display (the list shows the first matches). */
  options: CommuneOption[];
  /** Sites each commune would give (facet counts); looked up for the shown options only. */
  counts: Record<string, number>;
  selected: readonly string[];
  onChange: (next: string[]) => void;
}

const MAX_SHOWN = 40;

export function CommuneCombobox({ options, counts, selected, onChange }: CommuneComboboxProps) {
  const t = useT();
  const id = useId();
  const listId = `${id}-list`;
  const [query, setQuery] = useState('');
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(0);

  const byInsee = useMemo(() => new Map(options.map((o) => [o.insee, o])), [options]);
  const normalized = useMemo(() => options.map((o) => normalizeText(o.name)), [options]);
  const matches = useMemo(() => {
    const q = normalizeText(query);
    const out: CommuneOption[] = [];
    for (let i = 0; i < options.length && out.length < MAX_SHOWN; i++) {
      const o = options[i];
      if (selected.includes(o.insee)) continue;
      if (!q || normalized[i].includes(q) || o.insee.startsWith(q)) out.push(o);
    }
    return out;
  }, [options, normalized, query, selected]);

  const pick = (o: CommuneOption | undefined) => {
    if (!o) return;
    onChange([...selected, o.insee]);
    setQuery('');
    setActive(0);
  };

  const onKeyDown = (e: KeyboardEvent<HTMLInputElement>) => {
    if (e.key === 'ArrowDown') {
      e.preventDefault();
      if (!open) setOpen(true);
      else setActive((a) => Math.min(matches.length - 1, a + 1));
    } else if (e.key === 'ArrowUp') {
      e.preventDefault();
      setActive((a) => Math.max(0, a - 1));
    } else if (e.key === 'Enter') {
      if (open && matches.length) {
        e.preventDefault();
        pick(matches[Math.min(active, matches.length - 1)]);
      }
    } else if (e.key === 'Escape') {
      if (open) {
        e.preventDefault();
        setOpen(false);
      } else setQuery('');
    } else if (e.key === 'Backspace' && query === '' && selected.length) {
      onChange(selected.slice(0, -1));
    }
  };

  const activeIndex = Math.min(active, matches.length - 1);
  const expanded = open && (matches.length > 0 || query !== '');
  return (
    <div className="filter-group commune-combobox">
      <label htmlFor={id} className="field-label">
        {t('search.communes.label')}
      </label>
      {selected.length > 0 && (
        <ul className="chips" aria-label={t('search.communes.selected')}>
          {selected.map((insee) => {
            const name = byInsee.get(insee)?.name ?? insee;
            return (
              <li key={insee}>
                <button type="button" className="chip" aria-label={t('search.communes.remove', { name })} onClick={() => onChange(selected.filter((x) => x !== insee))}>
                  {name} <span aria-hidden="true">×</span>
                </button>
              </li>
            );
          })}
        </ul>
      )}
      <div className="combobox-wrap">
        <input
          id={id}
          type="text"
          role="combobox"
          autoComplete="off"
          aria-autocomplete="list"
          aria-expanded={expanded}
          aria-controls={listId}
          aria-describedby={`${id}-help`}
          aria-activedescendant={expanded && activeIndex >= 0 ? `${id}-opt-${activeIndex}` : undefined}
          placeholder={t('search.communes.placeholder')}
          value={query}
          onChange={(e) => {
            setQuery(e.target.value);
            setActive(0);
            setOpen(true);
          }}
          onFocus={() => setOpen(true)}
          onBlur={() => setOpen(false)}
          onKeyDown={onKeyDown}
        />
        <ul id={listId} role="listbox" aria-label={t('search.communes.label')} className="combobox-list" hidden={!expanded}>
          {matches.map((o, i) => (
            <li
              key={o.insee}
              id={`${id}-opt-${i}`}
              role="option"
              aria-selected={i === activeIndex}
              className={i === activeIndex ? 'active' : undefined}
              onMouseDown={(e) => e.preventDefault()}
              onClick={() => pick(o)}
            >
              {t('search.option', { label: o.name, n: counts[o.insee] ?? 0 })}
            </li>
          ))}
          {matches.length === 0 && (
            <li role="option" aria-selected={false} aria-disabled="true" className="combobox-empty">
              {t('search.communes.noMatch')}
            </li>
          )}
        </ul>
      </div>
      <span id={`${id}-help`} className="field-hint">
        {t('search.communes.help')}
      </span>
    </div>
  );
}
