import { connect } from 'node:net';
import { expect, test } from 'vitest';
import { startSandbox } from './server.js';
import { waitFor } from './test/helpers.js';

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

test('a chunked body whose framing breaks mid-stream is logged as the client\'s 400, never as a 500', async () => {
  const lines: string[] = [];
  const sandbox = await startSandbox({ port: 0, dbPath: ':memory:', log: (line) => lines.push(line) });
  try {
    const socket = connect(sandbox.port, '127.0.0.1');
    await new Promise<void>((resolve) => socket.once('connect', () => resolve()));
    let answer = '';
    socket.on('data', (chunk: Buffer) => (answer += chunk.toString()));
    const closed = new Promise<void>((resolve) => socket.once('close', () => resolve()));
    socket.write(
      'POST /api/bridge/verify HTTP/1.1\r\nHost: sandbox\r\nX-Institution-Key: sk_sandbox_demo\r\n' +
        'Content-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n5\r\n{"tok\r\nnot-a-chunk-size\r\n\r\n',
    );
    await closed;
    expect(answer).toMatch(/^HTTP\/1\.1 400 /);
    await waitFor(() => lines.some((l) => l.startsWith('POST /api/bridge/verify ')), 5_000, 'the log line');
    expect(lines.filter((l) => l.startsWith('POST /api/bridge/verify '))).toEqual([expect.stringMatching(/^POST \/api\/bridge\/verify 400 /)]);
    expect(lines.filter((l) => l.startsWith('error:'))).toEqual([]);
  } finally {
    await sandbox.close();
  }
});
