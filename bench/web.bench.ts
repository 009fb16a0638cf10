/**
 * Page weight and Largest Contentful Paint of the citizen pages, in headless Chromium on loopback,
 * with the network throttled through the DevTools protocol. Baseline, measured in the same run: a
 * static HTML page of the same text (the rendered page with its scripts taken out, same style sheet)
 * served by the same server, so the figures say what the JavaScript application costs over plain HTML.
 *
 *   npm run build:web && npx tsx bench/web.bench.ts      (BENCH_WEB_RUNS=5 for more loads per page)
 *
 * Builds nothing itself: without web/dist it says so and stops. Starts the real server (buildApp) on
 * 127.0.0.1 with the embedded database (PGlite, in memory, demo data; development settings, so the
 * built-in identity provider signs the citizen in), publishes one procedure for the
 * procedure and apply pages, and signs in as a demo citizen for the pages behind sign-in. Every load
 * is cold (browser cache disabled). `run()` returns the figures for a bench runner.
 */
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { buildApp } from '../src/app.js';
import { loadConfig } from '../src/config.js';
import { openDatabase } from '../src/db/database.js';
import { signPlatformToken } from '../src/platform/auth/tokens.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const WEB_DIST = path.resolve(here, '../web/dist');
const PROCEDURE = '2.001263';

/** DevTools protocol network conditions; throughput in bytes per second, latency in ms per request. */
export interface Profile {
  readonly name: string;
  readonly latencyMs: number;
  readonly downloadBps: number;
  readonly uploadBps: number;
}

/** Chrome DevTools' "Slow 3G" preset (400 kbit/s, 2 s round trip) and "Fast 3G" (1.44 Mbit/s, 562.5 ms). */
export const PROFILES: readonly Profile[] = [
  { name: 'slow-3g', latencyMs: 2000, downloadBps: (400 * 1000) / 8, uploadBps: (400 * 1000) / 8 },
  { name: 'fast-3g', latencyMs: 562.5, downloadBps: (1440 * 1000) / 8, uploadBps: (675 * 1000) / 8 },
];

export const TARGETS = { jsGzipKb: 150, lcpMs: 2500, lcpProfile: 'fast-3g' } as const;

export interface PageFigures {
  readonly page: string;
  readonly path: string;
  readonly scripts: number;
  /** JavaScript bytes as transferred (the server sends the pre-compressed Brotli copies). */
  readonly jsTransferredKb: number;
  /** The same scripts gzip -9 compressed, for the target (browsers without Brotli get these). */
  readonly jsGzipKb: number;
  readonly jsUncompressedKb: number;
  /** Median LCP per profile, the application and the static baseline of the same text. */
  readonly lcp: Record<string, { appMs: number; baselineMs: number }>;
}

export interface WebBenchResult {
  readonly name: 'web.pages';
  readonly runs: number;
  readonly profiles: readonly Profile[];
  readonly pages: readonly PageFigures[];
  readonly targets: typeof TARGETS;
  readonly jsTargetMet: boolean;
  readonly lcpTargetMet: boolean;
}

const PAGES: readonly { page: string; path: string; signedIn: boolean; ready: string }[] = [
  { page: 'home', path: '/', signedIn: false, ready: 'main h1' },
  { page: 'search', path: '/thu-tuc?q=chung%20thuc', signedIn: false, ready: '#cat-results a' },
  { page: 'procedure', path: `/thu-tuc/${PROCEDURE}`, signedIn: false, ready: 'main h1' },
  { page: 'apply', path: `/thu-tuc/${PROCEDURE}/nop-ho-so`, signedIn: true, ready: 'main form' },
  { page: 'my dossiers', path: '/ho-so-cua-toi', signedIn: true, ready: 'main h1' },
  { page: 'lookup', path: '/tra-cuu', signedIn: false, ready: 'main form' },
];

const kb = (bytes: number) => Math.round(bytes / 102.4) / 10;
const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length === 0 ? NaN : s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
};

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
  });
}

/** Records every LCP candidate from the start of the navigation; the last one is the page's LCP. */
const LCP_OBSERVER = `
  window.__lcp = 0;
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) window.__lcp = e.startTime;
  }).observe({ type: 'largest-contentful-paint', buffered: true });
`;

async function throttle(page: Page, profile: Profile | null) {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
  if (profile) {
    await cdp.send('Network.emulateNetworkConditions', {
      offline: false,
      latency: profile.latencyMs,
      downloadThroughput: profile.downloadBps,
      uploadThroughput: profile.uploadBps,
    });
  }
}

