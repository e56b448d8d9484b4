import { Injectable } from '@nestjs/common';
import type { Connection } from './connection';

/**
 * A user with at least one live connection on this instance, and the teams they are in as of the last event
 * delivered here. All of a user's live connections are at that same position, so they share this one record.
 */
export interface LiveUser {
  readonly userId: string;
  readonly connections: Set<Connection>;
  readonly teams: Set<string>;
}

const noUsers: ReadonlySet<LiveUser> = new Set();

/**
 * The accepted sockets of this instance: by socket (for message handlers), by user (for limits and delivery), and
 * the live users by team, so an event addressed to a team reaches its members' sockets without a list of members.
 * Team sets change only through `joinTeam` / `leaveTeam`, which delivery calls with the membership events
 * themselves, in seq order: they are never ahead of or behind the log.
 */
@Injectable()
export class ConnectionRegistry {
  private readonly bySocket = new Map<object, Connection>();
  private readonly perUser = new Map<string, number>();
  private readonly live = new Map<string, LiveUser>();
  private readonly byTeam = new Map<string, Set<LiveUser>>();
  private readonly removedListeners: Array<(connection: Connection) => void> = [];

  /** An accepted connection, still opening (acknowledged, maybe replaying); not yet reached by live events. */
  add(connection: Connection): void {
    this.bySocket.set(connection.key, connection);
    this.perUser.set(connection.userId, (this.perUser.get(connection.userId) ?? 0) + 1);
  }

  /**
   * The connection now receives live events. `teams` are its user's teams as of the last delivered event; a user
   * who is live already keeps the record delivery has been updating.
   */
  goLive(connection: Connection, teams: Iterable<string>): void {
    let user = this.live.get(connection.userId);
    if (!user) {
      user = { userId: connection.userId, connections: new Set(), teams: new Set(teams) };
      this.live.set(user.userId, user);
      for (const team of user.teams) this.membersOf(team, true).add(user);
    }
    user.connections.add(connection);
  }

  /** Forgets the connection of a socket (or SSE response) and returns it (undefined for ones refused at connect). */
  remove(socket: object): Connection | undefined {
    const connection = this.bySocket.get(socket);
    if (!connection) return undefined;
    this.bySocket.delete(socket);
    const count = (this.perUser.get(connection.userId) ?? 1) - 1;
    if (count === 0) this.perUser.delete(connection.userId);
    else this.perUser.set(connection.userId, count);
    const user = this.live.get(connection.userId);
    if (user?.connections.delete(connection) && user.connections.size === 0) {
      this.live.delete(user.userId);
      for (const team of user.teams) this.leaveIndex(team, user);
    }
    for (const listener of this.removedListeners) listener(connection);
    return connection;
  }

  /** Called with every connection that goes (what it held, such as presence, goes with it). */
  onRemoved(listener: (connection: Connection) => void): void {
    this.removedListeners.push(listener);
  }

  get(socket: object): Connection | undefined {
    return this.bySocket.get(socket);
  }

  countFor(userId: string): number {
    return this.perUser.get(userId) ?? 0;
  }

  liveUser(userId: string): LiveUser | undefined {
    return this.live.get(userId);
  }

  liveMembersOf(teamId: string): ReadonlySet<LiveUser> {
    return this.byTeam.get(teamId) ?? noUsers;
  }

  joinTeam(userId: string, teamId: string): void {
    const user = this.live.get(userId);
    if (!user || user.teams.has(teamId)) return;
    user.teams.add(teamId);
    this.membersOf(teamId, true).add(user);
  }

  leaveTeam(userId: string, teamId: string): void {
    const user = this.live.get(userId);
    if (!user?.teams.delete(teamId)) return;
    this.leaveIndex(teamId, user);
  }

  all(): IterableIterator<Connection> {
    return this.bySocket.values();
  }

  get size(): number {
    return this.bySocket.size;
  }

  private membersOf(teamId: string, create: true): Set<LiveUser> {
    let members = this.byTeam.get(teamId);
    if (!members && create) this.byTeam.set(teamId, (members = new Set()));
    return members!;
  }

  private leaveIndex(teamId: string, user: LiveUser): void {
    const members = this.byTeam.get(teamId);
    if (members?.delete(user) && members.size === 0) this.byTeam.delete(teamId);
  }
}
