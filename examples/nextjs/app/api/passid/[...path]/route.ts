// app/api/passid/[...path]/route.ts — the PASSID proxy for <PASSIDVerify endpoint="/api/passid">.
// The browser calls /api/passid/request, /api/passid/request/:id, the status stream
// /api/passid/request/:id/events and /api/passid/verify; this route adds PASSID_API_KEY
// server-side. The key never reaches the browser. The stream is returned as a streamed
// Response (force-dynamic, Node runtime): Next.js sends each event as it comes.
import { createPassidProxy, type PassidProxyHandler } from '@passid/server';
import { cookies } from 'next/headers';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

let proxy: PassidProxyHandler | undefined;

// Created on first use, so `next build` does not need the key.
function getProxy(): PassidProxyHandler {
  proxy ??= createPassidProxy({
    apiKey: process.env.PASSID_API_KEY ?? '',
    baseUrl: process.env.PASSID_BASE_URL ?? 'https://api.passid.io',
    prefix: '/api/passid',
    permissions: ['full_score', 'identity_verified', 'sanctions_clear', 'fraud_risk'],
    institutionName: 'Demo Bank',
    // Replace with your own session check. Returning false answers 401 and calls nothing.
    authorize: async () => (await cookies()).has('session'),
    // Per-client rate limits need the client's address: on Vercel, the platform's x-real-ip.
    // Self-hosted behind one reverse proxy: trustForwardedFor(1) from '@passid/server'.
    rateLimit: { clientIp: (request) => request.headers.get('x-real-ip') },
  });
  return proxy;
}

export function GET(request: Request): Promise<Response> {
  return getProxy()(request);
}

export function POST(request: Request): Promise<Response> {
  return getProxy()(request);
}
