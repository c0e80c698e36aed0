/** Locates files that ship with sohoa, whether running from dist/ or from sources under test. */
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';

function findPackageRoot(start: string): string {
  let dir = start;
  while (!existsSync(join(dir, 'package.json'))) {
    const parent = dirname(dir);
    if (parent === dir) throw new Error(`no package.json above ${start}`);
    dir = parent;
  }
  return dir;
}

export const PACKAGE_ROOT = findPackageRoot(__dirname);

export function shippedFile(...parts: string[]): string {
  return join(PACKAGE_ROOT, ...parts);
}
