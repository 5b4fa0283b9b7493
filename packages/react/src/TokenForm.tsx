import { useId, useState } from 'react';
import type { FormEvent } from 'react';
import type { Messages } from '@passid/core';

/** Props of {@link TokenForm}. */
export interface TokenFormProps {
  messages: Messages;
  /** The field's error text (`view.tokenInputErrorText`). */
  errorText: string | null;
  onSubmit(token: string): void;
  /** Called on every edit while an error shows, so the error clears. */
  onEdit?(): void;
  /** Mark the field as where focus goes when this state appears. @default false */
  autoFocusTarget?: boolean;
}

/**
 * Manual entry: the customer reads out their one-time PASSID token and a staff member types
 * it. Validation and normalisation happen in the core (`submitToken`).
 */
export function TokenForm({ messages: m, errorText, onSubmit, onEdit, autoFocusTarget = false }: TokenFormProps) {
  const [value, setValue] = useState('');
  const id = useId();
  const hintId = `${id}-hint`;
  const errorId = `${id}-error`;
  const submit = (event: FormEvent) => {
    event.preventDefault();
    onSubmit(value);
  };
  return (
    <form className="passid-form" onSubmit={submit} noValidate>
      <label className="passid-label" htmlFor={id}>
        {m.tokenLabel}
      </label>
      <input
        data-passid-focus={autoFocusTarget ? '' : undefined}
        id={id}
        className="passid-input"
        name="passid-token"
        type="text"
        value={value}
        placeholder={m.tokenPlaceholder}
        autoComplete="off"
        autoCapitalize="characters"
        autoCorrect="off"
        spellCheck={false}
        inputMode="text"
        enterKeyHint="done"
        aria-invalid={errorText ? true : undefined}
        aria-describedby={errorText ? `${errorId} ${hintId}` : hintId}
        onChange={(event) => {
          setValue(event.target.value);
          if (errorText) onEdit?.();
        }}
      />
      {errorText ? (
        <p id={errorId} className="passid-field-error" role="alert">
          {errorText}
        </p>
      ) : null}
      <p id={hintId} className="passid-text passid-hint">
        {m.tokenHint}
      </p>
      <button type="submit" className="passid-btn" data-variant="secondary">
        {m.verifyToken}
      </button>
    </form>
  );
}
