import { presenceStates, type PresenceState } from '@taskpulse/contract';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** A field name as the web app's forms spell them: `title`, `description`, `dueDate`, `checklist.3`. */
const FIELD = /^[A-Za-z][\w.-]{0,63}$/;
const STATES: readonly string[] = [...presenceStates, 'left'];

export interface PresenceInput {
  task_id: string;
  state: PresenceState | 'left';
  /** Only while editing; null otherwise. */
  field: string | null;
}

/** Checks a presence message (socket frame or REST body): the input, or the problem naming the field. */
export function checkPresence(message: Record<string, unknown>): PresenceInput | { problem: string } {
  const { task_id: taskId, state, field } = message;
  if (typeof taskId !== 'string' || !UUID.test(taskId)) return { problem: 'task_id must be a UUID' };
  if (typeof state !== 'string' || !STATES.includes(state)) return { problem: `state must be one of ${STATES.join(', ')}` };
  if (field !== undefined && field !== null && (typeof field !== 'string' || !FIELD.test(field))) {
    return { problem: 'field must be a field name of at most 64 characters' };
  }
  return {
    task_id: taskId.toLowerCase(),
    state: state as PresenceInput['state'],
    field: state === 'editing' && typeof field === 'string' ? field : null,
  };
}
