import { Injectable, computed, inject, signal } from '@angular/core';
import { OfflineCache } from '../../../core/storage/offline-cache';
import type { FieldConflict } from './task-merge';

const CACHE_NAME = 'conflicts';

export interface TaskConflict extends FieldConflict {
  readonly taskId: string;
}

/**
 * Fields that I and someone else both changed, to different values: each waits for the person to choose mine
 * or theirs (kept on the device, so a reload does not throw my value away). A newer change of mine to the same
 * field replaces the value offered as mine.
 */
@Injectable({ providedIn: 'root' })
export class MergeConflicts {
  private readonly cache = inject(OfflineCache);
  private readonly state = signal<readonly TaskConflict[]>([]);

  readonly all = this.state.asReadonly();
  readonly byTask = computed(() => {
    const byTask = new Map<string, TaskConflict[]>();
    this.state().forEach((conflict) => byTask.set(conflict.taskId, [...(byTask.get(conflict.taskId) ?? []), conflict]));
    return byTask;
  });

  async restore(): Promise<void> {
    const stored = (await this.cache.read<TaskConflict[]>(CACHE_NAME)) ?? [];
    stored.forEach((conflict) => this.put(conflict, false));
  }

  add(taskId: string, conflicts: readonly FieldConflict[]): void {
    conflicts.forEach((conflict) => this.put({ ...conflict, taskId }, true));
  }

  /** The choice was made (or the task is gone). */
  remove(taskId: string, field?: string): void {
    this.state.update((all) => all.filter((c) => !(c.taskId === taskId && (field === undefined || c.field === field))));
    this.save();
  }

  reset(): void {
    this.state.set([]);
  }

  private put(conflict: TaskConflict, newer: boolean): void {
    this.state.update((all) => {
      const known = all.find((c) => c.taskId === conflict.taskId && c.field === conflict.field);
      if (known && !newer) {
        return all;
      }
      const kept = all.filter((c) => c !== known);
      return [...kept, known ? { ...conflict, base: known.base } : conflict];
    });
    this.save();
  }

  private save(): void {
    this.cache.write(CACHE_NAME, () => this.state());
  }
}
