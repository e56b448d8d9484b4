import { Injectable } from '@nestjs/common';
import { UnitOfWork } from './unit-of-work';

/** The cheapest round trip to the database, for readiness. */
@Injectable()
export class DatabaseProbe {
  constructor(private readonly uow: UnitOfWork) {}

  async ping(): Promise<void> {
    await this.uow.read((m) => m.query('SELECT 1'));
  }
}
