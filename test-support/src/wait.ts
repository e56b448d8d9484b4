/** The waits of every spec and suite: each has a deadline and, when it fails, says what it waited for. */

/** Rejects with what it waited for when `promise` does not settle within `ms`. */
export function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  return Promise.race([
    promise.finally(() => clearTimeout(timer)),
    new Promise<T>((_, reject) => (timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms waiting for ${what}`)), ms))),
  ]);
}

/** Polls `check` every `everyMs` until it returns a value other than undefined/false, and resolves with that value. */
export async function eventually<T>(
  check: () => T | undefined | false | Promise<T | undefined | false>,
  what: string,
  ms = 5000,
  everyMs = 25,
): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = await check();
    if (value !== undefined && value !== false) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${ms} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, everyMs));
  }
}

/** Polls an in-process condition every 5 ms, for state that changes on a timer or a callback of the code under test. */
export async function waitUntil(check: () => boolean, what: string, ms = 2000): Promise<void> {
  await eventually(check, what, ms, 5);
}

/**
 * Awaits a wait that has a deadline of its own (Playwright's `timeout` option) and, when it fails, says in one line
 * what was awaited instead of a selector and a call log.
 */
export async function waitingFor<T>(what: string, wait: Promise<T>): Promise<T> {
  try {
    return await wait;
  } catch (error) {
    const reason = error instanceof Error ? error.message.split('\n')[0] : String(error);
    throw new Error(`gave up waiting for ${what}: ${reason}`, { cause: error });
  }
}
