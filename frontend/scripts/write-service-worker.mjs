// After `ng build`: writes sw.js into the built app from src/service-worker/sw.js, with the list of every built
// file (so the worker caches them all when it installs) and a version that changes with the build's content.
import { createHash } from 'node:crypto';
import { readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

const dir = process.argv[2];
if (!dir) throw new Error('usage: node scripts/write-service-worker.mjs <built app folder>');
const here = dirname(fileURLToPath(import.meta.url));
const template = readFileSync(join(here, '..', 'src', 'service-worker', 'sw.js'), 'utf8');
const skipped = /(\.(br|gz|map)|^sw\.js|^3rdpartylicenses\.txt|^prerendered-routes\.json)$/;

const files = readdirSync(dir, { recursive: true })
  .map(String)
  .filter((name) => statSync(join(dir, name)).isFile() && !skipped.test(name))
  .sort();
const hash = createHash('sha256');
files.forEach((name) => hash.update(name).update(readFileSync(join(dir, name))));
const urls = files.map((name) => `/${relative(dir, join(dir, name)).split(sep).join('/')}`);
const worker = template
  .replace("'__VERSION__'", JSON.stringify(hash.digest('hex').slice(0, 16)))
  .replace("['__PRECACHE__']", JSON.stringify(urls));
writeFileSync(join(dir, 'sw.js'), worker);
console.log(`Service worker: ${urls.length} files cached for offline use.`);
