import { EntityManager, ObjectLiteral } from 'typeorm';

/** Runs SQL with `:name` parameters on either database (TypeORM rewrites them to `?` or `$n`). */
export function query<T extends ObjectLiteral = ObjectLiteral>(
  manager: EntityManager,
  sql: string,
  parameters: ObjectLiteral = {},
): Promise<T[]> {
  const [text, values] = manager.connection.driver.escapeQueryWithParameters(sql, parameters);
  return manager.query(text, values);
}
