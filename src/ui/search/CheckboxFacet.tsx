/**
 * A group of checkboxes for one facet; each option shows the number of sites it would
 * give with the other filters applied, e.g. « Logistique et fret fluvial (12) ».
 */
import type { ReactNode } from 'react';
import { useT } from '../i18n';

export interface FacetOption<V extends string> {
  value: V;
  label: string;
  count: number;
  icon?: ReactNode;
}

export interface CheckboxFacetProps<V extends string> {
  legend: string;
  options: FacetOption<V>[];
  selected: readonly V[];
  onChange: (next: V[]) => void;
  children?: ReactNode;
  className?: string;
}

export function CheckboxFacet<V extends string>({ legend, options, selected, onChange, children, className }: CheckboxFacetProps<V>) {
  const t = useT();
  const toggle = (v: V, on: boolean) => {
    const rest = selected.filter((x) => x !== v);
    onChange(on ? [...rest, v] : rest);
  };
  return (
    <fieldset className={`filter-group checkbox-facet ${className ?? ''}`}>
      <legend>{legend}</legend>
      {children}
      <ul className="facet-options">
        {options.map((o) => {
          const checked = selected.includes(o.value);
          return (
            <li key={o.value} className={o.count === 0 && !checked ? 'facet-empty' : undefined}>
              <label>
                <input type="checkbox" value={o.value} checked={checked} onChange={(e) => toggle(o.value, e.target.checked)} />
                {o.icon}
                <span className="facet-label">{t('search.option', { label: o.label, n: o.count })}</span>
              </label>
            </li>
          );
        })}
      </ul>
    </fieldset>
  );
}
