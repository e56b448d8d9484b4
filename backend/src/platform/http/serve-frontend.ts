import type { NestExpressApplication } from '@nestjs/platform-express';
import express from 'express';
import { existsSync } from 'node:fs';
import { join } from 'node:path';

/** Serves the built Angular app at `/` with an SPA fallback; the API, docs, health and metrics win. */
export function serveFrontend(app: NestExpressApplication, dir: string): void {
  const index = join(dir, 'index.html');
  const isApiPath = (path: string) => /^\/(api|health|metrics)(\/|$)/.test(path);
  app.use(express.static(dir, { index: false, maxAge: '1h' }));
  app.use((request: express.Request, response: express.Response, next: express.NextFunction) => {
    if (request.method !== 'GET' || isApiPath(request.path)) return next();
    if (!existsSync(index)) {
      response.status(503).type('text').send('The web app is not built yet: run `npm run build -w frontend` (npm start does it).');
      return;
    }
    response.setHeader('Cache-Control', 'no-cache');
    response.sendFile(index);
  });
}
