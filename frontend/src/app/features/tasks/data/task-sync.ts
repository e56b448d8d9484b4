import { HttpErrorResponse } from '@angular/common/http';
import { Injectable, computed, inject } from '@angular/core';
import { Observable, Subject, map } from 'rxjs';
import type { SharePermission, TaskDto, TaskStatus } from '@taskpulse/contract';
import { staleTaskOf } from '../../../core/api/http-errors';
import { AuthService } from '../../../core/auth/auth.service';
import { Outbox } from '../../../core/storage/outbox';
import type { OutboxOutcome, OutboxRequest } from '../../../core/storage/outbox-entry';
import { UndoService } from '../../../core/ui/undo/undo.service';
import { KnownTasks } from './known-tasks';
import { MergeConflicts, type TaskConflict } from './merge-conflicts';
import { TASK_OUTBOX_KIND, type TaskChange, type TaskEntry, changesByTask, taskEntries, titleOf, withPending } from './pending-changes';
import { fieldsOf, mergeChanges } from './task-merge';
import type { TaskChanges, TaskDraft } from './task.types';

/** What the server said about a task through a change of mine: its new state, or that it is gone. */
export type TaskAnswer = { readonly task: TaskDto } | { readonly gone: string };

/**
 * Every change to tasks goes through here: it applies at once (the screen shows the queued change on top of the
 * server's state), goes into the outbox with its mutation id, and can be undone. When its turn comes it is merged
 * with what changed meanwhile: fields only I changed are sent on top of the current version, fields both changed
 * become a choice (`MergeConflicts`).
 */
@Injectable({ providedIn: 'root' })
export class TaskSync {
  private readonly outbox = inject(Outbox);
  private readonly auth = inject(AuthService);
  private readonly known = inject(KnownTasks);
  private readonly undo = inject(UndoService);
  private readonly answersSubject = new Subject<TaskAnswer>();

  readonly conflicts = inject(MergeConflicts);
  readonly entries = computed(() => taskEntries(this.outbox.entries()));
  /** Queued changes by task id, in the order they were made. */
  readonly pending = computed(() => changesByTask(this.entries()));
  /** Why the oldest queued change of a task did not get through yet, by task id. */
  readonly problemOf = computed(() => {
    const problems = new Map<string, string>();
    this.entries().forEach((entry) => entry.problem && !problems.has(entry.meta.taskId) && problems.set(entry.meta.taskId, entry.problem));
    return problems;
  });
  /** The server's answers to my changes (the list puts them in place of the queued change). */
  readonly answers$ = this.answersSubject.asObservable();

  constructor() {
    this.outbox.register<TaskChange>(TASK_OUTBOX_KIND, {
      prepare: (entry) => this.prepare(entry),
      accepted: (entry, body) => this.accepted(entry, body),
      refused: (entry, error) => this.refused(entry, error),
      describe: (entry, message) => `“${titleOf(entry.meta)}” was not saved: ${message}`,
    });
  }

  /** The task as the person sees it: the server's last word with my queued changes on top. */
  current(id: string): TaskDto | null | undefined {
    return withPending(this.known.get(id), this.pending().get(id) ?? []);
  }

  /** Shows the task at once and queues it; the id is made by the caller, so a retry never makes a duplicate. */
  create(id: string, draft: TaskDraft): Observable<TaskDto> {
    const ownerId = this.auth.userId() ?? '';
    const now = new Date().toISOString();
    const task: TaskDto = {
      id,
      ...draft,
      status: 'pending',
      ownerId,
      createdAt: now,
      updatedAt: now,
      completedAt: null,
      version: 0,
      permission: 'owner',
      assigneeIds: [],
      labels: [],
      checklist: [],
      position: '',
      commentCount: 0,
    };
    const body: Record<string, unknown> = { id, title: draft.title, priority: draft.priority };
    if (draft.description) body['description'] = draft.description;
    if (draft.dueDate) body['dueDate'] = draft.dueDate;
    if (draft.teamId) body['teamId'] = draft.teamId;
    this.offerUndo(`Added “${task.title}”`, () => this.remove(this.current(id) ?? task, false));
    return this.queue({ method: 'POST', url: '/api/tasks', body }, { op: 'create', taskId: id, task }, true).pipe(
      map((outcome) => (outcome.status === 'sent' ? (outcome.body as TaskDto) : task)),
    );
  }

  /** Applies at once; queued, then merged with whatever changed meanwhile when it is sent. */
  update(task: TaskDto, changes: TaskChanges, undoable = true): Observable<OutboxOutcome> {
    const base = fieldsOf(task, changes);
    const change: TaskChange = { op: 'update', taskId: task.id, base, changes, version: task.version, title: task.title };
    if (undoable) {
      this.offerUndo(labelOf(task, changes), () => {
        const now = this.current(task.id);
        if (now) this.update(now, base, false).subscribe({ error: () => undefined });
      });
    }
    return this.queue(patch(task.id, changes, task.version), change);
  }

