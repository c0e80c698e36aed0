/**
 * One process at a time on an embedded data folder. PGlite keeps the database in memory and
 * writes it back to the folder, so a second process opening the same folder sees a stale copy
 * and the last one to close overwrites the other's writes (a token the server never knew of, a
 * run that reads as unfinished). The lock is a file beside the folder naming its holder; a
 * holder that died (kill -9) leaves a file whose process is gone, which the next opener takes over.
 */
import { open, readFile, unlink } from 'node:fs/promises';
import { readFileSync, unlinkSync } from 'node:fs';
import { hostname } from 'node:os';
import { z } from 'zod';
import { LockedError, StorageError } from '../core/errors';

const Holder = z.object({ pid: z.number().int().positive(), host: z.string(), command: z.string(), since: z.string() });
type Holder = z.infer<typeof Holder>;

export interface DataFolderLock {
  readonly path: string;
  /** Idempotent. */
  release(): Promise<void>;
}

function isAlive(holder: Holder): boolean {
  // On another machine (a shared folder) nothing can be checked from here: assume it runs.
  if (holder.host !== hostname()) return true;
  try {
    process.kill(holder.pid, 0);
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
  // A reused pid: the process living under it now is not node, so not the holder.
  try {
    return readFileSync(`/proc/${holder.pid}/cmdline`, 'utf8').includes('node');
  } catch {
    return true;
  }
}

async function readHolder(path: string): Promise<Holder | null> {
  try {
    const parsed = Holder.safeParse(JSON.parse(await readFile(path, 'utf8')));
    return parsed.success ? parsed.data : null;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    // Half-written by a holder killed while writing it: nobody holds it.
    if (error instanceof SyntaxError) return null;
    throw error;
  }
}

/** The command line as people typed it, to say who holds the folder. */
function describeCommand(): string {
  const args = process.argv.slice(2).join(' ');
  return args ? `sohoa ${args}` : 'sohoa';
}

export async function lockDataFolder(folder: string): Promise<DataFolderLock> {
  const path = `${folder}.lock`;
  const me: Holder = { pid: process.pid, host: hostname(), command: describeCommand(), since: new Date().toISOString() };
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const handle = await open(path, 'wx');
      await handle.writeFile(JSON.stringify(me));
      await handle.close();
      return heldLock(path, me);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw new StorageError(`cannot lock the data folder ${folder}: ${(error as Error).message}`, error);
    }
    const holder = await readHolder(path);
    if (holder && holder.pid === process.pid && holder.host === me.host) {
      throw new LockedError(`the data folder ${folder} is already open in this process; close it before opening it again`);
    }
    if (holder && isAlive(holder)) {
      throw new LockedError(
        `the data folder ${folder} is in use by another sohoa process (pid ${holder.pid} on ${holder.host}: ${holder.command}, since ${holder.since}). ` +
          'Two processes on one embedded database lose each other\'s writes: stop that process first, or, while a server runs, go through its API ' +
          '(as admin, POST /api/users or POST /api/users/:id/tokens instead of `sohoa token create`; uploads instead of `sohoa run`), or use PostgreSQL (DATABASE_URL) to share one database',
      );
    }
    await unlink(path).catch(() => undefined);
  }
  throw new LockedError(`the data folder ${folder} was locked by another process starting at the same moment; try again`);
}

function heldLock(path: string, me: Holder): DataFolderLock {
  let released = false;
  // A process that exits without closing (an uncaught error) still gives the folder back.
  const onExit = () => {
    try {
      if (JSON.parse(readFileSync(path, 'utf8')).pid === me.pid) unlinkSync(path);
    } catch {
      // Already gone.
    }
  };
  process.once('exit', onExit);
  return {
    path,
    async release() {
      if (released) return;
      released = true;
      process.removeListener('exit', onExit);
      const holder = await readHolder(path);
      if (holder?.pid === me.pid && holder.since === me.since) await unlink(path).catch(() => undefined);
    },
  };
}
