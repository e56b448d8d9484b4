import { Controller, Get } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { HealthCheck, HealthCheckService, HealthIndicatorService } from '@nestjs/terminus';
import { DatabaseProbe } from '../database/database-probe';
import { Public } from '../http/public.decorator';
import { ReadinessChecks } from './readiness-checks';

@ApiTags('health')
@Public()
@Controller('health')
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly indicators: HealthIndicatorService,
    private readonly database: DatabaseProbe,
    private readonly extraChecks: ReadinessChecks,
  ) {}

  /** Liveness: the process answers. */
  @Get()
  live(): { status: 'ok' } {
    return { status: 'ok' };
  }

  /** Readiness: the database answers (and every other dependency registered in ReadinessChecks). */
  @Get('ready')
  @HealthCheck()
  ready() {
    const extra = this.extraChecks.all().map((check) => async () => {
      const indicator = this.indicators.check(check.name);
      return (await check.probe().catch(() => false)) ? indicator.up() : indicator.down({ message: `${check.name} unreachable` });
    });
    return this.health.check([() => this.databaseIndicator(), ...extra]);
  }

  private async databaseIndicator() {
    const indicator = this.indicators.check('database');
    try {
      await this.database.ping();
      return indicator.up();
    } catch {
      return indicator.down({ message: 'database unreachable' });
    }
  }
}
