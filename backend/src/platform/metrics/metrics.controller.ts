import { Controller, Get, Headers, Inject, Res, UnauthorizedException } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { createHash, timingSafeEqual } from 'node:crypto';
import type { Response } from 'express';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { Public } from '../http/public.decorator';
import { MetricsService } from './metrics.service';

const digest = (text: string) => createHash('sha256').update(text).digest();

/** `/metrics` for Prometheus; with METRICS_TOKEN set, only for a scraper presenting it as a bearer token. */
@ApiExcludeController()
@Controller('metrics')
export class MetricsController {
  constructor(
    private readonly metrics: MetricsService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @Public()
  @Get()
  scrape(@Res({ passthrough: true }) response: Response, @Headers('authorization') authorization?: string): Promise<string> {
    if (this.config.metricsToken !== null) {
      const given = /^Bearer (\S+)$/i.exec(authorization ?? '')?.[1] ?? '';
      // Digests of equal length, so the comparison takes the same time whatever was sent.
      if (!timingSafeEqual(digest(given), digest(this.config.metricsToken))) throw new UnauthorizedException('Metrics token required');
    }
    response.setHeader('Content-Type', 'text/plain; version=0.0.4; charset=utf-8');
    return this.metrics.registry.metrics();
  }
}
