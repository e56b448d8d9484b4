import { Injectable, inject } from '@angular/core';
import type { TaskDto } from '@taskpulse/contract';
import { OfflineCache } from '../../../core/storage/offline-cache';
import { type TaskQuery } from './task.types';
import { matchesQuery, newestFirst, orderOf } from './task-query';

const CACHE_NAME = 'tasks';
/** Enough for every list a person reads offline; the oldest (by creation) are left out beyond it. */
const KEEP = 2000;

/**
 * Every task the server has shown this user, whatever list it came in, at its newest version: the base a
 * queued change is merged against, and the list shown when the server cannot be reached. Kept on the device.
 */
@Injectable({ providedIn: 'root' })
export class KnownTasks {
  private readonly cache = inject(OfflineCache);
  private tasks = new Map<string, TaskDto>();
  private loading: Promise<void> | null = null;

  get(id: string): TaskDto | undefined {
    return this.tasks.get(id);
  }

  /** Reads what the device kept (once per session); tasks learnt meanwhile win. */
  restore(): Promise<void> {
    this.loading ??= this.cache.read<TaskDto[]>(CACHE_NAME).then((stored) => {
      for (const task of stored ?? []) {
        if (!this.tasks.has(task.id)) {
          this.tasks.set(task.id, task);
        }
      }
    });
    return this.loading;
  }

  upsert(task: TaskDto): void {
    const known = this.tasks.get(task.id);
    if (!known || known.version <= task.version) {
      this.tasks.set(task.id, task);
      this.save();
    }
  }

  drop(id: string): void {
    if (this.tasks.delete(id)) {
      this.save();
    }
  }

  /** What the device knows for a list: the tasks matching it, newest first. */
  async list(query: TaskQuery, me: string | null): Promise<TaskDto[]> {
    await this.restore();
    return [...this.tasks.values()].filter((task) => matchesQuery(task, query, me)).sort(orderOf(query.sort));
  }

  reset(): void {
    this.tasks = new Map();
    this.loading = null;
  }

  private save(): void {
    this.cache.write(CACHE_NAME, () => [...this.tasks.values()].sort(newestFirst).slice(0, KEEP));
  }
}
