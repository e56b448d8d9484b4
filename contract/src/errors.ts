import type { TaskDto } from './task';

/** Every REST error: `{statusCode, error, message}` and nothing from inside the server. */
export interface ApiErrorBody {
  statusCode: number;
  error: string;
  message: string | string[];
  /** Present on a 409 for a stale `version`: the current task. */
  task?: TaskDto;
}
