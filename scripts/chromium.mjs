// Debian's Chromium driven by playwright-core, with the flags this machine
// needs (toolchain notes): without the background-networking ones Chromium
// keeps trying to reach hosts it cannot reach. Used by the browser tests and
// the browser benchmark.
import { chromium } from 'playwright-core';

export const CHROMIUM_FLAGS = [
  '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync',
];

export const CHROMIUM_PATH = '/usr/bin/chromium';

/** @returns {Promise<import('playwright-core').Browser>} */
export function launchChromium() {
  return chromium.launch({ executablePath: CHROMIUM_PATH, headless: true, args: CHROMIUM_FLAGS });
}

/**
 * Collects console errors and warnings and uncaught page errors into `problems`.
 * @param {import('playwright-core').Page} page
 * @param {string[]} problems
 */
export function watch(page, problems) {
  page.on('console', (msg) => {
    if (msg.type() === 'error' || msg.type() === 'warning') problems.push(`console.${msg.type()}: ${msg.text()}`);
  });
  page.on('pageerror', (error) => problems.push(`pageerror: ${error.message}`));
  return page;
}
