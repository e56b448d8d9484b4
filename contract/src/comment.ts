/** Comments on a task (`/api/tasks/:id/comments`). */
export interface CommentDto {
  id: string;
  taskId: string;
  authorId: string;
  authorName: string;
  body: string;
  /** Users mentioned, each someone who could see the task when mentioned. */
  mentions: string[];
  createdAt: string;
  editedAt: string | null;
}

export interface CommentPage {
  items: CommentDto[];
  next_cursor: string | null;
  /** Event-log head at the moment of the read. */
  seq: number;
}

export const commentLimits = { body: 5000, mentions: 20 } as const;
