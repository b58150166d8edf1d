/**
 * `npm run dev`: the server in watch mode on API_PORT (default 3001) and the Vite dev server on
 * PORT (default 3000) proxying /api and /socket.io to it. Ctrl+C stops both.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(fileURLToPath(import.meta.url), '../../../..');
const apiPort = process.env.API_PORT ?? '3001';
const webPort = process.env.PORT ?? '3000';

const children: ChildProcess[] = [
  spawn(process.execPath, ['--watch', 'server/src/main.ts'], {
    cwd: root,
    stdio: 'inherit',
    env: {
      ...process.env,
      PORT: apiPort,
      TRUSTED_ORIGINS: `http://localhost:${webPort},http://127.0.0.1:${webPort}`,
    },
  }),
  spawn('npm', ['run', 'dev', '-w', '@smartket/client', '--', '--port', webPort, '--strictPort'], {
    cwd: root,
    stdio: 'inherit',
    env: { ...process.env, SMARTKET_API_PORT: apiPort },
  }),
];

const stop = (signal: NodeJS.Signals) => {
  for (const child of children) {
    child.kill(signal);
  }
};
process.on('SIGINT', () => stop('SIGINT'));
process.on('SIGTERM', () => stop('SIGTERM'));
for (const child of children) {
  child.on('exit', (code) => {
    stop('SIGTERM');
    process.exitCode = code ?? 0;
  });
}
