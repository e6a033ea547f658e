// Installs what the build and the tests need and is missing: Debian packages
// with apt-get (as root), npm packages with npm ci. Without root it prints
// the exact command to run instead.
//   node scripts/setup.mjs            what `npm start` needs
//   node scripts/setup.mjs --test     plus the native test libraries and Chromium
import { existsSync, statSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { has, root, run } from './lib.mjs';

// [Debian package, how to tell it is there]
const BUILD = [
  ['emscripten', () => has('em++')],
  ['cmake', () => has('cmake')],
  ['make', () => has('make')],
];
const TEST = [
  ['g++', () => has('g++')],
  ['libgtest-dev', () => existsSync('/usr/include/gtest/gtest.h')],
  ['libmpfr-dev', () => existsSync('/usr/include/mpfr.h')],
  ['chromium', () => existsSync('/usr/bin/chromium')],
];

function aptInstall(packages) {
  if (packages.length === 0) return;
  const command = `apt-get update && apt-get install -y ${packages.join(' ')}`;
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  if (!isRoot || !has('apt-get')) {
    console.error(`\nMissing system packages: ${packages.join(', ')}.`);
    console.error(`Install them with:\n\n  sudo sh -c '${command}'\n\nthen run this command again.`);
    process.exit(1);
  }
  console.log(`setup: installing ${packages.join(' ')} with apt-get`);
  run('sh', ['-c', command], { env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
}

function npmInstall() {
  const installed = path.join(root, 'node_modules', '.package-lock.json');
  const lock = path.join(root, 'package-lock.json');
  if (existsSync(installed) && statSync(installed).mtimeMs >= statSync(lock).mtimeMs) return;
  console.log('setup: installing npm dev dependencies (npm ci)');
  run('npm', ['ci', '--no-audit', '--no-fund']);
}

export function setup({ test = false } = {}) {
  const wanted = test ? [...BUILD, ...TEST] : BUILD;
  aptInstall(wanted.filter(([, present]) => !present()).map(([name]) => name));
  npmInstall();
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) {
  setup({ test: process.argv.includes('--test') });
}
