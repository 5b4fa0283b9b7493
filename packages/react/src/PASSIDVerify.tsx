import { useEffect, useId, useRef } from 'react';
import type { CSSProperties, FocusEvent } from 'react';
import type { Claims, Locale } from '@passid/core';
import { usePassidVerify } from './usePassidVerify.js';
import type { UsePassidVerifyOptions } from './usePassidVerify.js';
import { PassidStyles } from './PassidStyles.js';
import { TokenForm } from './TokenForm.js';
import { QrCanvas } from './pieces/QrCanvas.js';
import { Countdown } from './pieces/Countdown.js';
import { VerificationCode } from './pieces/VerificationCode.js';
import { ClaimsSummary } from './pieces/ClaimsSummary.js';
import { ScoreBadge } from './pieces/ScoreBadge.js';
import { textOn } from './theme.js';
import type { PassidTheme } from './theme.js';
import { cx } from './cx.js';

/** Props of `<PASSIDVerify>`: the hook's options plus presentation. */
export interface PASSIDVerifyProps extends UsePassidVerifyOptions {
  /** Called once per session with the proven claims. Never for a sanctions hit. */
  onSuccess: (claims: Claims) => void;
  /** Primary colour and colour scheme. @default { primary: '#00c27a', mode: 'auto' } */
  theme?: PassidTheme;
  /** Extra class on the root element (`.passid-root`). @default undefined (only `passid-root`) */
  className?: string;
  /** CSP nonce for the injected `<style>`. @default undefined (no nonce attribute) */
  nonce?: string;
  /**
   * Writing direction of the widget (its root's `dir`; the layout mirrors in `'rtl'`).
   * @default the language's (`ar`: `'rtl'`, the other built-in ones `'ltr'`); with `'en'`, the page's
   */
  dir?: 'ltr' | 'rtl' | 'auto';
}

/**
 * The drop-in widget: a QR code for the PASSID app, or manual entry of a one-time token.
 * Renders what `connect()` from `@passid/core` computed; holds no verification rule.
 * The root carries `data-state` (the status) and `data-mode` (the colour scheme).
 */
export function PASSIDVerify(props: PASSIDVerifyProps) {
  const { theme, className, nonce, ...options } = props;
  const { view, start, submitToken, clearTokenInputError, retry, reset } = usePassidVerify(options);
  // `'en'` (a string) has neither: the widget then follows the page's language and direction.
  // (`dir` is read from `props`, not taken out of the hook's options: the hook ignores it, and
  // the bundle is 12 bytes smaller.)
  const locale = props.locale as Partial<Locale> | undefined;
  const m = view.messages;
  /** `data-passid-focus` on the element the core names as this state's focus target. */
  const focus = (target: typeof view.focusTarget) => (view.focusTarget === target ? '' : undefined);

  const rootRef = useRef<HTMLDivElement>(null);
  const hadFocus = useRef(false);
  /** Runs of the status effect: 1 after mounting, more once the status has changed. */
  const runs = useRef(0);
  const errorId = useId();

  // Move focus to the new state's main element, but only if the user was in this widget.
  const status = view.status;
  useEffect(() => {
    if (runs.current++ < 1 || !hadFocus.current) return;
    rootRef.current?.querySelector<HTMLElement>('[data-passid-focus]')?.focus();
  }, [status]);

  const onFocus = () => {
    hadFocus.current = true;
  };
  const onBlur = (event: FocusEvent) => {
    const next = event.relatedTarget as Node | null;
    if (next && !rootRef.current?.contains(next)) hadFocus.current = false;
  };

  const primary = theme?.primary;
  const style = primary
    ? ({ '--passid-primary': primary, '--passid-on-primary': textOn(primary) ?? undefined } as CSSProperties)
    : undefined;

  return (
    <div
      ref={rootRef}
      className={cx('passid-root', className)}
      dir={props.dir ?? locale?.dir}
      lang={locale?.code}
      data-state={status}
      data-mode={theme?.mode ?? 'auto'}
      style={style}
      onFocus={onFocus}
      onBlur={onBlur}
    >
      <PassidStyles nonce={nonce} />
      <div className="passid-panel" key={status} tabIndex={-1} data-passid-focus={focus('panel')}>
        <h2 className="passid-title">{view.heading}</h2>

        {view.showStartButton ? (
          <button type="button" className="passid-btn" onClick={start} data-passid-focus={focus('start')}>
            {m.generateQr}
          </button>
        ) : null}

        {view.showSpinner ? (
          <>
            <div className="passid-spinner" aria-hidden="true" />
            <p className="passid-text">{view.spinnerText}</p>
          </>
        ) : null}

        {view.showQr && view.qrValue ? (
          <>
            <QrCanvas value={view.qrValue} label={view.qrLabel ?? m.scanInstructions} />
            <p className="passid-text">{m.scanInstructions}</p>
            {view.code ? <VerificationCode code={view.code} label={m.codeLabel} /> : null}
            <p className="passid-wait">
              <span className="passid-pulse" aria-hidden="true" />
              {view.reconnecting ? (
                <span>{view.reconnectingText}</span>
              ) : (
                <Countdown
                  text={view.countdownText ?? ''}
                  spokenText={view.countdownSpoken}
                  secondsLeft={view.secondsLeft}
                />
              )}
            </p>
          </>
        ) : null}

        {view.isSuccess ? (
          <>
            <div className="passid-icon" data-tone="positive" aria-hidden="true">
              ✓
            </div>
            <h3 className="passid-title" tabIndex={-1} data-passid-focus={focus('title')}>
              {view.title}
            </h3>
            {/* The badge's props are the view's fields of the same names (score, tier and their texts, the tier's tone). */}
            <ScoreBadge {...view} />
            <ClaimsSummary rows={view.claims} label={m.claimsTitle} />
            {view.showNextCustomer ? (
              <button type="button" className="passid-btn" onClick={reset}>
                {m.nextCustomer}
              </button>
            ) : null}
          </>
        ) : null}

        {view.showRetry ? (
          <>
            <div className="passid-icon" data-tone="negative" aria-hidden="true">
              !
            </div>
            <h3 className="passid-title">{view.endTitle}</h3>
            {view.isDeclined && !view.isExpired ? <p className="passid-text">{view.declineText}</p> : null}
            {view.isError ? (
              <p className="passid-error" id={errorId}>
                {view.errorText}
              </p>
            ) : null}
            <button type="button" className="passid-btn" onClick={retry}
              data-variant={view.retryVariant}
              data-passid-focus={focus('retry')}
              aria-describedby={view.isError ? errorId : undefined}
            >
              {view.retryLabel}
            </button>
          </>
        ) : null}

        {view.showTokenForm ? (
          <>
            <p className="passid-or">{m.orEnterToken}</p>
            <TokenForm
              messages={m}
              errorText={view.tokenInputErrorText}
              onSubmit={submitToken}
              onEdit={clearTokenInputError}
              autoFocusTarget={view.focusTarget === 'token'}
            />
          </>
        ) : null}
      </div>
      <div role="status" aria-live="polite" aria-atomic="true" className="passid-sr">
        {status === 'idle' && runs.current < 2 ? '' : view.liveText}
      </div>
    </div>
  );
}
