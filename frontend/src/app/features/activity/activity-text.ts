/** What a logged event says in the feed: "Ben Okafor completed 'Quarterly plan'". */
import type { LoggedServerMessage, TaskEventType } from '@taskpulse/contract';

export interface FeedNames {
  /** "You" for me, the name when known, else `fallback` (the event's own `data.actor.name`), else "Someone". */
  person(id: string | null | undefined, fallback?: string): string;
  team(id: string | null): string | null;
  /** The title of a task, from the event or from what this client has seen. */
  title(taskId: string): string | undefined;
}

const TASK_VERBS: Record<TaskEventType, string> = {
  task_created: 'created',
  task_updated: 'updated',
  task_completed: 'completed',
  task_reopened: 'reopened',
  task_deleted: 'deleted',
  task_shared: 'shared',
  task_unshared: 'stopped sharing',
  task_restored: 'restored',
};

/** The sentence for an event, or null for events the feed does not show (notifications are the bell's). */
export function describeEvent(message: LoggedServerMessage, names: FeedNames, previousOwner?: string): string | null {
  switch (message.event_type) {
    case 'task_created':
    case 'task_updated':
    case 'task_completed':
    case 'task_reopened':
    case 'task_deleted':
    case 'task_shared':
    case 'task_unshared':
    case 'task_restored': {
      const { user_id, task_id, actor } = message.data;
      const title = names.title(task_id);
      const what = title ? `'${title}'` : 'a task';
      const who = names.person(user_id, actor?.name);
      if (message.event_type === 'task_unshared' && previousOwner && previousOwner !== user_id) return `${who} left ${what}`;
      return `${who} ${TASK_VERBS[message.event_type]} ${what}`;
    }
    case 'comment_added':
    case 'comment_edited':
    case 'comment_deleted': {
      const { user_id, task_id, actor } = message.data;
      const title = names.title(task_id);
      const verb = { comment_added: 'commented on', comment_edited: 'edited a comment on', comment_deleted: 'deleted a comment on' }[
        message.event_type
      ];
      return `${names.person(user_id, actor?.name)} ${verb} ${title ? `'${title}'` : 'a task'}`;
    }
    case 'team_member_added':
    case 'team_member_removed':
    case 'team_updated': {
      const { team_id, user_id, actor_id, role, name, actor } = message.data;
      const team = names.team(team_id) ?? name ?? 'a team';
      const who = names.person(actor_id, actor?.name);
      if (message.event_type === 'team_updated') return `${who} renamed a team to ${name ?? team}`;
      const member = names.person(user_id);
      const memberAsObject = member === 'You' ? 'you' : member;
      if (message.event_type === 'team_member_removed') {
        return actor_id === user_id ? `${member} left ${team}` : `${who} removed ${memberAsObject} from ${team}`;
      }
      return `${who} added ${memberAsObject} to ${team}${role === 'admin' ? ' as admin' : ''}`;
    }
    default:
      return null;
  }
}
