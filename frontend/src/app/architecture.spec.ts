/// <reference types="node" />
// The layout's dependency rules, checked on the real source files.
import { readFileSync, readdirSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';

const APP = __dirname;

interface Import {
  file: string;
  target: string;
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    return entry.isDirectory() ? sourceFiles(path) : entry.name.endsWith('.ts') ? [path] : [];
  });
}

/** Every relative import (static, dynamic or re-export) as a path under src/app, e.g. `features/tasks/data/task-store`. */
function relativeImports(): Import[] {
  return sourceFiles(APP).flatMap((path) => {
    const text = readFileSync(path, 'utf8');
    const specifiers = [...text.matchAll(/(?:from|import\()\s*'(\.{1,2}\/[^']+)'/g)].map((match) => match[1]);
    return specifiers.map((specifier) => ({
      file: relative(APP, path).split(sep).join('/'),
      target: relative(APP, resolve(dirname(path), specifier))
        .split(sep)
        .join('/'),
    }));
  });
}

function featureOf(path: string): string | null {
  const match = /^features\/([^/]+)(\/|$)/.exec(path);
  return match ? match[1] : null;
}

describe('app layout', () => {
  const imports = relativeImports();

  it('finds the imports it checks', () => {
    expect(imports.some((i) => i.file.startsWith('core/'))).toBe(true);
    expect(imports.some((i) => featureOf(i.file) && featureOf(i.target) && featureOf(i.file) !== featureOf(i.target))).toBe(true);
  });

  it('core depends on no feature and not on the shell', () => {
    const offending = imports.filter(
      (i) => i.file.startsWith('core/') && (i.target.startsWith('features/') || i.target.startsWith('layout/')),
    );

    expect(offending).toEqual([]);
  });

  it('the shell uses features only through their public index', () => {
    const offending = imports.filter((i) => {
      const to = featureOf(i.target);
      return i.file.startsWith('layout/') && to && i.target !== `features/${to}` && i.target !== `features/${to}/index`;
    });

    expect(offending).toEqual([]);
  });

  it("a feature uses another feature only through that feature's public index", () => {
    const offending = imports.filter((i) => {
      const from = featureOf(i.file);
      const to = featureOf(i.target);
      return from && to && from !== to && i.target !== `features/${to}` && i.target !== `features/${to}/index`;
    });

    expect(offending).toEqual([]);
  });
});
