/**
 * A labelled numeric text field that accepts French decimals (« 1,5 »). While the user types,
 * the text stays as typed; when the value changes from elsewhere (reset, Back/Forward, slider,
 * unit switch), the field shows the new value.
 */
import { useEffect, useId, useRef, useState } from 'react';
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
  const [text, setText] = useState(value === null ? '' : format(value));
  /** The last value this field sent: when `value` comes back equal, the typed text is kept. */
  const sent = useRef<number | null | undefined>(undefined);
  useEffect(() => {
    if (sent.current !== undefined && same(sent.current, value)) return;
    sent.current = undefined;
    setText(value === null ? '' : format(value));
  }, [value, format]);
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
          if (!invalid) setText(value === null ? '' : format(value));
        }}
        onChange={(e) => {
          setText(e.target.value);
          const n = e.target.value.trim() === '' ? null : parseUserNumber(e.target.value);
          if (e.target.value.trim() !== '' && n === null) return;
          sent.current = n;
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
