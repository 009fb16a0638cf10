import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import { defineConfig, type Plugin } from 'vite';
import react from '@vitejs/plugin-react';

const root = fileURLToPath(new URL('.', import.meta.url));
// `vite --config web/vite.config.ts` (dev server) forwards the server's paths to a running `npm start`.
const server = process.env.MOTCUA_DEV_API ?? 'http://localhost:3000';

/**
 * Writes `.br` and `.gz` beside each script and style sheet, so a server that serves pre-compressed
 * files (@fastify/static `preCompressed`) sends a third of the bytes without compressing per request.
 */
function precompress(): Plugin {
  return {
    name: 'motcua-precompress',
    apply: 'build',
    // After the files are written: earlier hooks still see chunks before Vite's last rewrites
    // (the preload helper), and compressed copies of those would differ from the served files.
    writeBundle(options, bundle) {
      const dir = options.dir ?? path.join(root, 'dist');
      for (const fileName of Object.keys(bundle)) {
        if (!/\.(js|css)$/.test(fileName)) continue;
        const full = path.join(dir, fileName);
        const data = fs.readFileSync(full);
        if (data.length < 1024) continue;
        fs.writeFileSync(`${full}.br`, brotliCompressSync(data, { params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: data.length } }));
        fs.writeFileSync(`${full}.gz`, gzipSync(data, { level: 9 }));
      }
    },
  };
}

export default defineConfig({
  root,
  base: '/',
  plugins: [react(), precompress()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    // The server's CSP allows no inline script; keep every asset a file.
    assetsInlineLimit: 0,
    rolldownOptions: {
      output: {
        // Libraries change less often than our code: a separate chunk stays cached across releases.
        codeSplitting: { groups: [{ name: 'vendor', test: /[\\/]node_modules[\\/]/ }] },
      },
    },
  },
  server: {
    proxy: { '/api': server, '/auth': server, '/oidc': server },
  },
});
