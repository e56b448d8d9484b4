/** Bulk data through the API, for the suites that need long lists. */
import type { TaskDto } from '@taskpulse/contract';
import { Api, TestUser } from '../../support/api';

/** Creates `count` tasks titled `${prefix} 001` …, `parallel` requests at a time. */
export async function createTasks(
  api: Api,
  user: TestUser,
  count: number,
  prefix: string,
  body: Record<string, unknown> = {},
  parallel = 8,
): Promise<TaskDto[]> {
  const created: TaskDto[] = [];
  for (let start = 0; start < count; start += parallel) {
    const batch = Array.from({ length: Math.min(parallel, count - start) }, (_, i) =>
      api.createTask(user, { title: `${prefix} ${String(start + i + 1).padStart(3, '0')}`, ...body }),
    );
    created.push(...(await Promise.all(batch)));
  }
  return created;
}
