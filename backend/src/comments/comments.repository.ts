import { Injectable } from '@nestjs/common';
import type { CommentDto } from '@taskpulse/contract';
import type { Row, Sql, Statement } from '../platform/database/sql-database';

interface CommentRow {
  id: string;
  task_id: string;
  author_id: string;
  author_name: string;
  body: string;
  mentions: string;
  created_at: string;
  edited_at: string | null;
}

const columns = 'c.id, c.task_id, c.author_id, u.name AS author_name, c.body, c.mentions, c.created_at, c.edited_at';

/** Every statement on `comments`, and the task's comment count. */
@Injectable()
export class CommentsRepository {
  /** A page of a task's comments, oldest first, by (task_id, created_at, id). */
  pageStatement(taskId: string, after: [string, string] | null, limit: number): Statement {
    return {
      sql: `SELECT ${columns} FROM comments c JOIN users u ON u.id = c.author_id
        WHERE c.task_id = :taskId${after ? ' AND (c.created_at > :afterAt OR (c.created_at = :afterAt AND c.id > :afterId))' : ''}
        ORDER BY c.created_at, c.id LIMIT :limit`,
      params: { taskId, limit, afterAt: after?.[0], afterId: after?.[1] },
    };
  }

  toDtos(rows: Row[]): CommentDto[] {
    return (rows as unknown as CommentRow[]).map((r) => ({
      id: r.id,
      taskId: r.task_id,
      authorId: r.author_id,
      authorName: r.author_name,
      body: r.body,
      mentions: JSON.parse(r.mentions) as string[],
      createdAt: r.created_at,
      editedAt: r.edited_at,
    }));
  }

  async find(tx: Sql, id: string): Promise<CommentDto | null> {
    const rows = await tx.query(`SELECT ${columns} FROM comments c JOIN users u ON u.id = c.author_id WHERE c.id = :id`, { id });
    return this.toDtos(rows)[0] ?? null;
  }

  async insert(tx: Sql, comment: CommentDto): Promise<void> {
    await tx.query(
      `INSERT INTO comments (id, task_id, author_id, body, mentions, created_at, edited_at)
       VALUES (:id, :taskId, :authorId, :body, :mentions, :createdAt, NULL)`,
      { ...comment, mentions: JSON.stringify(comment.mentions) },
    );
  }

  async update(tx: Sql, id: string, body: string, mentions: readonly string[], editedAt: string): Promise<void> {
    await tx.query('UPDATE comments SET body = :body, mentions = :mentions, edited_at = :editedAt WHERE id = :id', {
      id,
      body,
      mentions: JSON.stringify(mentions),
      editedAt,
    });
  }

  async delete(tx: Sql, id: string): Promise<void> {
    await tx.query('DELETE FROM comments WHERE id = :id', { id });
  }

  /** Adds `delta` to the task's comment count (no version bump: a comment is not an edit of the task); answers it. */
  async addToCount(tx: Sql, taskId: string, delta: number): Promise<number> {
    const [row] = await tx.query<{ comment_count: number | string }>(
      'UPDATE tasks SET comment_count = comment_count + :delta WHERE id = :taskId RETURNING comment_count',
      { taskId, delta },
    );
    return Number(row.comment_count);
  }
}
