import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

interface LockPackage {
  optionalDependencies?: Record<string, string>;
  os?: string[];
  cpu?: string[];
}

const lock = JSON.parse(readFileSync(new URL('../package-lock.json', import.meta.url), 'utf8')) as {
  lockfileVersion: number;
  packages: Record<string, LockPackage>;
};

/**
 * Where npm would look for `name` when installing the package at `path` (its own node_modules, then each
 * parent's, then the root's).
 */
function resolves(path: string, name: string): boolean {
  let dir = path;
  for (;;) {
    if (Object.hasOwn(lock.packages, `${dir ? `${dir}/` : ''}node_modules/${name}`)) return true;
    if (!dir) return false;
    const cut = dir.lastIndexOf('node_modules/');
    dir = cut <= 0 ? '' : dir.slice(0, cut - 1);
  }
}

/**
 * A lockfile written on one platform can drop the native packages of the others (npm/cli#4828): `npm ci` on a
 * Mac or on ARM Linux then installs no compiler or bundler binding and the build fails there. Every optional
 * dependency a locked package declares must itself be locked.
 */
describe('package-lock.json: every platform can install from it', () => {
  it('is a lockfile of version 3 with packages', () => {
    expect(lock.lockfileVersion).toBe(3);
    expect(Object.keys(lock.packages).length).toBeGreaterThan(100);
  });

  it('locks every optional dependency of every locked package (the native bindings of all platforms)', () => {
    const missing: string[] = [];
    for (const [path, pkg] of Object.entries(lock.packages)) {
      for (const name of Object.keys(pkg.optionalDependencies ?? {})) {
        if (!resolves(path, name)) missing.push(`${path || '(root)'} → ${name}`);
      }
    }
    expect(missing).toEqual([]);
  });

  it('holds the bindings of the SWC compiler, the bundler and the CSS minifier for macOS, Linux and Windows', () => {
    const platforms = (prefix: string) =>
      Object.entries(lock.packages)
        .filter(([path, pkg]) => path.startsWith(`node_modules/${prefix}`) && pkg.os)
        .flatMap(([, pkg]) => pkg.os ?? []);
    for (const prefix of ['@swc/core-', '@rolldown/binding-', 'lightningcss-']) {
      for (const os of ['darwin', 'linux', 'win32']) expect(platforms(prefix), `${prefix} on ${os}`).toContain(os);
    }
  });
});
