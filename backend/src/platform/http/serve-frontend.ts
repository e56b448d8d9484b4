import type { NestExpressApplication } from '@nestjs/platform-express';
import express from 'express';
import { existsSync } from 'node:fs';
import { extname, join, normalize } from 'node:path';

/** Angular's output names: `main-ABCD1234.js`, `chunk-….js`, `styles-….css`: their content never changes under a name. */
const hashed = /-[A-Z0-9]{8,}\.(js|mjs|css)$/;
const encodings = [
  { token: 'br', suffix: '.br' },
  { token: 'gzip', suffix: '.gz' },
] as const;

/** Whether `Accept-Encoding` allows `token` (listed, and not with q=0). */
export function accepts(header: string | undefined, token: string): boolean {
  return (header ?? '').split(',').some((part) => {
    const [name, ...params] = part.trim().split(';');
    const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
    return name.trim().toLowerCase() === token && (q === undefined || Number(q.slice(2)) > 0);
  });
}

const isApiPath = (path: string) => /^\/(api|health|metrics)(\/|$)/.test(path);

/**
 * Sends the precompressed copy of a built file (`scripts/precompress.mjs`) when the browser accepts it: the same
 * bytes every time, compressed once at build instead of on every request.
 */
function precompressed(dir: string): express.RequestHandler {
  return (request, response, next) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') return next();
    let path: string;
    try {
      path = normalize(decodeURIComponent(request.path));
    } catch {
      return next();
    }
    if (path.includes('..') || path.endsWith('/')) return next();
    for (const { token, suffix } of encodings) {
      if (!accepts(request.headers['accept-encoding'], token) || !existsSync(join(dir, path + suffix))) continue;
      response.type(extname(path));
      response.setHeader('Content-Encoding', token);
      response.setHeader('Vary', 'Accept-Encoding');
      request.url = `${path}${suffix}`;
      break;
    }
    next();
  };
}

/**
 * Serves the built Angular app at `/` with an SPA fallback; the API, docs, health and metrics win. Hashed files are
 * cached for a year (a new build has new names); `index.html`, which names them, is revalidated on every load.
 */
export function serveFrontend(app: NestExpressApplication, dir: string): void {
  const index = join(dir, 'index.html');
  const frontend = express.Router();
  frontend.use(precompressed(dir));
  frontend.use(
    express.static(dir, {
      index: false,
      setHeaders: (response, path) => {
        const original = path.replace(/\.(br|gz)$/, '');
        response.setHeader('Cache-Control', hashed.test(original) ? 'public, max-age=31536000, immutable' : 'no-cache');
        if (original !== path) response.setHeader('Vary', 'Accept-Encoding');
      },
    }),
  );
  frontend.use((request: express.Request, response: express.Response, next: express.NextFunction) => {
    if (request.method !== 'GET') return next();
    if (!existsSync(index)) {
      response.status(503).type('text').send('The web app is not built yet: run `npm run build -w frontend` (npm start does it).');
      return;
    }
    response.setHeader('Cache-Control', 'no-cache');
    const encoding = encodings.find(
      ({ token, suffix }) => accepts(request.headers['accept-encoding'], token) && existsSync(index + suffix),
    );
    if (!encoding) return response.sendFile(index);
    response.type('html');
    response.setHeader('Content-Encoding', encoding.token);
    response.setHeader('Vary', 'Accept-Encoding');
    response.sendFile(index + encoding.suffix);
  });
  // The API, docs, health and metrics win, and their requests never look for a file on disk.
  app.use((request: express.Request, response: express.Response, next: express.NextFunction) =>
    isApiPath(request.path) ? next() : frontend(request, response, next),
  );
}
