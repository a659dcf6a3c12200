// A pass-through HTTP proxy in front of the recording STS proxy that holds every request until
// `parties` have arrived (or maxWaitMs has passed), then forwards them all at once. Under Wine the
// steps of one launch start seconds apart, so without it concurrent steps seldom reach their
// profile writes together; with it they get their credentials, and write, in the same moment.
import { createServer, request, type IncomingMessage, type ServerResponse } from 'node:http';

export interface StsBarrier {
  readonly url: string;
  stop(): Promise<void>;
}

export async function startStsBarrier(
  target: string,
  parties: number,
  maxWaitMs = 60_000,
): Promise<StsBarrier> {
  const waiting: (() => void)[] = [];
  let timer: NodeJS.Timeout | undefined;
  const releaseAll = (): void => {
    clearTimeout(timer);
    timer = undefined;
    for (const forward of waiting.splice(0)) forward();
  };
  const forward = (req: IncomingMessage, body: Buffer, res: ServerResponse): void => {
    const upstream = request(new URL(req.url ?? '/', target), {
      method: req.method,
      headers: { ...req.headers, host: new URL(target).host },
    });
    upstream.on('response', (answer) => {
      res.writeHead(answer.statusCode ?? 502, answer.headers);
      answer.pipe(res);
    });
    upstream.on('error', () => res.destroy());
    upstream.end(body);
  };
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      waiting.push(() => forward(req, Buffer.concat(chunks), res));
      if (waiting.length >= parties) releaseAll();
      else timer ??= setTimeout(releaseAll, maxWaitMs);
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    url: `http://127.0.0.1:${port}`,
    stop: async () => {
      releaseAll();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
