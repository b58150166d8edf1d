/**
 * Runs the client build when client/build is missing or older than any client source, so that
 * `npm start` on a fresh clone just works and later starts skip the build.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(fileURLToPath(import.meta.url), '../../../..');
const output = path.join(root, 'client/build/handler.js');
const sources = [
  'client/src',
  'client/static',
  'client/vite.config.ts',
  'client/package.json',
  'shared/src',
].map((entry) => path.join(root, entry));

function newestChange(entry: string): number {
  if (!fs.existsSync(entry)) {
    return 0;
  }
  const stats = fs.statSync(entry);
  if (!stats.isDirectory()) {
    return stats.mtimeMs;
  }
  return fs
    .readdirSync(entry)
    .reduce((newest, child) => Math.max(newest, newestChange(path.join(entry, child))), stats.mtimeMs);
}

const builtAt = fs.existsSync(output) ? fs.statSync(output).mtimeMs : 0;
const changedAt = Math.max(...sources.map(newestChange));
if (builtAt < changedAt) {
  console.log(builtAt ? 'Client sources changed: rebuilding…' : 'First start: building the client…');
  execFileSync('npm', ['run', 'build', '-w', '@smartket/client'], { cwd: root, stdio: 'inherit' });
}
