/**
 * A lean HTTP/1.1 client for load generation: node:http over a keep-alive agent with one socket
 * per client. The load generator shares the machine with the server and the database, so it should
 * spend as little CPU per request as it can (fetch costs several times more per request).
 */
import http from 'node:http';

export interface HttpResponse {
  readonly status: number;
  readonly body: string;
  json<T = unknown>(): T;
}

export function httpClient(base: string, sockets: number) {
  const agent = new http.Agent({ keepAlive: true, maxSockets: sockets });
  const url = new URL(base);
  function request(method: 'GET' | 'POST', path: string, headers: Record<string, string> = {}, body?: string): Promise<HttpResponse> {
    return new Promise((resolve, reject) => {
      const req = http.request(
        {
          agent,
          host: url.hostname,
          port: url.port,
          method,
          path: url.pathname.replace(/\/$/, '') + path,
          headers: body === undefined ? headers : { ...headers, 'content-length': Buffer.byteLength(body) },
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () => {
            const text = Buffer.concat(chunks).toString('utf8');
            resolve({ status: res.statusCode ?? 0, body: text, json: <T>() => JSON.parse(text) as T });
          });
          res.on('error', reject);
        },
      );
      req.on('error', reject);
      req.end(body);
    });
  }
  return {
    get: (path: string, headers?: Record<string, string>) => request('GET', path, headers),
    post: (path: string, headers: Record<string, string>, body: string) => request('POST', path, headers, body),
    close: () => agent.destroy(),
  };
}
