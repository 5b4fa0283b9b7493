import { CopyButton } from '../CopyButton';
import { FIXTURES } from './fixtures';

/**
 * The sandbox fixture tokens, with one-click copy and one-click verify. `results`: what the
 * widget reported for a row's last one-click Verify (`→ TOKEN_REVOKED`, `→ Tier A · 812`).
 */
export function FixtureTable({ onVerify, results }: { onVerify: (token: string) => void; results: Record<string, string> }) {
  return (
    <section className="panel fixtures" aria-labelledby="fixtures-heading">
      <h2 id="fixtures-heading" className="panel-title">
        Sandbox tokens
      </h2>
      <p className="muted">Deterministic: the same token always gives the same result, as often as you like.</p>
      <div className="table-wrap">
        <table>
          <thead>
            <tr>
              <th scope="col">Token</th>
              <th scope="col">Result</th>
              <th scope="col">
                <span className="sr-only">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {FIXTURES.map((f) => (
              <tr key={f.token}>
                <td>
                  <code className="token">{f.token}</code>
                </td>
                <td>
                  <span className={`pill is-${f.kind}`}>{f.result}</span>
                  <span className="fixture-detail">{f.detail}</span>
                </td>
                <td>
                  <div className="actions">
                    <output className="fixture-outcome" aria-live="polite" data-testid={`fixture-outcome-${f.token}`}>
                      {results[f.token] ?? ''}
                    </output>
                    <CopyButton text={f.token} label="Copy token" />
                    <button type="button" className="btn-small" aria-label={`Verify ${f.token}`} onClick={() => onVerify(f.token)}>
                      Verify
                    </button>
                  </div>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
