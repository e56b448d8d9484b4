import { Inject, Injectable, Logger, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import { PRESENCE_TTL_MS, type PresenceState, type PresenceUser } from '@taskpulse/contract';
import type { Connection } from '../connection';
import { ConnectionRegistry, type LiveUser } from '../connection-registry';
import { PresenceBus, type PresenceChange } from './presence-bus';
import type { PresenceInput } from './presence-input';
import { canSee, PresenceRepository, type TaskViewers } from './presence.repository';

export const PRESENCE_INSTANCE = Symbol('PRESENCE_INSTANCE');

/** How often expired presence is swept. */
const SWEEP_MS = 1000;

interface Entry {
  key: string;
  userId: string;
  name: string;
  state: PresenceState;
  field: string | null;
  expiresAt: number;
}

/** Who holds a presence: a connection (`<user>:<connection id>`), or a user's REST heartbeats without one. */
export function presenceKey(userId: string, connectionId: string | null): string {
  return `${userId}:${connectionId ?? 'http'}`;
}

const rank: Record<PresenceState, number> = { viewing: 1, editing: 2 };

/**
 * Who is viewing or editing which task, ephemeral and never logged. Every instance keeps every presence (the bus
 * brings the others'), expires it 30 s after its last heartbeat, and sends each change to its own live users who can
 * see the task, read from the database at that moment, never to anyone else. A user's presence is shown only while
 * they can see the task themselves. A connection that goes takes its presence with it.
 */
@Injectable()
export class PresenceService implements OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger(PresenceService.name);
  /** taskId → key → entry. */
  private readonly tasks = new Map<string, Map<string, Entry>>();
  /** key → the tasks it is present on. */
  private readonly byKey = new Map<string, Set<string>>();
  /** Tasks whose presence changed and is being (or waits to be) sent, with the users whose presence changed. */
  private readonly dirty = new Map<string, { actors: Set<string>; joined: Set<string> }>();
  private readonly sending = new Set<string>();
  private unsubscribe: (() => void) | null = null;
  private timer: NodeJS.Timeout | null = null;

  constructor(
    private readonly bus: PresenceBus,
    private readonly repository: PresenceRepository,
    private readonly registry: ConnectionRegistry,
    @Inject(PRESENCE_INSTANCE) private readonly instance: string,
  ) {}

  onModuleInit(): void {
    this.unsubscribe = this.bus.subscribe((change) => this.apply(change));
    this.registry.onRemoved((connection) => this.disconnected(connection));
    this.timer = setInterval(() => this.sweep(Date.now()), SWEEP_MS);
    this.timer.unref();
  }

  onModuleDestroy(): void {
    this.unsubscribe?.();
    if (this.timer) clearInterval(this.timer);
  }

  /**
   * A presence heartbeat of `userId` (from a socket message, or REST with the connection id of its stream). False,
   * and nothing recorded, when the user cannot see the task.
   */
  async update(userId: string, connectionId: string | null, input: PresenceInput): Promise<boolean> {
    const viewers = await this.repository.viewers(input.task_id, [userId]);
    if (!viewers || !canSee(viewers, userId)) return false;
    const key = presenceKey(userId, connectionId);
    const common = { instance: this.instance, key, taskId: input.task_id, userId };
    if (input.state === 'left') this.bus.publish({ op: 'remove', ...common });
    else this.bus.publish({ op: 'set', ...common, name: viewers.names.get(userId) ?? '', state: input.state, field: input.field });
    return true;
  }

  /** Everything the connection (and its user's REST heartbeats naming it) held goes with it. */
  private disconnected(connection: Connection): void {
    const key = presenceKey(connection.userId, connection.id);
    for (const taskId of [...(this.byKey.get(key) ?? [])]) {
      this.bus.publish({ op: 'remove', instance: this.instance, key, taskId, userId: connection.userId });
    }
  }

  private apply(change: PresenceChange): void {
    let entries = this.tasks.get(change.taskId);
    if (change.op === 'remove') {
      if (!entries?.delete(change.key)) return;
      this.forget(change.key, change.taskId, entries);
      this.markDirty(change.taskId, change.userId, false);
      return;
    }
    if (!entries) this.tasks.set(change.taskId, (entries = new Map()));
    const before = entries.get(change.key);
    const expiresAt = Date.now() + PRESENCE_TTL_MS;
    entries.set(change.key, {
      key: change.key,
      userId: change.userId,
      name: change.name,
      state: change.state,
      field: change.field,
      expiresAt,
    });
    let keyed = this.byKey.get(change.key);
    if (!keyed) this.byKey.set(change.key, (keyed = new Set()));
    keyed.add(change.taskId);
    if (!before || before.state !== change.state || before.field !== change.field) {
      // Someone arriving (on this instance) is told who is there already.
      this.markDirty(change.taskId, change.userId, !before && change.instance === this.instance);
    }
  }

  private forget(key: string, taskId: string, entries: Map<string, Entry>): void {
    const keyed = this.byKey.get(key);
    keyed?.delete(taskId);
    if (keyed?.size === 0) this.byKey.delete(key);
    if (entries.size === 0) this.tasks.delete(taskId);
  }

  sweep(now: number): void {
    for (const [taskId, entries] of this.tasks) {
      for (const [key, entry] of entries) {
        if (entry.expiresAt > now) continue;
        entries.delete(key);
        this.forget(key, taskId, entries);
        this.markDirty(taskId, entry.userId, false);
      }
    }
  }

  private markDirty(taskId: string, userId: string, joined: boolean): void {
    let pending = this.dirty.get(taskId);
    if (!pending) this.dirty.set(taskId, (pending = { actors: new Set(), joined: new Set() }));
    pending.actors.add(userId);
    if (joined) pending.joined.add(userId);
    if (!this.sending.has(taskId)) void this.send(taskId);
  }

  /** Sends the task's presence to its live viewers here; changes made meanwhile go out in the next round. */
  private async send(taskId: string): Promise<void> {
    this.sending.add(taskId);
    try {
      for (let pending = this.dirty.get(taskId); pending; pending = this.dirty.get(taskId)) {
        this.dirty.delete(taskId);
        const entries = [...(this.tasks.get(taskId)?.values() ?? [])];
        const viewers = await this.repository.viewers(taskId, [...new Set(entries.map((e) => e.userId))]);
        if (!viewers) {
          this.drop(taskId);
          continue;
        }
        this.deliver(taskId, viewers, presentUsers(entries.filter((e) => canSee(viewers, e.userId))), pending);
      }
    } catch (error) {
      this.logger.warn(`sending presence of task ${taskId} failed: ${error instanceof Error ? error.message : String(error)}`);
    } finally {
      this.sending.delete(taskId);
    }
  }

  /**
   * To every live user here who can see the task: the others present. Users whose own presence changed are not told
   * again (their view of the others did not change), unless they just arrived.
   */
  private deliver(
    taskId: string,
    viewers: TaskViewers,
    users: PresenceUser[],
    changed: { actors: Set<string>; joined: Set<string> },
  ): void {
    const recipients = new Set<LiveUser>();
    for (const id of [viewers.ownerId, ...viewers.shares]) {
      const user = this.registry.liveUser(id);
      if (user) recipients.add(user);
    }
    if (viewers.teamId) for (const user of this.registry.liveMembersOf(viewers.teamId)) recipients.add(user);
    const timestamp = new Date().toISOString();
    for (const recipient of recipients) {
      const others = users.filter((u) => u.user_id !== recipient.userId);
      if (changed.actors.has(recipient.userId) && !(changed.joined.has(recipient.userId) && others.length > 0)) continue;
      const message = { event_type: 'presence', timestamp, data: { task_id: taskId, users: others } };
      for (const connection of recipient.connections) connection.sendMessage('presence', message);
    }
  }

  /** The task is gone (deleted, trashed): its presence with it; nobody may be told about it. */
  private drop(taskId: string): void {
    const entries = this.tasks.get(taskId);
    if (!entries) return;
    for (const key of [...entries.keys()]) {
      entries.delete(key);
      this.forget(key, taskId, entries);
    }
  }
}

/** One line per user: their strongest state (editing over viewing) and, editing, the field of the latest heartbeat. */
function presentUsers(entries: readonly Entry[]): PresenceUser[] {
  const byUser = new Map<string, Entry>();
  for (const entry of entries) {
    const best = byUser.get(entry.userId);
    if (!best || rank[entry.state] > rank[best.state] || (rank[entry.state] === rank[best.state] && entry.expiresAt > best.expiresAt)) {
      byUser.set(entry.userId, entry);
    }
  }
  return [...byUser.values()]
    .sort((a, b) => a.name.localeCompare(b.name) || a.userId.localeCompare(b.userId))
    .map((e) => ({ user_id: e.userId, name: e.name, state: e.state, field: e.field }));
}
