/**
 * Fault suite: a second process on one embedded data folder. PGlite keeps the database in
 * memory, so two processes on one folder lost each other's writes (a token printed by
 * `sohoa token create` that the running server rejected, and that vanished when it stopped).
 */
import { spawn } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { openRepository } from '../../store/open-database';
import { runCli } from '../helpers/cli';

describe('the embedded data folder', () => {
  let data = '';
  beforeAll(async () => {
    data = await mkdtemp(join(tmpdir(), 'sohoa-lock-'));
  });
  afterAll(async () => {
    await rm(data, { recursive: true, force: true });
  });

  it('refuses a second process with a message saying who holds it and what to do instead', async () => {
    const repo = await openRepository({ kind: 'pglite', dataDir: join(data, 'db') });
    try {
      const second = await runCli(['token', 'create', '--name', 'lan', '--role', 'reviewer', '--data', data]);
      expect(second.code).toBe(2);
      expect(second.stdout).toBe('');
      expect(second.stderr).toContain(`the data folder ${join(data, 'db')} is in use by another sohoa process (pid ${process.pid}`);
      expect(second.stderr).toContain('POST /api/users');
    } finally {
      await repo.close();
    }
    // Given back on close, and the refused command wrote nothing.
    const reopened = await openRepository({ kind: 'pglite', dataDir: join(data, 'db') });
    try {
      expect(await reopened.access.findUser('lan')).toBeNull();
    } finally {
      await reopened.close();
    }
  });

  it('takes over the lock of a holder that was killed', async () => {
    const dead = spawn(process.execPath, ['-e', '0']);
    const pid = await new Promise<number>((resolve) => dead.on('exit', () => resolve(dead.pid!)));
    await writeFile(`${join(data, 'db')}.lock`, JSON.stringify({ pid, host: hostname(), command: 'sohoa serve', since: new Date().toISOString() }));
    const repo = await openRepository({ kind: 'pglite', dataDir: join(data, 'db') });
    await repo.close();
  });
});