/** Loads a page cold, waits until its content is shown and the network is quiet, and reads its LCP. */
async function loadAndMeasure(page: Page, url: string, ready: string | null): Promise<number> {
  await page.goto(url, { waitUntil: 'load', timeout: 120_000 });
  if (ready) await page.locator(ready).first().waitFor({ timeout: 120_000 });
  await page.waitForLoadState('networkidle', { timeout: 120_000 });
  // LCP entries are queued after the paint: wait for the observer to have one.
  await page.waitForFunction(() => (window as unknown as { __lcp: number }).__lcp > 0, undefined, { timeout: 30_000 });
  await page.waitForTimeout(300);
  return page.evaluate(() => (window as unknown as { __lcp: number }).__lcp);
}

async function signIn(context: BrowserContext, baseUrl: string, username: string) {
  const page = await context.newPage();
  await page.goto(`${baseUrl}/auth/login?returnTo=${encodeURIComponent('/tai-khoan')}`);
  await page.getByLabel(/Tên đăng nhập/).fill(username);
  await page.getByRole('button', { name: /^Đăng nhập/ }).click();
  await page.waitForURL(`${baseUrl}/tai-khoan`);
  await page.close();
}

export async function run(options: { runs?: number; log?: (line: string) => void } = {}): Promise<WebBenchResult> {
  const runs = options.runs ?? Number(process.env.BENCH_WEB_RUNS ?? 3);
  const log = options.log ?? (() => undefined);
  if (!fs.existsSync(path.join(WEB_DIST, 'index.html'))) {
    throw new Error('web/dist is missing: run `npm run build:web` first (this benchmark measures the built app and builds nothing itself).');
  }
  const port = await freePort();
  const config = loadConfig({ NODE_ENV: 'development', LOG_LEVEL: 'silent', PORT: String(port), MOTCUA_SEED_DEMO: 'always', MOTCUA_SECRET: 'bench-secret-'.padEnd(40, 'x') });
  const database = await openDatabase({ kind: 'pglite', dataDir: null });
  const started = await buildApp(config, { database, web: true });
  // The baseline pages (the rendered text of each page, scripts removed) are files the same server's
  // static handler sends, in a scratch folder of web/dist removed at the end.
  const staticDir = `__bench-web-${process.pid}`;
  fs.mkdirSync(path.join(WEB_DIST, staticDir), { recursive: true });
  await started.app.listen({ port, host: '127.0.0.1' });
  const baseUrl = `http://localhost:${port}`;
  let browser: Browser | null = null;
  try {
    const control = await database.db.selectFrom('people').select('id').where('username', '=', 'kiemsoat.tinh').executeTakeFirstOrThrow();
    await publishProcedure(baseUrl, await signPlatformToken(config.secret, config.publicUrl, control.id, 900));
    browser = await chromium.launch({
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'],
    });
    const anonymous = await browser.newContext({ viewport: { width: 360, height: 780 }, locale: 'vi-VN' });
    const citizen = await browser.newContext({ viewport: { width: 360, height: 780 }, locale: 'vi-VN' });
    await signIn(citizen, baseUrl, 'congdan.an');
    for (const c of [anonymous, citizen]) await c.addInitScript(LCP_OBSERVER);

    const figures: PageFigures[] = [];
    for (const p of PAGES) {
      const context = p.signedIn ? citizen : anonymous;
      // Weight: one unthrottled cold load, every script response counted.
      const page = await context.newPage();
      await throttle(page, null);
      const scripts: Promise<{ transferred: number; body: Buffer }>[] = [];
      page.on('response', (r) => {
        if (r.request().resourceType() !== 'script') return;
        scripts.push((async () => ({ transferred: (await r.request().sizes()).responseBodySize, body: await r.body() }))());
      });
      await loadAndMeasure(page, baseUrl + p.path, p.ready);
      const js = await Promise.all(scripts);
      // The baseline: the same text and style sheet, no script.
      const html = await page.evaluate(() => {
        const doc = document.documentElement.cloneNode(true) as HTMLElement;
        doc.querySelectorAll('script, link[rel="modulepreload"]').forEach((e) => e.remove());
        return `<!doctype html>${doc.outerHTML}`;
      });
      await page.close();
      const name = `${p.page.replace(/\W+/g, '-')}.html`;
      fs.writeFileSync(path.join(WEB_DIST, staticDir, name), html);

      const lcp: PageFigures['lcp'] = {};
      for (const profile of PROFILES) {
        const app: number[] = [];
        const base: number[] = [];
        for (let i = 0; i < runs; i++) {
          for (const [target, into, ready] of [
            [baseUrl + p.path, app, p.ready],
            [`${baseUrl}/${staticDir}/${name}`, base, p.ready],
          ] as const) {
            const tp = await context.newPage();
            await throttle(tp, profile);
            tp.on('pageerror', (e) => log(`${p.page} ${profile.name}: page error: ${e.message}`));
            tp.on('requestfailed', (r) => log(`${p.page} ${profile.name}: request failed: ${r.url()} ${r.failure()?.errorText ?? ''}`));
            into.push(await loadAndMeasure(tp, target, ready));
            await tp.close();
          }
        }
        lcp[profile.name] = { appMs: Math.round(median(app)), baselineMs: Math.round(median(base)) };
        log(`${p.page} ${profile.name}: app ${lcp[profile.name]!.appMs} ms, baseline ${lcp[profile.name]!.baselineMs} ms`);
      }
      figures.push({
        page: p.page,
        path: p.path,
        scripts: js.length,
        jsTransferredKb: kb(js.reduce((a, s) => a + s.transferred, 0)),
        jsGzipKb: kb(js.reduce((a, s) => a + gzipSync(s.body, { level: 9 }).length, 0)),
        jsUncompressedKb: kb(js.reduce((a, s) => a + s.body.length, 0)),
        lcp,
      });
    }
    return {
      name: 'web.pages',
      runs,
      profiles: PROFILES,
      pages: figures,
      targets: TARGETS,
      jsTargetMet: figures.every((f) => f.jsGzipKb <= TARGETS.jsGzipKb),
      lcpTargetMet: figures.every((f) => f.lcp[TARGETS.lcpProfile]!.appMs <= TARGETS.lcpMs),
    };
  } finally {
    fs.rmSync(path.join(WEB_DIST, staticDir), { recursive: true, force: true });
    await browser?.close();
    await started.close();
    await database.close();
  }
}

