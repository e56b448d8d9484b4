import { Injectable } from '@nestjs/common';
import type WebSocket from 'ws';
import type { Connection } from './connection';

const none: ReadonlySet<Connection> = new Set();

/** The accepted sockets of this instance, by user (for delivery) and by socket (for message handlers). */
@Injectable()
export class ConnectionRegistry {
  private readonly byUser = new Map<string, Set<Connection>>();
  private readonly bySocket = new Map<WebSocket, Connection>();

  add(connection: Connection): void {
    this.bySocket.set(connection.socket, connection);
    const mine = this.byUser.get(connection.userId);
    if (mine) mine.add(connection);
    else this.byUser.set(connection.userId, new Set([connection]));
  }

  /** Forgets the socket's connection and returns it (undefined for sockets refused at connect). */
  remove(socket: WebSocket): Connection | undefined {
    const connection = this.bySocket.get(socket);
    if (!connection) return undefined;
    this.bySocket.delete(socket);
    const mine = this.byUser.get(connection.userId);
    mine?.delete(connection);
    if (mine?.size === 0) this.byUser.delete(connection.userId);
    return connection;
  }

  get(socket: WebSocket): Connection | undefined {
    return this.bySocket.get(socket);
  }

  forUser(userId: string): ReadonlySet<Connection> {
    return this.byUser.get(userId) ?? none;
  }

  countFor(userId: string): number {
    return this.byUser.get(userId)?.size ?? 0;
  }

  all(): IterableIterator<Connection> {
    return this.bySocket.values();
  }

  get size(): number {
    return this.bySocket.size;
  }
}
