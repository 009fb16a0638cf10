#!/usr/bin/env node
// Browser tests: build the web app, then run the e2e suite in Chromium (CHROMIUM_PATH, default
// Debian's /usr/bin/chromium). Screenshots go to test-artifacts/.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';

const chromium = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const optional = process.argv.includes('--if-browser');
const args = process.argv.slice(2).filter((a) => a !== '--if-browser');
if (!fs.existsSync(chromium)) {
  const message = `Chromium not found at ${chromium}. Install Debian's package (apt-get install -y chromium) or set CHROMIUM_PATH.`;
  // Inside `npm test` on a machine without a browser, say so loudly and go on; CI always has one.
  if (optional && process.env.CI !== 'true') {
    console.warn(`\nSKIPPED browser tests: ${message}\n`);
    process.exit(0);
  }
  console.error(message);
  process.exit(1);
}
const run = (cmd, args) => {
  const r = spawnSync(cmd, args, { stdio: 'inherit', shell: false });
  if (r.status !== 0) process.exit(r.status ?? 1);
};
run('npm', ['run', 'build:web']);
run('npx', ['vitest', 'run', '--config', 'vitest.e2e.config.ts', ...args]);
