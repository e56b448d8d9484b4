// The part of better-sqlite3 the bench uses (the package ships no types, and the bench needs only these).
declare module 'better-sqlite3' {
  interface Statement {
    run(...params: unknown[]): { changes: number };
    get(...params: unknown[]): unknown;
    all(...params: unknown[]): unknown[];
  }
  class Database {
    constructor(file: string);
    prepare(sql: string): Statement;
    exec(sql: string): this;
    pragma(statement: string): unknown;
    transaction<A extends unknown[]>(work: (...args: A) => void): (...args: A) => void;
    close(): void;
  }
  export = Database;
}
