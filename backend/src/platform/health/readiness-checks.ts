import { Injectable } from '@nestjs/common';

/** A dependency the instance cannot serve without; `probe` answers whether it is reachable now. */
export interface ReadinessCheck {
  name: string;
  probe: () => Promise<boolean>;
}

/** Other modules (the Redis event bus, say) register their own readiness checks here. */
@Injectable()
export class ReadinessChecks {
  private readonly checks: ReadinessCheck[] = [];

  register(check: ReadinessCheck): void {
    this.checks.push(check);
  }

  all(): readonly ReadinessCheck[] {
    return this.checks;
  }
}
