/**
 * The component's one stylesheet. Class names are prefixed `passid-`; every colour, radius
 * and font goes through a public custom property with a default, so an institution can
 * theme the widget from any ancestor (`--passid-primary`, `--passid-bg`, …, see README).
 * Works without `light-dark()`/`color-mix()`/flex `gap` (Chrome 76+, Safari 12.1+): the
 * root resolves each colour into an internal `--_*` property (public property first, then
 * the light default); a dark block resets only those, for `data-mode="dark"` and for
 * `data-mode="auto"` under `prefers-color-scheme: dark`. Every rule reads the `--_*` ones.
 * Tones are semantic, not the brand's: positive texts take `--_accent`, a green with AA
 * contrast in each scheme whatever `--passid-primary` is (a red or dark-blue brand must not
 * make "Verified" look like a warning or fade on the dark background).
 * Nothing is placed by left or right (`text-align: start/end`, grids that follow the inline
 * direction), so a root with `dir="rtl"` mirrors; the code and the token field stay `ltr`.
 */
const mono = 'ui-monospace,Menlo,Consolas,monospace';
const dark =
  '{color-scheme:dark;--_bg:var(--passid-bg,#141a17);--_fg:var(--passid-fg,#e9efeb);--_muted:var(--passid-muted,#a7b4ad);--_border:var(--passid-border,#34403a);--_surface:var(--passid-surface,#1d2521);--_accent:var(--passid-accent,#00c27a);--_danger:var(--passid-danger,#ffb4ab);--_warning:var(--passid-warning,#f3c26b)}';

export const STYLESHEET =
  '.passid-root{--_primary:var(--passid-primary,#00c27a);--_on-primary:var(--passid-on-primary,#06130d);--_radius:var(--passid-radius,12px);' +
  '--_bg:var(--passid-bg,#fff);--_fg:var(--passid-fg,#14201a);--_muted:var(--passid-muted,#4d5b54);--_border:var(--passid-border,#d5ddd8);--_surface:var(--passid-surface,#f3f6f4);--_accent:var(--passid-accent,#00744a);--_danger:var(--passid-danger,#b3261e);--_warning:var(--passid-warning,#8a5300);' +
  'color-scheme:light;box-sizing:border-box;max-width:var(--passid-max-width,420px);min-width:0;padding:20px;' +
  'border:1px solid var(--_border);border-radius:var(--_radius);background:var(--_bg);color:var(--_fg);' +
  'font:var(--passid-font-size,16px)/1.5 var(--passid-font,system-ui,-apple-system,"Segoe UI",Roboto,sans-serif);text-align:center}' +
  `.passid-root[data-mode=dark]${dark}@media (prefers-color-scheme:dark){.passid-root[data-mode=auto]${dark}}` +
  '.passid-root *{box-sizing:inherit}' +
  '.passid-root :focus-visible{outline:3px solid var(--_fg);outline-offset:2px}' +
  // Panels and headings take focus programmatically (tabIndex=-1) so screen readers follow
  // the state; they are not controls, so they draw no ring.
  '.passid-root [tabindex="-1"]:focus{outline:none}' +
  '.passid-panel{display:grid;justify-items:center;gap:14px}' +
  '.passid-title{margin:0;font-size:1.125em;font-weight:650;line-height:1.3}' +
  '.passid-text,.passid-code{margin:0;color:var(--_muted)}' +
  '.passid-btn{width:100%;min-height:44px;padding:10px 20px;border:2px solid transparent;border-radius:calc(var(--_radius)*.75);' +
  'background:var(--_primary);color:var(--_on-primary);font:inherit;font-weight:650;cursor:pointer}' +
  '.passid-btn:hover{filter:brightness(.95)}' +
  '.passid-btn[data-variant=secondary]{background:none;border-color:var(--_border);color:var(--_fg)}' +
  '.passid-or,.passid-wait,.passid-badge{display:grid;grid-auto-flow:column;align-items:center;gap:10px}.passid-or,.passid-wait{color:var(--_muted);font-size:.875em}' +
  '.passid-or{width:100%;grid-template-columns:1fr auto 1fr}.passid-or:before,.passid-or:after{content:"";border-top:1px solid var(--_border)}' +
  '.passid-wait{justify-content:center;gap:8px;font-size:.9375em}' +
  '.passid-form{display:grid;gap:8px;width:100%;text-align:start}' +
  '.passid-label{font-weight:600}' +
  `.passid-input{min-height:44px;padding:8px 12px;border:1px solid var(--_muted);border-radius:calc(var(--_radius)*.6);background:var(--_bg);color:var(--_fg);font:inherit;font-family:${mono};letter-spacing:.04em;text-transform:uppercase;direction:ltr}` +
  '.passid-input[aria-invalid=true]{border-color:var(--_danger)}' +
  '.passid-field-error,.passid-error{margin:0}' +
  '.passid-label,.passid-field-error,.passid-error,.passid-claims{font-size:.9375em}' +
  '.passid-qr{display:block;width:var(--passid-qr-size,232px);max-width:100%;aspect-ratio:1;border-radius:8px;image-rendering:pixelated;background:#fff}' +
  `.passid-code strong{display:block;direction:ltr;color:var(--_fg);font:700 1.5em/1.2 ${mono};letter-spacing:.12em}` +
  '.passid-pulse{width:10px;height:10px;border-radius:50%;background:var(--_primary);animation:passid-pulse 1.6s ease-in-out infinite}' +
  '.passid-countdown{font-variant-numeric:tabular-nums;font-weight:600;color:var(--_fg)}' +
  '.passid-spinner{width:40px;height:40px;border:4px solid var(--_border);border-top-color:var(--_primary);border-radius:50%;animation:passid-spin .9s linear infinite}' +
  '.passid-badge{gap:12px;padding:10px 16px;border-radius:var(--_radius);background:var(--_surface)}' +
  '.passid-score{font-size:1.75em;font-weight:750;line-height:1;font-variant-numeric:tabular-nums}' +
  '.passid-tier{padding:2px 8px;border:2px solid;border-radius:999px;font-weight:700}' +
  '.passid-claims-box{width:100%;text-align:start}.passid-claims-title{margin:0 0 8px;font-weight:650}' +
  '.passid-claims{display:grid;grid-template-columns:minmax(0,1fr) auto;gap:6px 12px;margin:0}' +
  '.passid-claim{display:contents}.passid-claims dt{color:var(--_muted)}' +
  '.passid-claims dd{margin:0;font-weight:600;text-align:end;word-break:break-word}' +
  '.passid-root [data-tone=positive]{color:var(--_accent)}.passid-root [data-tone=warning]{color:var(--_warning)}' +
  '.passid-root [data-tone=negative],.passid-countdown[data-urgent],.passid-field-error,.passid-error{color:var(--_danger)}' +
  '.passid-icon{display:grid;place-items:center;width:48px;height:48px;border-radius:50%;background:var(--_surface);font-size:1.5em;font-weight:700}' +
  '.passid-icon[data-tone=positive]{background:var(--_primary);color:var(--_on-primary)}' +
  '.passid-sr{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap}' +
  '@keyframes passid-spin{to{transform:rotate(1turn)}}@keyframes passid-pulse{50%{opacity:.3;transform:scale(.7)}}' +
  '@media (prefers-reduced-motion:reduce){.passid-pulse,.passid-spinner{animation:none}}' +
  '@media (max-width:420px){.passid-root{padding:14px}.passid-input{letter-spacing:0;padding:8px}}';
