// A round-robin load balancer, to try several instances on one machine. In production use
// nginx, HAProxy or your cloud's (see README.md). Like them, it appends the address it saw to
// X-Forwarded-For, so the instances read clients with trustForwardedFor(1), and it streams
// answers as they come (the proxy's status stream is server-sent events).
//
//   node balancer.mjs 3000 http://127.0.0.1:3001 http://127.0.0.1:3002
import { createServer, request } from 'node:http';
import { pathToFileURL } from 'node:url';

/** A `node:http` server sending each request to the next of `targets` (base URLs; the list may grow). */
export function createBalancer(targets) {
  let next = 0;
  return createServer((req, res) => {
    if (targets.length === 0) return res.writeHead(503).end();
    const target = new URL(targets[next++ % targets.length]);
    const forwardedFor = [req.headers['x-forwarded-for'], req.socket.remoteAddress].filter(Boolean).join(', ');
    const upstream = request(
      { hostname: target.hostname, port: target.port, method: req.method, path: req.url, headers: { ...req.headers, 'x-forwarded-for': forwardedFor } },
      (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      },
    );
    upstream.on('error', () => (res.headersSent ? res.destroy() : res.writeHead(502).end()));
    res.on('close', () => {
      if (!res.writableFinished) upstream.destroy(); // the client went away: so does the upstream request
    });
    req.pipe(upstream);
  });
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const [port = '3000', ...targets] = process.argv.slice(2);
  createBalancer(targets).listen(Number(port), '127.0.0.1', () => console.log(`balancing http://127.0.0.1:${port} → ${targets.join(', ')}`));
}
