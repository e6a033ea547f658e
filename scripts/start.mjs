// npm start: set up what is missing, build, and serve the playground with
// Vite's dev server (it prints the URL).
import path from 'node:path';
import { build } from './build.mjs';
import { root, run } from './lib.mjs';
import { setup } from './setup.mjs';

setup();
build();
run(process.execPath, [path.join(root, 'node_modules', 'vite', 'bin', 'vite.js'),
  '--config', path.join(root, 'web', 'vite.config.ts'), ...process.argv.slice(2)]);
