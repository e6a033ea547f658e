// Packs the repo as npm would and installs the tarball into an empty folder.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

export const root = path.resolve(import.meta.dirname, '..', '..');

/** Returns the consumer folder and the list of files in the tarball. */
export function packAndInstall(): { consumer: string; files: string[] } {
  const consumer = mkdtempSync(path.join(tmpdir(), 'rc-consumer-'));
  // npm test has just built dist/; prepack would rebuild it under the other
  // test files' feet, so pack what is there.
  const packed = JSON.parse(execFileSync('npm', ['pack', '--ignore-scripts', '--json', '--pack-destination', consumer],
    { cwd: root, encoding: 'utf8' }));
  writeFileSync(path.join(consumer, 'package.json'), JSON.stringify({ name: 'consumer', private: true, type: 'module' }));
  execFileSync('npm', ['install', '--no-audit', '--no-fund', '--offline', path.join(consumer, packed[0].filename)],
    { cwd: consumer, stdio: 'pipe' });
  return { consumer, files: packed[0].files.map((f: { path: string }) => f.path) };
}
