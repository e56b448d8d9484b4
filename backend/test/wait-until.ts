/** Polls `check` every 5 ms until it holds; fails after `ms` naming what it waited for. */
export function waitUntil(check: () => boolean, what: string, ms = 2000): Promise<void> {
  const deadline = Date.now() + ms;
  return new Promise((resolve, reject) => {
    const poll = () => {
      if (check()) return resolve();
      if (Date.now() > deadline) return reject(new Error(`timed out after ${ms} ms waiting for ${what}`));
      setTimeout(poll, 5);
    };
    poll();
  });
}
