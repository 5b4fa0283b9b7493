import type { Claims } from '@passid/core';
import type { PasbyClaims } from '@passid/core/pasby';

/** What the last attempt produced, as the institution's code receives it. */
export type Outcome =
  | { kind: 'success'; claims: Claims }
  | { kind: 'pasby'; claims: PasbyClaims }
  | { kind: 'declined'; reason: string; code: string }
  | { kind: 'error'; message: string }
  | null;

const LABELS: Partial<Record<keyof Claims, string>> = {
  fsi_score: 'FSI score',
  fsi_low: 'FSI low',
  fsi_high: 'FSI high',
  tier: 'Tier',
  confidence: 'Confidence',
  p_stable: 'P(stable)',
  income_verified: 'Income verified',
  income_band: 'Income band',
  identity_verified: 'Identity verified',
  sanctions_clear: 'Sanctions clear',
  payment_reliability: 'Payment reliability',
  savings_consistency: 'Savings consistency',
  fraud_risk: 'Fraud risk',
  corridor: 'Corridor',
  decision: 'Decision',
};

function show(value: unknown): string {
  if (value === true) return 'yes';
  if (value === false) return 'no';
  return String(value);
}

function ClaimsJson({ claims }: { claims: object }) {
  return (
    <details className="json" open>
      <summary>JSON</summary>
      <pre data-testid="result-json" tabIndex={0} aria-label="Claims as JSON">{JSON.stringify(claims, null, 2)}</pre>
    </details>
  );
}

export function ResultPanel({ outcome }: { outcome: Outcome }) {
  return (
    <section className="panel result" aria-labelledby="result-heading">
      <h2 id="result-heading" className="panel-title">
        What your code receives
      </h2>
      {outcome === null && <p className="muted">Run a verification: the claims from <code>onSuccess</code>, or the reason from <code>onDecline</code> / <code>onError</code>, show here.</p>}
      {outcome?.kind === 'success' && (
        <>
          <p className="callback">
            <code>onSuccess(claims)</code>
          </p>
          <dl className="claims-grid" data-testid="result-claims">
            {Object.entries(outcome.claims).map(([k, v]) => (
              <div key={k} className="claims-row">
                <dt>
                  {LABELS[k as keyof Claims] ?? k} <code>{k}</code>
                </dt>
                <dd>{show(v)}</dd>
              </div>
            ))}
          </dl>
          <ClaimsJson claims={outcome.claims} />
        </>
      )}
      {outcome?.kind === 'pasby' && (
        <>
          <p className="callback">
            <code>onSuccess(claims)</code> · decrypted by the proxy, only what was asked
          </p>
          <dl className="claims-grid" data-testid="result-claims">
            {Object.entries(outcome.claims).flatMap(([group, leaves]) =>
              Object.entries(leaves ?? {}).map(([leaf, value]) => (
                <div key={`${group}.${leaf}`} className="claims-row">
                  <dt>
                    <code>{`${group}.${leaf}`}</code>
                  </dt>
                  <dd>{String(value)}</dd>
                </div>
              )),
            )}
          </dl>
          <ClaimsJson claims={outcome.claims} />
        </>
      )}
      {outcome?.kind === 'declined' && (
        <>
          <p className="callback">
            <code>onDecline(reason, {'{ code }'})</code>
          </p>
          <p className="result-line" data-testid="result-decline">
            <strong>{outcome.reason}</strong> <code>{outcome.code}</code>
          </p>
        </>
      )}
      {outcome?.kind === 'error' && (
        <>
          <p className="callback">
            <code>onError(error)</code>
          </p>
          <p className="result-line is-error">{outcome.message}</p>
        </>
      )}
    </section>
  );
}
