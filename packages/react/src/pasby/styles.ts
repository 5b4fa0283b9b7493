/**
 * What the pasby widget adds to the shared stylesheet (`STYLESHEET`, the same classes and
 * custom properties as `<PASSIDVerify>`): the "Open pasby" link drawn as a button (and
 * disabled until the link exists), the confirmed name, the stacked actions.
 */
export const PASBY_STYLESHEET =
  'a.passid-btn{display:block;text-align:center;text-decoration:none}' +
  '.passid-btn[aria-disabled=true]{opacity:.55;cursor:not-allowed;filter:none}' +
  '.passid-name{margin:0;font-size:1.25em;font-weight:700;overflow-wrap:anywhere}' +
  '.passid-actions{display:grid;gap:10px;width:100%}' +
  '.passid-icon svg{display:block;width:24px;height:24px}';
