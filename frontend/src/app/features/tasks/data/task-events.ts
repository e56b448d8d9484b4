import type { ServerMessage, TaskDto, TaskEventType } from '@taskpulse/contract';

export type TaskMessage = ServerMessage<TaskEventType> & { seq: number };

/** A live task event, after the list applied it (the activity feed tells it). */
export interface AppliedTaskEvent {
  message: TaskMessage;
  /** The task as it was before the event, when it was loaded. */
  previous: TaskDto | undefined;
  /** The echo of a change made from this tab. */
  own: boolean;
}