  remove(task: TaskDto, undoable = true): Observable<OutboxOutcome> {
    if (undoable) {
      this.offerUndo(`Deleted “${task.title}”`, () => this.restore(task).subscribe({ error: () => undefined }));
    }
    return this.queue({ method: 'DELETE', url: `/api/tasks/${task.id}` }, { op: 'delete', taskId: task.id, task });
  }

  /** Brings a deleted task back from the trash (`POST /api/tasks/:id/restore`). */
  restore(task: TaskDto): Observable<OutboxOutcome> {
    return this.queue({ method: 'POST', url: `/api/tasks/${task.id}/restore` }, { op: 'restore', taskId: task.id, task });
  }

  setStatus(task: TaskDto, status: TaskStatus): Observable<OutboxOutcome> {
    return this.update(task, { status });
  }

  /** Leaves a task shared with me: removes my own share. */
  leave(task: TaskDto): Observable<OutboxOutcome> {
    const me = this.auth.userId() ?? '';
    return this.queue({ method: 'DELETE', url: `/api/tasks/${task.id}/shares/${me}` }, { op: 'leave', taskId: task.id, task });
  }

  share(task: TaskDto, email: string, permission: SharePermission): Observable<OutboxOutcome> {
    return this.queue(
      { method: 'POST', url: `/api/tasks/${task.id}/shares`, body: { email, permission } },
      { op: 'share', taskId: task.id, email, permission, title: task.title },
      true,
    );
  }

  /** The person chose between their value and the other person's for a field both changed. */
  choose(conflict: TaskConflict, keep: 'mine' | 'theirs'): void {
    this.conflicts.remove(conflict.taskId, conflict.field);
    const now = this.current(conflict.taskId);
    if (keep === 'mine' && now) {
      this.update(now, { [conflict.field]: conflict.mine } as TaskChanges).subscribe({ error: () => undefined });
    }
  }

  /** Sends what is queued now (the server is reachable again). */
  flush(): void {
    this.outbox.drain();
  }

  reset(): void {
    this.conflicts.reset();
    this.undo.clear();
  }

  /** `callerTellsRefusal`: the form that made the change shows a refusal itself (not the header too). */
  private queue(request: OutboxRequest, change: TaskChange, callerTellsRefusal = false): Observable<OutboxOutcome> {
    return this.outbox.enqueue(TASK_OUTBOX_KIND, request, change, { callerTellsRefusal });
  }

  private offerUndo(label: string, undo: () => void): void {
    this.undo.push({ label, undo });
  }

  /** An edit is merged with what the server has now before it is sent, so it never overwrites unseen changes. */
  private prepare({ meta, request }: TaskEntry): OutboxRequest | null {
    const current = meta.op === 'update' ? this.known.get(meta.taskId) : undefined;
    if (meta.op !== 'update' || !current || current.version < meta.version) {
      return request;
    }
    return this.merged(meta, current);
  }

  private merged(change: TaskChange & { op: 'update' }, current: TaskDto): OutboxRequest | null {
    const { resend, conflicts } = mergeChanges(change.base, change.changes, current);
    this.conflicts.add(change.taskId, conflicts);
    return Object.keys(resend).length ? patch(change.taskId, resend, current.version) : null;
  }

  private accepted({ meta }: TaskEntry, body: unknown): void {
    if (meta.op === 'delete' || meta.op === 'leave') {
      this.gone(meta.taskId);
    } else if (meta.op !== 'share' && body && typeof body === 'object') {
      this.confirm(body as TaskDto);
    }
  }

  private refused({ meta }: TaskEntry, error: unknown): OutboxRequest | 'resolved' | null {
    const status = error instanceof HttpErrorResponse ? error.status : 0;
    const current = staleTaskOf(error);
    if (meta.op === 'update' && current) {
      this.confirm(current);
      return this.merged(meta, current) ?? 'resolved';
    }
    if ((meta.op === 'delete' || meta.op === 'leave') && status === 404) {
      this.gone(meta.taskId);
      return 'resolved';
    }
    if (status === 404) {
      this.gone(meta.taskId);
    }
    return null;
  }

  private confirm(task: TaskDto): void {
    this.known.upsert(task);
    this.answersSubject.next({ task });
  }

  private gone(id: string): void {
    this.known.drop(id);
    this.conflicts.remove(id);
    this.answersSubject.next({ gone: id });
  }
}

function patch(id: string, changes: TaskChanges, version: number): OutboxRequest {
  return { method: 'PATCH', url: `/api/tasks/${id}`, body: { ...changes, version } };
}

function labelOf(task: TaskDto, changes: TaskChanges): string {
  const keys = Object.keys(changes);
  if (keys.length === 1 && changes.status) {
    return `${changes.status === 'completed' ? 'Completed' : 'Reopened'} “${task.title}”`;
  }
  return `Edited “${task.title}”`;
}
