// The playground: `npx vite --config web/vite.config.ts` (dev) or
// `npx vite build --config web/vite.config.ts` (into build/web/).
// It imports the library from the built package in dist/ (node scripts/build.mjs).
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

const webDir = fileURLToPath(new URL('.', import.meta.url));
const repoRoot = fileURLToPath(new URL('..', import.meta.url));
const library = fileURLToPath(new URL('../dist/index.js', import.meta.url));

export default defineConfig({
  root: webDir,
  base: './',
  publicDir: 'public',
  resolve: {
    // Exact match only, so 'relativistic-critic/wasm' is not rewritten.
    alias: [{ find: /^relativistic-critic$/, replacement: library }],
  },
  // The worker imports the library (and its .wasm) like the page does.
  worker: { format: 'es' },
  build: {
    target: 'es2022',
    // No data: URLs (KaTeX's small fonts): the page runs under a strict CSP.
    assetsInlineLimit: 0,
    outDir: fileURLToPath(new URL('../build/web', import.meta.url)),
    emptyOutDir: true,
  },
  server: {
    fs: { allow: [repoRoot] },
  },
});
