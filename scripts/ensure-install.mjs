#!/usr/bin/env node
// Installs what `npm run demo` and `npm test` need, only when it is missing:
// the npm dependencies (when the lockfile is newer than node_modules) and, with --browser,
// Debian's Chromium for the browser tests and poppler-utils for the report-PDF tests.
import { execSync } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const run = (command) => execSync(command, { cwd: root, stdio: 'inherit' });

const marker = resolve(root, 'node_modules/.package-lock.json');
const lock = resolve(root, 'package-lock.json');
const needed = ['vitest', 'typescript', '@nestjs/core', 'react-admin', 'vite'].some(
  (pkg) => !existsSync(resolve(root, 'node_modules', pkg, 'package.json')),
);
if (needed || !existsSync(marker) || (existsSync(lock) && statSync(lock).mtimeMs > statSync(marker).mtimeMs)) {
  console.log('Installing dependencies (npm install, from the lockfile)…');
  // Not `npm ci`: npm 11 writes lockfiles without the other platforms' optional @swc/core binaries and
  // then refuses them in `npm ci`; `npm install` installs the locked versions all the same.
  run('npm install --no-audit --no-fund');
}

if (process.argv.includes('--browser')) {
  // Debian packages the full test run needs: Chromium for the browser tests, and Poppler's pdftotext,
  // pdfinfo and pdffonts (poppler-utils), with which the report-PDF tests read the PDFs back.
  const chromium = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
  const onPath = (command) => {
    try {
      execSync(`command -v ${command}`, { stdio: 'ignore', shell: '/bin/sh' });
      return true;
    } catch {
      return false;
    }
  };
  const missing = [];
  if (!existsSync(chromium))
    missing.push({ pkg: 'chromium', why: `the browser tests need Chromium at ${chromium} (or set CHROMIUM_PATH)` });
  if (!['pdftotext', 'pdfinfo', 'pdffonts'].every(onPath))
    missing.push({
      pkg: 'poppler-utils',
      why: 'the report-PDF tests read PDFs back with pdftotext, pdfinfo and pdffonts',
    });
  if (missing.length > 0) {
    const packages = missing.map((m) => m.pkg).join(' ');
    const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
    if (!isRoot) {
      for (const m of missing) console.error(`Missing Debian package ${m.pkg}: ${m.why}.`);
      console.error(`Run "sudo apt-get update && sudo apt-get install -y ${packages}".`);
      process.exit(1);
    }
    console.log(`Installing Debian's ${packages} for the tests…`);
    run(`apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq ${packages}`);
  }
}
