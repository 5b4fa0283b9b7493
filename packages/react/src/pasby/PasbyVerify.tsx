import { useEffect, useId, useRef } from 'react';
import type { CSSProperties, FocusEvent } from 'react';
import type { PasbyClaims, PasbyLocale } from '@passid/core/pasby';
// The shared pieces come through `@passid/react` (the package itself), never by a relative
// path: the main entry stays one module, so a PASSID-only page is the same with or without
// this entry.
import { ClaimsSummary, Countdown, PassidStyles, QrCanvas, textOn } from '@passid/react';
import type { PassidTheme } from '@passid/react';
import { NinForm } from './NinForm.js';
import { PasbyStyles } from './PasbyStyles.js';
import { usePasbyVerify } from './usePasbyVerify.js';
import type { UsePasbyVerifyOptions } from './usePasbyVerify.js';

/** Props of `<PasbyVerify>`: the hook's options plus presentation. */
export interface PasbyVerifyProps extends UsePasbyVerifyOptions {
  /** Called once per session with the decrypted claims that were asked for. */
  onSuccess: (claims: PasbyClaims) => void;
  /** Primary colour and colour scheme (the same theme as `<PASSIDVerify>`). @default { primary: '#00c27a', mode: 'auto' } */
  theme?: PassidTheme;
  /** Extra class on the root element (`.passid-root`). @default undefined (only `passid-root passid-pasby`) */
  className?: string;
  /** CSP nonce for the injected `<style>` elements. @default undefined (no nonce attribute) */
  nonce?: string;
  /**
   * Writing direction of the widget (its root's `dir`; the layout mirrors in `'rtl'`).
   * @default the language's (`ar`: `'rtl'`, the other built-in ones `'ltr'`); with `'en'`, the page's
   */
  dir?: 'ltr' | 'rtl' | 'auto';
}

/** A phone, for "approve in your pasby app". */
const phone = (
  <svg viewBox="0 0 24 24" fill="none" stroke="currentColor" strokeWidth="2" strokeLinecap="round" aria-hidden="true" focusable="false">
    <rect x="6.5" y="2.5" width="11" height="19" rx="2.5" />
    <path d="M10.5 18h3" />
  </svg>
);

/**
 * The drop-in pasby widget: a rotating QR code for the pasby app (`wildcard`), a link that
 * opens the app on this device (`same-device`), or a request pushed to the app of the person
 * whose NIN is typed in (`different-device`). Talks only to your `createPasbyProxy`
 * (`endpoint`). Renders what `connectPasby()` computed; holds no rule. The root carries
 * `data-state`, `data-mode` (colour scheme) and `data-pasby-mode`.
 */
