import { MigrationInterface, QueryRunner, Table, TableIndex } from 'typeorm';

const id = (name = 'id') => ({ name, type: 'varchar', length: '36' });
const time = (name: string, isNullable = false) => ({ name, type: 'varchar', length: '24', isNullable });

/** The whole first schema, written with TypeORM's portable Table API so SQLite and PostgreSQL run the same code. */
export class InitialSchema1764000000000 implements MigrationInterface {
  name = 'InitialSchema1764000000000';

  async up(q: QueryRunner): Promise<void> {
    await q.createTable(
      new Table({
        name: 'users',
        columns: [
          { ...id(), isPrimary: true },
          { name: 'email', type: 'varchar', length: '254', isUnique: true },
          { name: 'name', type: 'varchar', length: '80' },
          { name: 'password_hash', type: 'varchar', length: '255' },
          time('created_at'),
        ],
      }),
    );
    await q.createTable(
      new Table({
        name: 'refresh_tokens',
        columns: [
          { ...id(), isPrimary: true },
          id('user_id'),
          id('family_id'),
          { name: 'secret_hash', type: 'varchar', length: '64' },
          time('expires_at'),
          time('used_at', true),
          time('revoked_at', true),
          time('created_at'),
        ],
        indices: [
          { name: 'idx_refresh_tokens_user', columnNames: ['user_id'] },
          { name: 'idx_refresh_tokens_family', columnNames: ['family_id'] },
        ],
      }),
    );
    await q.createTable(
      new Table({
        name: 'teams',
        columns: [{ ...id(), isPrimary: true }, { name: 'name', type: 'varchar', length: '80' }, id('created_by'), time('created_at')],
      }),
    );
    await q.createTable(
      new Table({
        name: 'team_members',
        columns: [
          { ...id('team_id'), isPrimary: true },
          { ...id('user_id'), isPrimary: true },
          { name: 'role', type: 'varchar', length: '6' },
          time('joined_at'),
        ],
        indices: [{ name: 'idx_team_members_user', columnNames: ['user_id'] }],
      }),
    );
    await q.createTable(
      new Table({
        name: 'tasks',
        columns: [
          { ...id(), isPrimary: true },
          { name: 'title', type: 'varchar', length: '200' },
          { name: 'description', type: 'text' },
          { name: 'status', type: 'varchar', length: '10' },
          { name: 'priority', type: 'varchar', length: '6' },
          time('due_date', true),
          id('owner_id'),
          { ...id('team_id'), isNullable: true },
          time('created_at'),
          time('updated_at'),
          time('completed_at', true),
          { name: 'version', type: 'integer' },
        ],
        indices: [
          { name: 'idx_tasks_owner', columnNames: ['owner_id'] },
          { name: 'idx_tasks_team', columnNames: ['team_id'] },
          { name: 'idx_tasks_created', columnNames: ['created_at', 'id'] },
        ],
      }),
    );
    await q.createTable(
      new Table({
        name: 'task_shares',
        columns: [
          { ...id('task_id'), isPrimary: true },
          { ...id('user_id'), isPrimary: true },
          { name: 'permission', type: 'varchar', length: '4' },
          time('shared_at'),
        ],
        indices: [{ name: 'idx_task_shares_user', columnNames: ['user_id'] }],
      }),
    );
    await q.createTable(
      new Table({
        name: 'event_head',
        columns: [
          { name: 'id', type: 'integer', isPrimary: true },
          { name: 'seq', type: 'bigint' },
        ],
      }),
    );
    await q.query('INSERT INTO event_head (id, seq) VALUES (1, 0)');
    await q.createTable(
      new Table({
        name: 'events',
        columns: [
          { name: 'seq', type: 'bigint', isPrimary: true },
          { name: 'type', type: 'varchar', length: '32' },
          { ...id('task_id'), isNullable: true },
          { ...id('team_id'), isNullable: true },
          id('actor_id'),
          { name: 'mutation_id', type: 'varchar', length: '64', isNullable: true },
          { name: 'payload', type: 'text' },
          time('created_at'),
        ],
        indices: [{ name: 'idx_events_created', columnNames: ['created_at'] }],
      }),
    );
    await q.createTable(
      new Table({
        name: 'event_recipients',
        columns: [
          { ...id('user_id'), isPrimary: true },
          { name: 'seq', type: 'bigint', isPrimary: true },
          { name: 'permission', type: 'varchar', length: '5', isNullable: true },
        ],
      }),
    );
    await q.createIndex('event_recipients', new TableIndex({ name: 'idx_event_recipients_seq', columnNames: ['seq'] }));
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of [
      'event_recipients',
      'events',
      'event_head',
      'task_shares',
      'tasks',
      'team_members',
      'teams',
      'refresh_tokens',
      'users',
    ]) {
      await q.dropTable(table);
    }
  }
}
