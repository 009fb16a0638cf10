import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FastifyInstance } from 'fastify';
import fastifyStatic from '@fastify/static';

const WEB_DIST = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../web/dist');

/** Serves the built web app; any non-API path that is not a file gets index.html (client routing). */
export async function installWebApp(app: FastifyInstance): Promise<void> {
  const index = path.join(WEB_DIST, 'index.html');
  if (!fs.existsSync(index)) {
    app.get('/', async (_req, reply) =>
      reply
        .type('text/html; charset=utf-8')
        .send('<!doctype html><html lang="vi"><meta charset="utf-8"><title>motcua</title><p>Giao diện web chưa được build: chạy <code>npm run build:web</code>. / The web app is not built: run <code>npm run build:web</code>.</p>'),
    );
    return;
  }
  // Built assets have content hashes in their names: cache them for a year, serve the .br/.gz copies.
  await app.register(fastifyStatic, {
    root: WEB_DIST,
    prefix: '/',
    wildcard: false,
    index: false,
    preCompressed: true,
    setHeaders: (res, filePath) => {
      if (filePath.includes(`${path.sep}assets${path.sep}`)) res.header('cache-control', 'public, max-age=31536000, immutable');
    },
  });
  const html = fs.readFileSync(index, 'utf8');
  app.get('/*', async (req, reply) => {
    const url = req.url.split('?')[0]!;
    if (url.startsWith('/api/') || url.startsWith('/oidc/') || url.startsWith('/auth/')) return reply.callNotFound();
    const file = path.join(WEB_DIST, path.normalize(url).replace(/^(\.\.[/\\])+/, ''));
    if (file.startsWith(WEB_DIST + path.sep) && fs.existsSync(file) && fs.statSync(file).isFile()) {
      return reply.sendFile(path.relative(WEB_DIST, file));
    }
    return reply.type('text/html; charset=utf-8').header('cache-control', 'no-cache').send(html);
  });
}
