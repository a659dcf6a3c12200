// A tiny forwarder in front of moto that counts STS/IAM calls by Action, so the bench can check
// (in an unmeasured warm-up run) how many STS round trips each scenario really makes. With
// delayMs it holds every request that long before forwarding it: a far STS endpoint (a hosted
// runner to a regional endpoint is about 100 ms) in front of a local moto.
import { createServer, request } from 'node:http';

export async function startCountingProxy(targetUrl, { delayMs = 0 } = {}) {
  const target = new URL(targetUrl);
  let counts = {};
  const server = createServer((req, res) => {
    const chunks = [];
    req.on('data', (c) => chunks.push(c));
    req.on('end', async () => {
      if (delayMs > 0) await new Promise((resolve) => setTimeout(resolve, delayMs));
      const body = Buffer.concat(chunks);
      const url = new URL(req.url ?? '/', target);
      const form = new URLSearchParams(body.toString('utf8'));
      const action =
        form.get('Action') ?? url.searchParams.get('Action') ?? `${req.method} ${url.pathname}`;
      counts[action] = (counts[action] ?? 0) + 1;
      const headers = { ...req.headers, host: target.host };
      delete headers.connection;
      const up = request(
        { host: target.hostname, port: target.port, method: req.method, path: req.url, headers },
        (upRes) => {
          res.writeHead(upRes.statusCode ?? 502, upRes.headers);
          upRes.pipe(res);
        },
      );
      up.on('error', (e) => {
        res.writeHead(502);
        res.end(String(e));
      });
      up.end(body);
    });
  });
  await new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  return {
    url: `http://127.0.0.1:${server.address().port}`,
    /** Calls since the last take(), by Action, then starts counting afresh. */
    take: () => {
      const c = counts;
      counts = {};
      return c;
    },
    stop: async () => {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(() => resolve()));
    },
  };
}
