/** Values and reads the API suites build their requests and expectations from. */
import type { Api, TestUser } from '../../support/api';

export function repeat(length: number, char = 'x'): string {
  return char.repeat(length);
}

const DAY_MS = 86_400_000;

/** `YYYY-MM-DD` of the UTC day `offsetDays` away from today. */
export function utcDay(offsetDays = 0, now = new Date()): string {
  return new Date(now.getTime() + offsetDays * DAY_MS).toISOString().slice(0, 10);
}

/** The event-log head as a list answer reports it. */
export async function logHead(api: Api, user: TestUser): Promise<number> {
  const answer = await api.request('GET', '/api/tasks?limit=1', { token: user.token });
  if (answer.status !== 200) throw new Error(`list failed: ${answer.status} ${JSON.stringify(answer.body)}`);
  return answer.body.seq;
}
