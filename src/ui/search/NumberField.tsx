/**
 * A labelled numeric text field that accepts French decimals (« 1,5 »). The typed text is
 * kept while the field has focus; the store value is shown again when it changes elsewhere.
 */
import { useEffect, useId, useRef, useState } from 'react';
import { parseUserNumber } from './format';

export interface NumberFieldProps {
  label: string;
  value: number | null;
  /** How to show a store value in the field. */
  format: (n: number) => string;
  onCommit: (n: number | null) => void;
  className?: string;
  hint?: string;
}

export function NumberField({ label, value, format, onCommit, className, hint }: NumberFieldProps) {
  const id = useId();
  const [text, setText] = useState(value === null ? '' : format(value));
  const focused = useRef(false);
  useEffect(() => {
    if (!focused.current) setText(value === null ? '' : format(value));
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
        onFocus={() => (focused.current = true)}
        onBlur={() => {
          focused.current = false;
          setText(value === null ? '' : format(value));
        }}
        onChange={(e) => {
          setText(e.target.value);
          const n = parseUserNumber(e.target.value);
          if (e.target.value.trim() === '') onCommit(null);
          else if (n !== null) onCommit(n);
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
