import { Injectable, type Signal, computed, inject, signal } from '@angular/core';
import { merge } from 'rxjs';
import type { ServerMessage, TaskEventType, TeamEventType } from '@taskpulse/contract';
import { RealtimeService } from '../../core/realtime/realtime.service';
import { type AppliedTaskEvent, TaskStore } from '../tasks';
import { TeamsStore } from '../teams';
import { PeopleDirectory } from '../people';

export interface ActivityEntry {
  id: number;
  /** Recomputed as names become known (e.g. once the team list has loaded). */
  text: Signal<string>;
  at: string;
}

const KEEP = 20;
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

/** "Ben completed 'Quarterly plan'": a short, newest-first feed of what happened live. */
@Injectable({ providedIn: 'root' })
export class ActivityService {
  private readonly people = inject(PeopleDirectory);
  private readonly teams = inject(TeamsStore);
  /** Titles seen in events, for events that no longer carry the task (deleted, unshared). */
  private readonly titles = new Map<string, string>();
  private nextId = 1;

  readonly entries = signal<ActivityEntry[]>([]);

  constructor() {
    const realtime = inject(RealtimeService);
    inject(TaskStore).applied$.subscribe((event) => {
      const title = this.titleOf(event);
      this.add(() => this.describeTask(event, title), event.message.timestamp);
    });
    merge(realtime.on('team_member_added'), realtime.on('team_member_removed')).subscribe((message) =>
      this.add(() => this.describeTeam(message), message.timestamp),
    );
  }

  reset(): void {
    this.entries.set([]);
    this.titles.clear();
  }

  private titleOf({ message, previous }: AppliedTaskEvent): string | undefined {
    const { task, task_id } = message.data;
    const title = task?.title ?? previous?.title ?? this.titles.get(task_id);
    if (title) {
      this.titles.set(task_id, title);
    }
    return title;
  }

  private describeTask({ message, previous }: AppliedTaskEvent, title: string | undefined): string {
    const { user_id } = message.data;
    const what = title ? `'${title}'` : 'a task';
    const actor = this.people.nameOf(user_id);
    if (message.event_type === 'task_unshared' && previous && previous.ownerId !== user_id) {
      return `${actor} left ${what}`;
    }
    return `${actor} ${TASK_VERBS[message.event_type]} ${what}`;
  }

  private describeTeam(message: ServerMessage<TeamEventType>): string {
    const { team_id, user_id, actor_id, role } = message.data;
    const team = this.teams.nameOf(team_id) ?? 'a team';
    const actor = this.people.nameOf(actor_id);
    const member = this.people.nameOf(user_id);
    const memberAsObject = member === 'You' ? 'you' : member;
    if (message.event_type === 'team_member_removed') {
      return actor_id === user_id ? `${member} left ${team}` : `${actor} removed ${memberAsObject} from ${team}`;
    }
    return `${actor} added ${memberAsObject} to ${team}${role === 'admin' ? ' as admin' : ''}`;
  }

  private add(describe: () => string, at: string): void {
    const entry = { id: this.nextId++, text: computed(describe), at };
    this.entries.update((entries) => [entry, ...entries].slice(0, KEEP));
  }
}
