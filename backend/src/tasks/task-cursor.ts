import { BadRequestException } from '@nestjs/common';
import type { TaskOrder } from './task-order';

/**
 * Opaque keyset cursors: the sort-key values of the last task of a page, for the order it was read in. The
 * default order (created) keeps its first form, `createdAt|id`; the others carry their sort's name, so a cursor
 * from another order is a 400 rather than a wrong page.
 */
const invalid = () => new BadRequestException(['cursor is not valid']);
const isUuid = (value: unknown) => typeof value === 'string' && /^[0-9a-f-]{36}$/i.test(value);

export function encodeCursor(order: TaskOrder, values: ReadonlyArray<string | number>): string {
  const text = order.sort === 'created' ? values.join('|') : JSON.stringify([order.sort, ...values]);
  return Buffer.from(text).toString('base64url');
}

export function decodeCursor(order: TaskOrder, cursor: string): Array<string | number> {
  const text = Buffer.from(cursor, 'base64url').toString('utf8');
  if (order.sort === 'created') {
    const [createdAt, id, extra] = text.split('|');
    if (extra !== undefined || !createdAt || !id || Number.isNaN(Date.parse(createdAt)) || !isUuid(id)) throw invalid();
    return [createdAt, id];
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw invalid();
  }
  if (!Array.isArray(parsed) || parsed[0] !== order.sort || parsed.length !== order.keys.length + 1) throw invalid();
  const values = parsed.slice(1) as unknown[];
  const fits = values.every((value, i) =>
    order.keys[i].name === 'priority'
      ? Number.isInteger(value)
      : typeof value === 'string' && value.length <= 10_000 && (order.keys[i].name !== 'id' || isUuid(value)),
  );
  if (!fits) throw invalid();
  return values as Array<string | number>;
}