export function PasbyVerify(props: PasbyVerifyProps) {
  const { theme, className, nonce, ...options } = props;
  const { view, start, clearNinError, retry, switchMode } = usePasbyVerify(options);
  // `'en'` (a string) has neither: the widget then follows the page's language and direction.
  // (`dir` is read from `props`, not taken out of the hook's options: the hook ignores it, and
  // the bundle is 12 bytes smaller.)
  const locale = props.locale as Partial<PasbyLocale> | undefined;
  const m = view.messages;
  const { status, focusTarget } = view;
  /** `data-passid-focus` on the element the core names as this view's focus target. */
  const focus = (target: typeof focusTarget) => (focusTarget === target ? '' : undefined);

  const rootRef = useRef<HTMLDivElement>(null);
  const hadFocus = useRef(false);
  const seenChange = useRef(false);
  const errorId = useId();

  // Move focus to the new view's main element, but only if the user was in this widget. The
  // target can change within a state (same-device: the link goes once the app has the flow).
  const first = useRef(true);
  useEffect(() => {
    if (first.current) {
      first.current = false;
      return;
    }
    seenChange.current = true;
    if (hadFocus.current) rootRef.current?.querySelector<HTMLElement>('[data-passid-focus]')?.focus();
  }, [status, focusTarget]);

  const primary = theme?.primary;
  const style = primary
    ? ({ '--passid-primary': primary, '--passid-on-primary': textOn(primary) ?? undefined } as CSSProperties)
    : undefined;

  return (
    <div
      ref={rootRef}
      className={className ? `passid-root passid-pasby ${className}` : 'passid-root passid-pasby'}
      dir={props.dir ?? locale?.dir}
      lang={locale?.code}
      data-state={status}
      data-mode={theme?.mode ?? 'auto'}
      data-pasby-mode={view.mode}
      style={style}
      onFocus={() => {
        hadFocus.current = true;
      }}
      onBlur={(event: FocusEvent) => {
        const next = event.relatedTarget as Node | null;
        if (next && !rootRef.current?.contains(next)) hadFocus.current = false;
      }}
    >
      <PassidStyles nonce={nonce} />
      <PasbyStyles nonce={nonce} />
      <div className="passid-panel" key={status} tabIndex={-1} data-passid-focus={focus('panel')}>
        <h2 className="passid-title">{view.heading}</h2>

        {view.showStartButton ? (
          <button type="button" className="passid-btn" onClick={() => start()} data-passid-focus={focus('start')}>
            {view.startLabel}
          </button>
        ) : null}

        {view.showNinForm ? (
          <NinForm
            messages={m}
            submitLabel={view.startLabel}
            errorText={view.ninErrorText}
            onSubmit={start}
            onEdit={clearNinError}
            autoFocusTarget={focusTarget === 'nin'}
          />
        ) : null}

        {view.showSpinner ? (
          <>
            <div className="passid-spinner" aria-hidden="true" />
            <p className="passid-text">{view.spinnerText}</p>
          </>
        ) : null}

        {view.showQr && view.qrValue ? <QrCanvas value={view.qrValue} label={view.qrLabel ?? m.qrLabel} /> : null}

        {view.isPickedUp ? (
          <>
            <div className="passid-icon" aria-hidden="true">
              {phone}
            </div>
            <h3 className="passid-title">{view.title}</h3>
          </>
        ) : null}

        {view.instructions ? <p className="passid-text">{view.instructions}</p> : null}

        {view.showLink ? (
          view.link ? (
            // A new tab: this page keeps watching (and is not left, which would cancel the session).
            <a className="passid-btn" href={view.link} target="_blank" rel="noopener noreferrer" data-passid-focus={focus('link')}>
              {m.openPasby}
            </a>
          ) : (
            <a className="passid-btn" role="link" aria-disabled="true">
              {m.openPasby}
            </a>
          )
        ) : null}

        {view.isAwaiting ? (
          <p className="passid-wait">
            <span className="passid-pulse" aria-hidden="true" />
            {view.reconnecting ? (
              <span>{view.reconnectingText}</span>
            ) : (
              <Countdown text={view.countdownText ?? ''} spokenText={view.countdownSpoken ?? undefined} secondsLeft={view.secondsLeft ?? undefined} />
            )}
          </p>
        ) : null}

        {view.isSuccess ? (
          <>
            <div className="passid-icon" data-tone="positive" aria-hidden="true">
              ✓
            </div>
            <h3 className="passid-title" tabIndex={-1} data-passid-focus={focus('title')}>
              {view.title}
            </h3>
            {view.fullName ? <p className="passid-name">{view.fullName}</p> : null}
            <ClaimsSummary rows={view.claims} label={m.claimsTitle} />
          </>
        ) : null}

        {view.showRetry ? (
          <>
            <div className="passid-icon" data-tone="negative" aria-hidden="true">
              !
            </div>
            <h3 className="passid-title">{view.title}</h3>
            {view.isDeclined && !view.isExpired ? <p className="passid-text">{view.declineText}</p> : null}
            {view.isError ? (
              <p className="passid-error" id={errorId}>
                {view.errorText}
              </p>
            ) : null}
            <div className="passid-actions">
              {view.fallback ? (
                <button type="button" className="passid-btn" onClick={() => switchMode(view.fallback!)} data-passid-focus={focus('fallback')}>
                  {view.fallbackLabel}
                </button>
              ) : null}
              <button
                type="button"
                className="passid-btn"
                onClick={retry}
                data-variant={view.retryVariant === 'secondary' ? 'secondary' : undefined}
                data-passid-focus={focus('retry')}
                aria-describedby={view.isError ? errorId : undefined}
              >
                {view.retryLabel}
              </button>
            </div>
          </>
        ) : null}
      </div>
      <div role="status" aria-live="polite" aria-atomic="true" className="passid-sr">
        {status === 'idle' && !seenChange.current ? '' : view.liveText}
      </div>
    </div>
  );
}