async function publishProcedure(baseUrl: string, token: string) {
  const headers = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
  const created = await fetch(`${baseUrl}/api/v1/procedures`, {
    method: 'POST',
    headers: { ...headers, 'idempotency-key': `bench-web-${Date.now()}` },
    body: JSON.stringify({
      code: PROCEDURE,
      name: 'Chứng thực bản sao từ bản chính giấy tờ, văn bản',
      field: 'Chứng thực',
      levels: ['province'],
      applicantTypes: ['citizen'],
      onlineLevel: 'full',
      agencies: { competent: { text: 'Sở Tư pháp tỉnh Thái Nguyên', codes: ['H55.02'] }, receiving: { text: null, codes: ['H55.01'] } },
      channels: [
        { channel: 'online', processingTime: { unit: 'working_days', value: 5 }, fees: [{ kind: 'free' }] },
        { channel: 'in_person', processingTime: { unit: 'working_days', value: 5 }, fees: [{ kind: 'free' }] },
      ],
      components: [{ name: 'Bản chính giấy tờ cần chứng thực', originals: 1, copies: 0, required: true }],
      formSchema: { type: 'object', required: ['hoTen'], properties: { hoTen: { type: 'string', title: 'Họ và tên', minLength: 2 } }, additionalProperties: false },
    }),
  });
  if (created.status !== 201) throw new Error(`creating the procedure: ${created.status} ${await created.text()}`);
  const published = await fetch(`${baseUrl}/api/v1/procedures/${PROCEDURE}/publish`, { method: 'POST', headers: { ...headers, 'if-match': created.headers.get('etag')! }, body: '{}' });
  if (published.status !== 200) throw new Error(`publishing the procedure: ${published.status} ${await published.text()}`);
}

function print(r: WebBenchResult) {
  console.log(`Citizen pages, ${r.runs} cold load(s) per page, profile and variant; LCP medians. Baseline: the same text as static HTML, same server.`);
  const profiles = r.profiles.map((p) => p.name);
  console.log(['page', 'scripts', 'JS br (kB)', 'JS gzip (kB)', 'JS raw (kB)', ...profiles.flatMap((p) => [`LCP ${p} app`, `LCP ${p} static`])].join(' | '));
  for (const f of r.pages) {
    console.log([f.page, f.scripts, f.jsTransferredKb, f.jsGzipKb, f.jsUncompressedKb, ...profiles.flatMap((p) => [`${f.lcp[p]!.appMs} ms`, `${f.lcp[p]!.baselineMs} ms`])].join(' | '));
  }
  console.log(`Targets: JS ≤ ${r.targets.jsGzipKb} kB gzip per page: ${r.jsTargetMet ? 'met' : 'NOT met'}; LCP ≤ ${r.targets.lcpMs} ms on ${r.targets.lcpProfile}: ${r.lcpTargetMet ? 'met' : 'NOT met'}.`);
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  try {
    print(await run({ log: (line) => process.stderr.write(`${line}\n`) }));
  } catch (err) {
    console.error(err instanceof Error ? err.message : err);
    process.exit(1);
  }
}
