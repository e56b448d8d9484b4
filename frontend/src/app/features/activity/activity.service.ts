import { HttpClient, HttpParams } from '@angular/common/http';
import { Injectable, type Signal, computed, inject, signal } from '@angular/core';
import {
  type ActivityPage,
  type AnyServerMessage,
  type LoggedServerMessage,
  type TaskDto,
  type TaskServerMessage,
  isLoggedEvent,
  isTaskEvent,
} from '@taskpulse/contract';
import { RealtimeService } from '../../core/realtime/realtime.service';
import { TaskStore } from '../tasks';
import { TeamsStore } from '../teams';
import { PeopleDirectory } from '../people';
import { type FeedNames, describeEvent } from './activity-text';

export interface ActivityEntry {
  id: number;
  /** Recomputed as names become known (e.g. once the team list has loaded). */
  text: Signal<string>;
  at: string;
}

const KEEP = 20;

/**
 * "Ben completed 'Quarterly plan'": a short, newest-first feed. It starts with the recent activity the server
 * kept for me (`GET /api/activity`), so a fresh page is not empty, then adds what happens live; one entry per seq.
 */
@Injectable({ providedIn: 'root' })
export class ActivityService {
  private readonly http = inject(HttpClient);
  private readonly people = inject(PeopleDirectory);
  private readonly teams = inject(TeamsStore);
  private readonly tasks = inject(TaskStore);
  /** Titles seen in events, for events that no longer carry the task (deleted, unshared, comments). */
  private readonly titles = new Map<string, string>();
  private readonly names: FeedNames = {
    person: (id, fallback) => {
      const known = this.people.nameOf(id);
      return known === 'Someone' && fallback ? fallback : known;
    },
    team: (id) => this.teams.nameOf(id),
    title: (taskId) => this.titles.get(taskId) ?? this.tasks.lastKnown(taskId)?.title,
  };
  private readonly bySeq = signal<ReadonlyMap<number, ActivityEntry>>(new Map());
  private nextId = 1;

  readonly entries = computed(() => [...this.bySeq().entries()].sort(([a], [b]) => b - a).map(([, entry]) => entry));

  constructor() {
    this.tasks.applied$.subscribe(({ message, previous }) => this.addTask(message, previous));
    inject(RealtimeService).events$.subscribe((message) => {
      if (isLoggedEvent(message) && !isTaskEvent(message)) this.add(message);
    });
  }

  /** The recent activity the server kept for me: what the feed shows before anything new happens. */
  load(): void {
    this.http.get<ActivityPage>('/api/activity', { params: new HttpParams().set('limit', KEEP) }).subscribe({
      next: (page) => [...page.items].reverse().forEach((message) => (isTaskEvent(message) ? this.addTask(message) : this.add(message))),
      // The feed then fills with live changes only.
      error: () => undefined,
    });
  }

  reset(): void {
    this.bySeq.set(new Map());
    this.titles.clear();
  }

  private addTask(message: TaskServerMessage, previous?: TaskDto): void {
    const { task, task_id } = message.data;
    const title = task?.title ?? previous?.title;
    if (title) this.titles.set(task_id, title);
    this.add(message, previous?.ownerId);
  }

  private add(message: LoggedServerMessage | AnyServerMessage, previousOwner?: string): void {
    if (!isLoggedEvent(message) || this.bySeq().has(message.seq)) return;
    const actor = 'actor' in message.data ? message.data.actor : null;
    if (actor) this.people.remember([actor]);
    const logged = message;
    if (describeEvent(logged, this.names, previousOwner) === null) return;
    const entry = {
      id: this.nextId++,
      text: computed(() => describeEvent(logged, this.names, previousOwner) ?? ''),
      at: message.timestamp,
    };
    this.bySeq.update((entries) => {
      const next = new Map(entries).set(message.seq, entry);
      // Only the newest KEEP.
      [...next.keys()]
        .sort((a, b) => b - a)
        .slice(KEEP)
        .forEach((seq) => next.delete(seq));
      return next;
    });
  }
}
