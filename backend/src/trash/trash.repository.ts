import { Injectable } from '@nestjs/common';
import { readerFacts, toVisibleTask, type VisibleTask, type VisibleTaskRow, visibleTaskColumns } from '../access/access.repository';
import type { Row, Sql, Statement } from '../platform/database/sql-database';

/** Where a trash page starts: after this (deletedAt, id), newest deletion first. */
export interface TrashCursor {
  deletedAt: string;
  id: string;
}

export interface TrashedRow extends VisibleTaskRow {
  deleted_at: string | null;
  deleted_by: string | null;
}

/** A task as the trash keeps it: the task, the reader's access once restored, and its deletion. */
export interface TrashedTask extends VisibleTask {
  deletedAt: string;
  deletedBy: string | null;
}

/** The trashed tasks of the caller's own set and of the teams they administer, each by its own partial index. */
const trashBranches = {
  owned: 'FROM tasks t WHERE t.owner_id = :userId AND t.deleted_at IS NOT NULL',
  admin: `FROM team_members m JOIN tasks t ON t.team_id = m.team_id
    WHERE m.user_id = :userId AND m.role = 'admin' AND t.deleted_at IS NOT NULL`,
};
const newestDeletionFirst = 't.deleted_at DESC, t.id DESC';

/** Every statement on the trash: the trashed rows of `tasks`, the restore, the purge. */
@Injectable()
export class TrashRepository {
  /** One page of what `userId` may restore: tasks they own, and tasks of teams they administer. */
  pageStatement(userId: string, limit: number, after: TrashCursor | null): Statement {
    const params: Record<string, unknown> = { userId, limit };
    let where = '';
    if (after) {
      where = ' AND (t.deleted_at < :afterAt OR (t.deleted_at = :afterAt AND t.id < :afterId))';
      Object.assign(params, { afterAt: after.deletedAt, afterId: after.id });
    }
    const branches = Object.entries(trashBranches).map(
      ([name, from]) =>
        `SELECT * FROM (SELECT t.id, t.deleted_at ${from}${where} ORDER BY ${newestDeletionFirst} LIMIT :limit) AS b_${name}`,
    );
    return {
      sql: `WITH v AS (${branches.join(' UNION ')})
        SELECT ${visibleTaskColumns}, t.deleted_at, t.deleted_by FROM v JOIN tasks t ON t.id = v.id ${readerFacts}
        ORDER BY ${newestDeletionFirst} LIMIT :limit`,
      params,
    };
  }

  toTrashed(rows: Row[], userId: string): TrashedTask[] {
    return (rows as unknown as TrashedRow[]).flatMap((row) => {
      const visible = toVisibleTask(row, userId);
      return visible && row.deleted_at ? [{ ...visible, deletedAt: row.deleted_at, deletedBy: row.deleted_by }] : [];
    });
  }

  /**
   * The task with `userId`'s access facts, trashed or not, locked until the transaction ends; null when there is
   * no such task. `access` is null when the facts give the user none.
   */
  async lock(tx: Sql, taskId: string, userId: string): Promise<{ row: TrashedRow; visible: VisibleTask | null } | null> {
    const [row] = await tx.query<TrashedRow>(
      `SELECT ${visibleTaskColumns}, t.deleted_at, t.deleted_by FROM tasks t ${readerFacts}
       WHERE t.id = :taskId${tx.lock('update', 't')}`,
      { taskId, userId },
    );
    return row ? { row, visible: toVisibleTask(row, userId) } : null;
  }

  async teamExists(tx: Sql, teamId: string): Promise<boolean> {
    return (await tx.query('SELECT 1 AS found FROM teams WHERE id = :teamId', { teamId })).length > 0;
  }

  async restore(tx: Sql, taskId: string, changes: { teamId: string | null; updatedAt: string; version: number }): Promise<void> {
    await tx.query(
      `UPDATE tasks SET deleted_at = NULL, deleted_by = NULL, team_id = :teamId, updated_at = :updatedAt, version = :version
       WHERE id = :taskId AND deleted_at IS NOT NULL`,
      { taskId, ...changes },
    );
  }

  /**
   * Deletes up to `limit` tasks trashed before `olderThan`, with everything kept for a restore (shares, assignees,
   * labels, comments, history, due-date reminders); answers how many went.
   */
  async purge(tx: Sql, olderThan: string, limit: number): Promise<number> {
    const rows = await tx.query<{ id: string }>(
      'SELECT id FROM tasks WHERE deleted_at IS NOT NULL AND deleted_at < :olderThan ORDER BY deleted_at LIMIT :limit',
      { olderThan, limit },
    );
    if (rows.length === 0) return 0;
    const ids = rows.map((row) => row.id);
    for (const table of ['task_shares', 'task_assignees', 'task_labels', 'comments', 'task_history', 'due_soon_claims']) {
      await tx.query(`DELETE FROM ${table} WHERE task_id IN (:...ids)`, { ids });
    }
    await tx.query('DELETE FROM tasks WHERE id IN (:...ids) AND deleted_at IS NOT NULL', { ids });
    return ids.length;
  }
}
