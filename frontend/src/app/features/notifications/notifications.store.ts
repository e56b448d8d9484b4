import { Injectable, computed, inject, signal } from '@angular/core';
import { Subscription } from 'rxjs';
import type { NotificationDto } from '@taskpulse/contract';
import { errorMessage } from '../../core/api/http-errors';
import { RealtimeService } from '../../core/realtime/realtime.service';
import { PeopleDirectory } from '../people';
import { TaskStore } from '../tasks';
import { NotificationsApi } from './notifications-api.service';

/** How many the bell lists. */
export const SHOWN = 20;

/**
 * My notifications and how many are unread, for the bell: read on sign-in, then kept live by
 * `notification_created` and `notifications_read` (which every tab of mine receives, so a badge cleared in one
 * tab clears in all).
 */
@Injectable({ providedIn: 'root' })
export class NotificationsStore {
  private readonly api = inject(NotificationsApi);
  private readonly realtime = inject(RealtimeService);
  private readonly people = inject(PeopleDirectory);
  private readonly tasks = inject(TaskStore);
  private readonly titles = signal<ReadonlyMap<string, string>>(new Map());
  private readonly asked = new Set<string>();
  private loadSubscription: Subscription | null = null;
  private active = false;
  /** Notifications that arrived while a read was on its way: the answer may have been read before them. */
  private arrived: NotificationDto[] = [];

  readonly items = signal<NotificationDto[]>([]);
  readonly unread = signal(0);
  readonly error = signal<string | null>(null);
  readonly hasUnread = computed(() => this.unread() > 0);

  constructor() {
    this.realtime.on('notification_created').subscribe(({ data }) => this.add(data.notification));
    this.realtime.on('notifications_read').subscribe(({ data }) => this.markedRead(data.all ? 'all' : (data.ids ?? [])));
    // Anything missed while the connection could not resume: read again.
    this.realtime.resync$.subscribe(() => this.active && this.load());
  }

  load(): void {
    this.active = true;
    this.loadSubscription?.unsubscribe();
    this.arrived = [];
    this.loadSubscription = this.api.list(SHOWN).subscribe({
      next: (page) => {
        const missing = this.arrived.filter((n) => !page.items.some((listed) => listed.id === n.id));
        this.arrived = [];
        this.items.set([...missing, ...page.items].slice(0, SHOWN));
        this.unread.set(page.unread_count + missing.filter((n) => !n.readAt).length);
        this.error.set(null);
        this.people.remember(page.items.flatMap((n) => (n.actor ? [n.actor] : [])));
      },
      error: (error: unknown) => this.error.set(errorMessage(error, 'Could not load notifications.')),
    });
  }

  reset(): void {
    this.active = false;
    this.loadSubscription?.unsubscribe();
    this.items.set([]);
    this.unread.set(0);
    this.titles.set(new Map());
    this.asked.clear();
  }

  /** The title of the task a notification is about: known here, or read once; null while unknown. */
  titleOf(taskId: string | null): string | null {
    if (!taskId) return null;
    const title = this.titles().get(taskId) ?? this.tasks.lastKnown(taskId)?.title ?? null;
    if (!title && !this.asked.has(taskId)) {
      this.asked.add(taskId);
      this.api.task(taskId).subscribe({
        next: (task) => this.titles.update((titles) => new Map(titles).set(taskId, task.title)),
        error: () => this.titles.update((titles) => new Map(titles).set(taskId, 'a task you can no longer see')),
      });
    }
    return title;
  }

  markRead(ids: string[]): void {
    const unread = ids.filter((id) => this.items().some((n) => n.id === id && !n.readAt));
    if (!unread.length) return;
    this.markedRead(unread);
    this.api.markRead({ ids: unread }).subscribe({ error: (error: unknown) => this.failed(error) });
  }

  markAllRead(): void {
    if (!this.unread()) return;
    this.markedRead('all');
    this.api.markRead({ all: true }).subscribe({ error: (error: unknown) => this.failed(error) });
  }

  private add(notification: NotificationDto): void {
    if (this.items().some((known) => known.id === notification.id)) return;
    if (this.loadSubscription && !this.loadSubscription.closed) this.arrived.push(notification);
    if (notification.actor) this.people.remember([notification.actor]);
    this.items.update((items) => [notification, ...items].slice(0, SHOWN));
    if (!notification.readAt) this.unread.update((count) => count + 1);
  }

  private markedRead(which: string[] | 'all'): void {
    const now = new Date().toISOString();
    if (which === 'all') {
      this.items.update((items) => items.map((n) => (n.readAt ? n : { ...n, readAt: now })));
      this.unread.set(0);
      return;
    }
    const ids = new Set(which);
    const newlyRead = this.items().filter((n) => ids.has(n.id) && !n.readAt).length;
    this.items.update((items) => items.map((n) => (ids.has(n.id) && !n.readAt ? { ...n, readAt: now } : n)));
    // Ids beyond the ones listed here were unread too: the count comes from the server then.
    if (newlyRead < ids.size) this.load();
    else this.unread.update((count) => Math.max(0, count - newlyRead));
  }

  private failed(error: unknown): void {
    this.error.set(errorMessage(error, 'Could not mark notifications read.'));
    this.load();
  }
}
