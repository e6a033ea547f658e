// Builds the wasm module (Emscripten + CMake), compiles the TypeScript
// wrapper and assembles the npm package in dist/.
import { copyFileSync, existsSync, mkdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { root, run } from './lib.mjs';

const wasmDir = path.join(root, 'build', 'wasm');
const dist = path.join(root, 'dist');
const GLUE = ['relativistic_critic.mjs', 'relativistic_critic.wasm'];

export function build() {
  if (!existsSync(path.join(wasmDir, 'CMakeCache.txt'))) {
    run('emcmake', ['cmake', '-S', '.', '-B', wasmDir, '-DCMAKE_BUILD_TYPE=Release']);
  }
  run('cmake', ['--build', wasmDir, '-j2']);
  rmSync(dist, { recursive: true, force: true });
  mkdirSync(dist, { recursive: true });
  run(process.execPath, [path.join(root, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', 'tsconfig.json']);
  // The glue is shipped unchanged beside the wrapper, with its hand-written types.
  for (const file of GLUE) copyFileSync(path.join(wasmDir, file), path.join(dist, file));
  copyFileSync(path.join(root, 'js', 'relativistic_critic.d.mts'), path.join(dist, 'relativistic_critic.d.mts'));
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) {
  build();
  console.log('build: dist/ is ready');
}
