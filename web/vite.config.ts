import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import { defineConfig, type Plugin, type Rollup } from 'vite';
import react from '@vitejs/plugin-react';
import { EARLY_ROUTES, type EarlyChunks } from './src/early-routes.js';

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

/**
 * src/boot.ts is an entry of its own (see `input` below: a second script of index.html would be
 * bundled with main.tsx). This adds it to index.html, with
 * the files of each early route's lazily loaded chunk (src/early-routes.ts) as JSON that boot.ts reads
 * (`<script type="application/json" id="motcua-early">`: data, which no CSP blocks): the chunk, the
 * chunks it imports that the app's entry does not already load, and their style sheets. index.html is
 * sent with no-cache, so the list always names the current files.
 */
function earlyChunks(): Plugin {
  return {
    name: 'motcua-early-chunks',
    apply: 'build',
    transformIndexHtml: {
      order: 'post',
      handler(_html, ctx) {
        const { bundle, chunk: entry } = ctx;
        if (!bundle || !entry) return;
        const chunks = Object.values(bundle).filter((o): o is Rollup.OutputChunk => o.type === 'chunk');
        const byFile = new Map(chunks.map((c) => [c.fileName, c]));
        const closure = (start: Rollup.OutputChunk): Set<string> => {
          const seen = new Set<string>();
          const visit = (file: string) => {
            if (seen.has(file)) return;
            seen.add(file);
            for (const next of byFile.get(file)?.imports ?? []) visit(next);
          };
          visit(start.fileName);
          return seen;
        };
        const ofModule = (module: string) => chunks.find((c) => c.facadeModuleId === path.join(root, 'src', module));
        const boot = ofModule('boot.ts');
        if (!boot || boot.imports.length > 0) throw new Error('motcua-early-chunks: src/boot.ts must build to one chunk of its own, importing nothing');
        const loaded = closure(entry);
        const out: EarlyChunks = {};
        for (const route of EARLY_ROUTES) {
          if (!route.module) continue;
          const chunk = ofModule(route.module);
          if (!chunk) throw new Error(`motcua-early-chunks: ${route.module} is not a lazily loaded chunk of its own`);
          const files = [...closure(chunk)].filter((f) => !loaded.has(f));
          const css = new Set(files.flatMap((f) => [...(byFile.get(f)?.viteMetadata?.importedCss ?? [])]));
          out[route.module] = { js: files.map((f) => `/${f}`), css: [...css].map((f) => `/${f}`) };
        }
        return [
          { tag: 'script', attrs: { type: 'application/json', id: 'motcua-early' }, children: JSON.stringify(out).replace(/</g, '\\u003c'), injectTo: 'head' },
          // async: it runs as soon as it arrives, not after the app's script (module scripts keep their order).
          { tag: 'script', attrs: { type: 'module', async: true, crossorigin: true, src: `/${boot.fileName}` }, injectTo: 'head' },
        ];
      },
    },
  };
}

export default defineConfig({
  root,
  base: '/',
  plugins: [react(), precompress(), earlyChunks()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    // The server's CSP allows no inline script; keep every asset a file.
    assetsInlineLimit: 0,
    rolldownOptions: {
      // boot.ts: its own tiny script, added to index.html by earlyChunks().
      input: { index: path.join(root, 'index.html'), boot: path.join(root, 'src/boot.ts') },
      output: {
        // Libraries change less often than our code: a separate chunk stays cached across releases.
        codeSplitting: {
          groups: [
            { name: 'vendor', test: /[\\/]node_modules[\\/]/ },
            // What the citizen's dossier pages share (forms, drafts, papers, fees): one file rather
            // than five, since on a slow network each request waits its turn for a connection.
            { name: 'dossier-parts', test: /[\\/]web[\\/]src[\\/](dossiers[\\/](?!.*Page\.tsx$|shell\.tsx$|i18n\.ts$|locales\.ts$)[^\\/]+\.tsx?$|upload\.ts$)/, includeDependenciesRecursively: false },
          ],
        },
      },
    },
  },
  server: {
    proxy: { '/api': server, '/auth': server, '/oidc': server },
  },
});
