import { connect } from 'node:net';
import { expect, test } from 'vitest';
import { startSandbox } from './server.js';

test('close() cuts a stuck connection after the grace period instead of waiting for it', async () => {
  const sandbox = await startSandbox({ port: 0, dbPath: ':memory:', closeGraceMs: 200 });
  // A client that sends half a request body and then stalls: the handler waits for the rest,
  // so a plain server.close() would wait for it (Node's request timeout is 5 minutes).
  const socket = connect(sandbox.port, '127.0.0.1');
  await new Promise<void>((resolve) => socket.once('connect', () => resolve()));
  socket.resume(); // read whatever comes, so the socket sees the server's end
  socket.write(
    'POST /api/bridge/verify HTTP/1.1\r\nHost: sandbox\r\nX-Institution-Key: sk_sandbox_demo\r\n' +
      'Content-Type: application/json\r\nContent-Length: 100\r\n\r\n{"tok',
  );
  const cutOff = new Promise<'cut'>((resolve) => socket.once('close', () => resolve('cut')));

  const started = Date.now();
  const outcome = await Promise.race([
    sandbox.close().then(() => 'closed' as const),
    new Promise<'hung'>((resolve) => setTimeout(() => resolve('hung'), 5_000).unref()),
  ]);
  expect(outcome).toBe('closed');
  expect(Date.now() - started).toBeGreaterThanOrEqual(150); // it gave the request its grace first
  expect(await cutOff).toBe('cut');
});
