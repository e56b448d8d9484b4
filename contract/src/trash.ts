/** The trash: deleted tasks their owner (or an admin of their team) may restore until they are purged. */
import type { TaskDto } from './task';

/** A task in the trash, as the caller would see it once restored, with when and by whom it was deleted. */
export interface TrashedTaskDto extends TaskDto {
  deletedAt: string;
  deletedBy: string | null;
}

/** `GET /api/trash`: newest deletion first. */
export interface TrashPage {
  items: TrashedTaskDto[];
  next_cursor: string | null;
}
