import { BadRequestException } from '@nestjs/common';

/** Opaque keyset cursor over (createdAt desc, id desc). */
export interface TaskCursor {
  createdAt: string;
  id: string;
}

export function encodeCursor(cursor: TaskCursor): string {
  return Buffer.from(`${cursor.createdAt}|${cursor.id}`).toString('base64url');
}

export function decodeCursor(text: string): TaskCursor {
  const [createdAt, id, extra] = Buffer.from(text, 'base64url').toString('utf8').split('|');
  if (extra !== undefined || !createdAt || !id || Number.isNaN(Date.parse(createdAt)) || !/^[0-9a-f-]{36}$/i.test(id)) {
    throw new BadRequestException(['cursor is not valid']);
  }
  return { createdAt, id };
}
