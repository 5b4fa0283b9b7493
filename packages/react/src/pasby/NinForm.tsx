import { useId, useState } from 'react';
import type { FormEvent } from 'react';
import type { PasbyMessages } from '@passid/core/pasby';

/** Props of {@link NinForm}. */
export interface NinFormProps {
  messages: PasbyMessages;
  /** The submit button's label (`view.startLabel`). */
  submitLabel: string;
  /** The field's error text (`view.ninErrorText`). */
  errorText: string | null;
  onSubmit(nin: string): void;
  /** Called on every edit while an error shows, so the error clears. */
  onEdit?(): void;
  /** Mark the field as where focus goes when this state appears. @default false */
  autoFocusTarget?: boolean;
}

/**
 * The national identification number a different-device session is pushed to. Validation
 * (exactly 11 digits, spaces and dashes dropped) happens in the core (`start(nin)`).
 */
export function NinForm({ messages: m, submitLabel, errorText, onSubmit, onEdit, autoFocusTarget = false }: NinFormProps) {
  const [nin, setNin] = useState('');
  const id = useId();
  const hint = `${id}-hint`;
  const error = `${id}-error`;
  const submit = (event: FormEvent) => {
    event.preventDefault();
    onSubmit(nin);
  };
  return (
    <form className="passid-form" onSubmit={submit} noValidate>
      <label className="passid-label" htmlFor={id}>
        {m.ninLabel}
      </label>
      <input
        id={id}
        className="passid-input"
        name="pasby-nin"
        type="text"
        inputMode="numeric"
        autoComplete="off"
        spellCheck={false}
        enterKeyHint="send"
        value={nin}
        data-passid-focus={autoFocusTarget ? '' : undefined}
        aria-invalid={errorText ? true : undefined}
        aria-describedby={errorText ? `${error} ${hint}` : hint}
        onChange={(event) => {
          setNin(event.target.value);
          if (errorText) onEdit?.();
        }}
      />
      {errorText ? (
        <p id={error} className="passid-field-error" role="alert">
          {errorText}
        </p>
      ) : null}
      <p id={hint} className="passid-text passid-hint">
        {m.ninHint}
      </p>
      <button type="submit" className="passid-btn">
        {submitLabel}
      </button>
    </form>
  );
}
