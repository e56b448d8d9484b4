import { INestApplication, LogLevel, RequestMethod } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import express from 'express';
import { join } from 'node:path';
import { AppModule } from './app.module';
import { APP_CONFIG, type AppConfig } from './platform/config/app-config';
import { AllExceptionsFilter } from './platform/http/all-exceptions.filter';
import { bodyParserErrors } from './platform/http/body-parser-errors';
import { compileTrustProxy } from './platform/http/client-address';
import { securityHeaders } from './platform/http/security-headers';
import { serveFrontend } from './platform/http/serve-frontend';
import { validationPipe } from './platform/http/validation.pipe';
import { RealtimeWsAdapter } from './realtime/realtime-ws.adapter';

const levels: LogLevel[] = ['fatal', 'error', 'warn', 'log', 'debug', 'verbose'];

export async function createApp(): Promise<INestApplication> {
  const app = await NestFactory.create<NestExpressApplication>(AppModule, { bodyParser: false, bufferLogs: true });
  const config = app.get<AppConfig>(APP_CONFIG);
  app.useLogger(levels.slice(0, levels.indexOf(config.logLevel) + 1));
  app.set('trust proxy', compileTrustProxy(config.trustProxy));
  app.disable('x-powered-by');
  app.use(...securityHeaders());
  app.use(express.json({ limit: '64kb' }));
  app.use(bodyParserErrors);
  app.setGlobalPrefix('api', {
    exclude: [
      { path: 'health', method: RequestMethod.GET },
      { path: 'health/ready', method: RequestMethod.GET },
      { path: 'metrics', method: RequestMethod.GET },
    ],
  });
  app.useGlobalPipes(validationPipe());
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
