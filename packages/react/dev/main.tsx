/**
 * Screenshot harness (not published): renders <PASSIDVerify> held in one state by a fake
 * transport. `?state=idle|requesting|awaiting|verifying|success|declined|expired|error|sanctions|reconnecting`
 * `&theme=light|dark|auto&primary=%23…&locale=fr|sw|ha|yo|ig|ar` (any file of core's locales/).
 */
import { createRoot } from 'react-dom/client';
import { PassidError } from '@passid/core';
import type { Claims, Locale, SessionInfo, VerificationTransport } from '@passid/core';
import { PASSIDVerify } from '@passid/react';

const params = new URLSearchParams(location.search);
const locales = Object.fromEntries(
  Object.values(import.meta.glob<Record<string, Locale>>('../../core/src/locales/*.ts', { eager: true }))
    .flatMap((m) => Object.values(m))
    .map((l) => [l.code, l]),
);
const state = params.get('state') ?? 'idle';
const never = <T,>() => new Promise<T>(() => {});

const claims: Claims = {
  fsi_score: 812, fsi_low: 790, fsi_high: 834, tier: 'A', confidence: 0.91, p_stable: 0.88,
  income_verified: true, income_band: 'GBP 30k-45k', identity_verified: true, sanctions_clear: true,
  payment_reliability: 0.97, savings_consistency: 82, fraud_risk: 'low', corridor: 'KE→GB', decision: 'approved',
};

const session = (): SessionInfo => ({
  id: 'req_demo000000000000001',
  code: 'AB3X-7YQM',
  qrValue: 'passid://verify-request?r=req_demo000000000000001&i=inst_demo',
  expiresAt: Date.now() + 9 * 60_000 + 41_000,
  serverTime: Date.now(),
});

const transport: VerificationTransport = {
  async createSession() {
    if (state === 'requesting') return never();
    if (state === 'error') throw new PassidError('invalid_response', 'harness: not the contract');
    return session();
  },
  async watchSession(_s, { onProgress }) {
    if (state === 'success') return { status: 'completed', claims };
    if (state === 'declined') return { status: 'declined', reason: 'CUSTOMER_DECLINED' };
    if (state === 'sanctions') return { status: 'declined', reason: 'HARD_DENY_SANCTIONS_MATCH' };
    if (state === 'expired') return { status: 'expired' };
    if (state === 'reconnecting') onProgress({ failures: 2 });
    return never();
  },
  async verifyToken() {
    return never();
  },
};

const theme = { mode: (params.get('theme') ?? 'auto') as 'light' | 'dark' | 'auto', primary: params.get('primary') ?? undefined };

createRoot(document.getElementById('root')!).render(
  <PASSIDVerify
    apiKey="sk_sandbox_demo"
    institutionName="Demo Bank"
    transport={transport}
    autoStart={state !== 'idle' && state !== 'verifying'}
    locale={locales[params.get('locale') ?? ''] ?? 'en'}
    theme={theme}
    onSuccess={() => {}}
  />,
);
