import { Injectable } from '@nestjs/common';
import { SqlDatabase } from './sql-database';

/** The cheapest round trip to the database, for readiness. */
@Injectable()
export class DatabaseProbe {
  constructor(private readonly db: SqlDatabase) {}

  async ping(): Promise<void> {
    await this.db.query('SELECT 1 AS ok');
  }
}
