import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { DataDirInUseError, startEmbeddedPostgres } from '../src/db/embedded.ts';
import { withSqlClient } from '../src/db/sql-client.ts';
import { createLogger } from '../src/lib/logger.ts';

describe('embedded PostgreSQL', () => {
  it('keeps data across restarts and refuses a second start on the same DATA_DIR', async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'smartket-embedded-'));
    const logger = createLogger('silent');
    try {
      const first = await startEmbeddedPostgres({ dataDir, port: 0, logger });
      await withSqlClient(first.adminUrl, async (client) => {
        await client.query('create table kept (note text)');
        await client.query('insert into kept values ($1)', ['sigue aquí']);
      });
      await expect(startEmbeddedPostgres({ dataDir, port: 0, logger })).rejects.toThrow(DataDirInUseError);
      await first.stop();

      const second = await startEmbeddedPostgres({ dataDir, port: 0, logger });
      const rows = await withSqlClient(second.adminUrl, (client) => client.query('select note from kept'));
      expect(rows.rows).toEqual([{ note: 'sigue aquí' }]);
      expect(second.secretKey).toBe(first.secretKey);
      await second.stop();
    } finally {
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  }, 60_000);
});
