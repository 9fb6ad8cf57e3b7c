/**
 * A labelled numeric text field that accepts French decimals (« 1,5 »). While the user types,
 * the text stays as typed; when the value changes from elsewhere (reset, Back/Forward, slider,
 * unit switch), the field shows the new value.
 */
import { useId, useState } from 'react';
import { parseUserNumber } from './format';

export interface NumberFieldProps {
  label: string;
  /** Value in the unit shown in the field. */
  value: number | null;
  /** How to show a value in the field. */
  format: (n: number) => string;
  onCommit: (n: number | null) => void;
  className?: string;
  hint?: string;
}

function same(a: number | null, b: number | null): boolean {
  if (a === null || b === null) return a === b;
  return Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(a), Math.abs(b));
}

export function NumberField({ label, value, format, onCommit, className, hint }: NumberFieldProps) {
  const id = useId();
  // What the user typed, and the value it stands for (the value sent, or the value then shown
  // when the text does not parse). The field shows it only while `value` is still that value;
  // any change from elsewhere shows the new value instead, with no effect to run or miss.
  const [draft, setDraft] = useState<{ text: string; base: number | null } | null>(null);
  const text = draft && same(draft.base, value) ? draft.text : value === null ? '' : format(value);
  const invalid = text.trim() !== '' && parseUserNumber(text) === null;
  return (
    <div className={`number-field ${className ?? ''}`}>
      <label htmlFor={id}>{label}</label>
      <input
        id={id}
        type="text"
        inputMode="decimal"
        autoComplete="off"
        value={text}
        aria-invalid={invalid || undefined}
        aria-describedby={hint ? `${id}-hint` : undefined}
        onBlur={() => {
          // Leaving the field shows the value in its usual form; text that does not parse stays.
          if (!invalid) setDraft(null);
        }}
        onChange={(e) => {
          const typed = e.target.value;
          const n = typed.trim() === '' ? null : parseUserNumber(typed);
          if (typed.trim() !== '' && n === null) {
            setDraft({ text: typed, base: value });
            return;
          }
          setDraft({ text: typed, base: n });
          onCommit(n);
        }}
      />
      {hint && (
        <span id={`${id}-hint`} className="field-hint">
          {hint}
        </span>
      )}
    </div>
  );
}
