import { computed, signal } from '@angular/core';
import type { TaskDto } from '@taskpulse/contract';
import { DepartedTasks } from './departed-tasks';
import { type TaskOrder, newestFirst } from './task-query';

/** Tasks that left the list, remembered so the feed can still name them when a deletion arrives. */
const DEPARTED = 500;

/**
 * The part of the list loaded so far: tasks by id, where the next page starts, and the last snapshot of tasks
 * that left it. Never goes back to an older version of a task.
 */
export class LoadedTasks {
  private readonly byId = signal<ReadonlyMap<string, TaskDto>>(new Map());
  private readonly cursor = signal<string | null>(null);
  private readonly departed = new DepartedTasks(DEPARTED);

  readonly all = computed(() => [...this.byId().values()]);
  readonly nextCursor = this.cursor.asReadonly();

  get size(): number {
    return this.byId().size;
  }

  get(id: string): TaskDto | undefined {
    return this.byId().get(id);
  }

  /** The task as last seen here, even if it has left the list since (deleted, unshared, filtered away). */
  lastKnown(id: string): TaskDto | undefined {
    return this.byId().get(id) ?? this.departed.get(id);
  }

  /** A snapshot (`replaces`) takes the place of what was loaded; a further page is added to it. */
  put(items: readonly TaskDto[], nextCursor: string | null, replaces: boolean): void {
    const current = this.byId();
    const next = new Map(replaces ? [] : current);
    for (const task of items) {
      const known = next.get(task.id);
      if (!known || known.version <= task.version) {
        next.set(task.id, task);
      }
    }
    if (replaces) {
      current.forEach((task) => next.has(task.id) || this.departed.remember(task));
    }
    this.byId.set(next);
    this.cursor.set(nextCursor);
  }

  /** Updates a loaded task, or adds one when `fits` says it belongs. Returns whether the list changed. */
  upsert(task: TaskDto, fits: (task: TaskDto) => boolean): boolean {
    const known = this.byId().get(task.id);
    if (known ? known.version > task.version : !fits(task)) {
      return false;
    }
    this.byId.update((tasks) => new Map(tasks).set(task.id, task));
    return true;
  }

  /** The last loaded task in the list's order (newest first unless told): a refetch reads down to it. */
  oldest(order: TaskOrder = newestFirst): TaskDto | undefined {
    return this.all().reduce<TaskDto | undefined>((oldest, task) => (!oldest || order(task, oldest) > 0 ? task : oldest), undefined);
  }

  /** Not beyond the pages loaded so far: with more to load, a task after every loaded one waits for its page. */
  withinLoadedPages(task: TaskDto, order: TaskOrder = newestFirst): boolean {
    if (this.cursor() === null) {
      return true;
    }
    const loaded = this.all();
    return loaded.length === 0 || loaded.some((other) => order(task, other) <= 0);
  }

  drop(id: string): void {
    const task = this.byId().get(id);
    if (task) {
      this.departed.remember(task);
      this.byId.update((tasks) => {
        const next = new Map(tasks);
        next.delete(id);
        return next;
      });
    }
  }

  dropWhere(predicate: (task: TaskDto) => boolean): void {
    this.all()
      .filter(predicate)
      .forEach((task) => this.drop(task.id));
  }

  /** Empties the list (its tasks are still remembered as departed). */
  clear(): void {
    this.byId().forEach((task) => this.departed.remember(task));
    this.byId.set(new Map());
    this.cursor.set(null);
  }

  forget(): void {
    this.clear();
    this.departed.clear();
  }
}
