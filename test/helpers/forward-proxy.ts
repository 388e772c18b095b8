// A small HTTP forward proxy for tests, like an office's: absolute-form requests for http://
// targets, CONNECT tunnels for https://. It resolves names itself (from `names`), as a real
// proxy does with its own DNS, and records every request it carried.
import { createServer, request, type Server } from 'node:http';
import { connect } from 'node:net';
import type { AddressInfo } from 'node:net';

export interface ForwardProxy {
  url: string;
  requests: string[];
  close(): Promise<void>;
}

export async function startForwardProxy(names: Record<string, string>): Promise<ForwardProxy> {
  const requests: string[] = [];
  const ip = (host: string) => names[host] ?? host;
  const server: Server = createServer((req, res) => {
    const target = new URL(req.url ?? '');
    requests.push(target.href);
    const up = request(
      {
        host: ip(target.hostname),
        port: target.port || 80,
        path: target.pathname + target.search,
        method: req.method,
        headers: { ...req.headers, host: target.host },
      },
      (r) => {
        res.writeHead(r.statusCode ?? 502, r.headers);
        r.pipe(res);
      },
    );
    up.on('error', () => res.writeHead(502).end());
    req.pipe(up);
  });
  server.on('connect', (req, socket) => {
    const [host, port] = (req.url ?? '').split(':');
    requests.push(`CONNECT ${req.url}`);
    const up = connect(Number(port), ip(host), () => {
      socket.write('HTTP/1.1 200 Connection Established\r\n\r\n');
      up.pipe(socket);
      socket.pipe(up);
    });
    up.on('error', () => socket.end());
    socket.on('error', () => up.destroy());
  });
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    requests,
    close: () =>
      new Promise((ok) => {
        server.closeAllConnections();
        server.close(() => ok());
      }),
  };
}
