import type { TaskDto } from '@taskpulse/contract';

/**
 * The last snapshot of tasks that left the list (deleted here, unshared, filtered away, or the page closed), so
 * an event that no longer carries the task (a deletion) can still be told with its title. Oldest forgotten first.
 */
export class DepartedTasks {
  private readonly tasks = new Map<string, TaskDto>();

  constructor(private readonly capacity: number) {}

  remember(task: TaskDto): void {
    this.tasks.delete(task.id);
    this.tasks.set(task.id, task);
    if (this.tasks.size > this.capacity) {
      this.tasks.delete(this.tasks.keys().next().value as string);
    }
  }

  get(id: string): TaskDto | undefined {
    return this.tasks.get(id);
  }

  clear(): void {
    this.tasks.clear();
  }
}
