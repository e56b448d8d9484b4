import { BadRequestException, INestApplication, LogLevel, RequestMethod, ValidationError, ValidationPipe } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import express from 'express';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { AppModule } from './app.module';
import { AllExceptionsFilter } from './common/all-exceptions.filter';
import { APP_CONFIG, type AppConfig } from './config/app-config';
import { RealtimeWsAdapter } from './realtime/realtime-ws.adapter';

const levels: LogLevel[] = ['fatal', 'error', 'warn', 'log', 'debug', 'verbose'];

function flattenErrors(errors: ValidationError[], prefix = ''): string[] {
  return errors.flatMap((error) => [
    ...Object.values(error.constraints ?? {}).map((message) => (prefix ? `${prefix}.${message}` : message)),
    ...flattenErrors(error.children ?? [], prefix ? `${prefix}.${error.property}` : error.property),
  ]);
}

/** Body-parser failures never reach Nest's filters; answer them here without the parser's own message. */
function bodyParserErrors(error: unknown, _request: express.Request, response: express.Response, next: express.NextFunction): void {
  const type = (error as { type?: unknown })?.type;
  if (type === 'entity.too.large') {
    response.status(413).json({ statusCode: 413, error: 'Payload Too Large', message: 'Request body is too large' });
  } else if (typeof type === 'string') {
    response.status(400).json({ statusCode: 400, error: 'Bad Request', message: 'Malformed JSON body' });
  } else {
    next(error);
  }
}

/** Serves the built Angular app at `/` with an SPA fallback; the API, docs, health and metrics win. */
function serveFrontend(app: NestExpressApplication, dir: string): void {
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

export async function createApp(): Promise<INestApplication> {
  const app = await NestFactory.create<NestExpressApplication>(AppModule, { bodyParser: false, bufferLogs: true });
  const config = app.get<AppConfig>(APP_CONFIG);
  app.useLogger(levels.slice(0, levels.indexOf(config.logLevel) + 1));
  app.set('trust proxy', 'loopback');
  app.disable('x-powered-by');
  app.use(express.json({ limit: '64kb' }));
  app.use(bodyParserErrors);
  app.setGlobalPrefix('api', {
    exclude: [
      { path: 'health', method: RequestMethod.GET },
      { path: 'health/ready', method: RequestMethod.GET },
      { path: 'metrics', method: RequestMethod.GET },
    ],
  });
  app.useGlobalPipes(
    new ValidationPipe({
      whitelist: true,
      forbidNonWhitelisted: true,
      transform: true,
      exceptionFactory: (errors) => new BadRequestException(flattenErrors(errors)),
    }),
  );
  app.useGlobalFilters(new AllExceptionsFilter());
  if (config.corsOrigins.length > 0) app.enableCors({ origin: config.corsOrigins, credentials: false });
  app.useWebSocketAdapter(new RealtimeWsAdapter(app, config));
  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder().setTitle('TaskPulse API').setVersion('1').addBearerAuth().build(),
  );
  SwaggerModule.setup('api/docs', app, document);
  serveFrontend(app, config.frontendDir ?? join(__dirname, '..', '..', 'frontend', 'dist', 'browser'));
  // useProcessExit: exit 0 once the hooks are done, instead of re-raising the signal (which exits 143).
  app.enableShutdownHooks(['SIGTERM', 'SIGINT'], { useProcessExit: true });
  return app;
}
