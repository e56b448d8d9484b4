import { Global, Inject, Module, type OnApplicationShutdown } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { openDatabase } from './data-source';
import { DatabaseProbe } from './database-probe';
import { SqlDatabase } from './sql-database';

@Global()
@Module({
  providers: [{ provide: SqlDatabase, inject: [APP_CONFIG], useFactory: (config: AppConfig) => openDatabase(config) }, DatabaseProbe],
  exports: [SqlDatabase, DatabaseProbe],
})
export class DatabaseModule implements OnApplicationShutdown {
  constructor(@Inject(SqlDatabase) private readonly db: SqlDatabase) {}

  async onApplicationShutdown(): Promise<void> {
    await this.db.close();
  }
}
