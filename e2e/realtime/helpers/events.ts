import type { Api, TestUser } from '../../support/api';
import type { SocketClient } from '../../support/ws';
import { type AnyServerMessage, isLoggedEvent, isTaskEvent, type LoggedServerMessage } from '@taskpulse/contract';

export function loggedEvents(client: SocketClient): LoggedServerMessage[] {
  return client.messages.filter(isLoggedEvent) as LoggedServerMessage[];
}

export function mutationOf(message: AnyServerMessage): string | null | undefined {
  return isLoggedEvent(message) ? message.data.mutation_id : undefined;
}

/** The title of the task a task event carries (undefined for other messages or a task the recipient lost). */
export function titleOf(message: AnyServerMessage): string | undefined {
  return isTaskEvent(message) ? message.data.task?.title : undefined;
}

/** Seqs of the logged events a socket received, which must be strictly increasing. */
export function outOfOrder(client: SocketClient): number {
  const seqs = loggedEvents(client).map((m) => m.seq);
  return seqs.filter((seq, i) => i > 0 && seq <= seqs[i - 1]).length;
}

/**
 * Every user makes a private change and waits for its own echo: delivery is in seq order, so once a socket has
 * its barrier event, every earlier event meant for it has arrived too (and anything missing never will).
 */
export async function barrier(api: Api, pairs: { user: TestUser; client: SocketClient }[], label = 'barrier'): Promise<void> {
  await Promise.all(
    pairs.map(async ({ user, client }, i) => {
      const mutationId = `${label}-${i}-${Date.now()}`;
      await api.createTask(user, { title: 'barrier' }, mutationId);
      await client.waitFor((m) => mutationOf(m) === mutationId, `${label} event of user ${i}`, 10_000);
    }),
  );
}
