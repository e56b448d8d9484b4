// After `ng build`: writes a Brotli (.br) and a gzip (.gz) copy of every text file of the built web app, so the
// server sends compressed bytes without compressing on each request (platform/http/serve-frontend.ts).
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';

const dir = process.argv[2];
if (!dir) throw new Error('usage: node scripts/precompress.mjs <built app folder>');
const compressible = /\.(js|mjs|css|html|json|svg|txt|map|webmanifest)$/;
let files = 0;
let before = 0;
let after = 0;

for (const name of readdirSync(dir, { recursive: true })) {
  const path = join(dir, String(name));
  if (!compressible.test(path) || !statSync(path).isFile()) continue;
  const bytes = readFileSync(path);
  if (bytes.length < 1024) continue;
  const br = brotliCompressSync(bytes, {
    params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: bytes.length },
  });
  writeFileSync(`${path}.br`, br);
  writeFileSync(`${path}.gz`, gzipSync(bytes, { level: 9 }));
  files += 1;
  before += bytes.length;
  after += br.length;
}
console.log(`Precompressed ${files} files: ${Math.round(before / 1024)} KiB → ${Math.round(after / 1024)} KiB with Brotli.`);
