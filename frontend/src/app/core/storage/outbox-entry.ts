/** What the outbox keeps on the device for each change not yet accepted by the server. */
export type OutboxMethod = 'POST' | 'PATCH' | 'DELETE';

export interface OutboxRequest {
  readonly method: OutboxMethod;
  readonly url: string;
  readonly body?: unknown;
}

export interface OutboxEntry<M = unknown> {
  /** Storage key: `outbox:<user>:<time>:<n>`, so key order is the order the changes were made in. */
  readonly key: string;
  /** Sent as `X-Mutation-Id` on every attempt: the echo of the change carries it back, retries reuse it. */
  readonly id: string;
  /** Which handler sends it and applies its answer (e.g. `task.update`). */
  readonly kind: string;
  readonly request: OutboxRequest;
  /** What the handler needs besides the request (the task, its fields before the change …). */
  readonly meta: M;
  readonly attempts: number;
  /** Why the last attempt did not get through, for people; null before the first failure. */
  readonly problem: string | null;
}

export type OutboxOutcome = { readonly status: 'sent'; readonly body: unknown } | { readonly status: 'queued' };

/** A change the server refused for good: shown to the person, then dropped. */
export interface OutboxProblem {
  readonly id: string;
  readonly kind: string;
  readonly meta: unknown;
  readonly message: string;
}

/** How one kind of change is sent and what its answers do. */
export interface OutboxHandler<M = unknown> {
  /** Just before each attempt: the request to send now (e.g. rebased on the latest version), or null to send nothing. */
  prepare?(entry: OutboxEntry<M>): OutboxRequest | null;
  /** The server accepted it; runs before the entry leaves the outbox, so the screen never flickers back. */
  accepted?(entry: OutboxEntry<M>, body: unknown): void;
  /**
   * A final refusal (4xx): a request to send instead (a merged 409), `resolved` when nothing is left to do
   * (deleting what is already gone), or null to drop the change and tell the person.
   */
  refused?(entry: OutboxEntry<M>, error: unknown): OutboxRequest | 'resolved' | null;
  /** How a refusal is told (defaults to the server's words). */
  describe?(entry: OutboxEntry<M>, message: string): string;
}
