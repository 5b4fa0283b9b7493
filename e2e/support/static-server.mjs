#!/usr/bin/env node
// Serves a folder over HTTP (for storybook-static and the packed-app test): node static-server.mjs <dir> <port>
import { createServer } from 'node:http';
import { readFile, stat } from 'node:fs/promises';
import { extname, join, normalize, resolve, sep } from 'node:path';

const TYPES = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8', '.json': 'application/json; charset=utf-8', '.svg': 'image/svg+xml',
  '.png': 'image/png', '.ico': 'image/x-icon', '.woff2': 'font/woff2', '.map': 'application/json',
};

/**
 * @param {string} dir
 * @param {number} port
 * @returns {Promise<import('node:http').Server>}
 */
export function serveDir(dir, port) {
  const root = resolve(dir);
  const server = createServer(async (req, res) => {
    const pathname = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
    let path = normalize(join(root, pathname));
    if (path !== root && !path.startsWith(root + sep)) return void res.writeHead(403).end();
    try {
      if ((await stat(path)).isDirectory()) path = join(path, 'index.html');
      const body = await readFile(path);
      res.writeHead(200, { 'content-type': TYPES[extname(path)] ?? 'application/octet-stream' }).end(body);
    } catch {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
    }
  });
  return new Promise((ok) => server.listen(port, '127.0.0.1', () => ok(server)));
}

/** The port a server from {@link serveDir} listens on (useful with port 0). */
export function portOf(/** @type {import('node:http').Server} */ server) {
  const address = server.address();
  return typeof address === 'object' && address ? address.port : 0;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const [dir, port] = process.argv.slice(2);
  if (!dir || !port) {
    console.error('usage: static-server.mjs <dir> <port>');
    process.exit(2);
  }
  await serveDir(dir, Number(port));
  console.log(`serving ${dir} on http://127.0.0.1:${port}`);
  for (const s of ['SIGINT', 'SIGTERM']) process.on(s, () => process.exit(0));
}
