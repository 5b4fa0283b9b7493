import { connect } from 'node:net';
import { Agent, request as httpRequest } from 'node:http';
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

test('closes the connection after refusing a body it did not read to the end, so a keep-alive client is not cut off', async () => {
  const sandbox = await startSandbox({ port: 0, dbPath: ':memory:' });
  const agent = new Agent({ keepAlive: true, maxSockets: 1 });
  const send = (method: string, path: string, body?: Buffer, chunked = false) =>
    new Promise<{ status: number; connection: string | undefined }>((resolve, reject) => {
      const headers = { 'x-institution-key': 'sk_sandbox_demo', 'content-type': 'application/json' };
      const req = httpRequest(`${sandbox.url}${path}`, { method, agent, headers }, (res) => {
        res.resume();
        res.on('end', () => resolve({ status: res.statusCode ?? 0, connection: res.headers.connection }));
      });
      req.on('error', reject);
      if (body && chunked) {
        req.write(body.subarray(0, 10));
        req.end(body.subarray(10));
      } else req.end(body);
    });
  try {
    const big = Buffer.alloc(2_000_000, 0x20);
    for (const chunked of [true, false]) {
      expect(await send('POST', '/api/bridge/verify', big, chunked)).toEqual({ status: 413, connection: 'close' });
      // The next request on the same agent gets its answer, on a new connection.
      expect((await send('GET', '/healthz')).status).toBe(200);
    }
    // A body nobody reads (an unknown route) does not keep the connection either.
    expect(await send('POST', '/api/nowhere', Buffer.from('{"a":1}'))).toMatchObject({ status: 404, connection: 'close' });
    expect((await send('GET', '/healthz')).status).toBe(200);
  } finally {
    agent.destroy();
    await sandbox.close();
  }
});
