import type { TaskDto } from '@taskpulse/contract';

/** A PATCH with a stale `version`: `current` is the task as it is now. */
export class StaleTaskError extends Error {
  constructor(readonly current: TaskDto) {
    super('Changed by someone else');
  }
}
