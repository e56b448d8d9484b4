import { BadRequestException } from '@nestjs/common';
import type { TrashCursor } from './trash.repository';

/** Opaque keyset cursor over (deletedAt desc, id desc). */
export function encodeTrashCursor(cursor: TrashCursor): string {
  return Buffer.from(`${cursor.deletedAt}|${cursor.id}`).toString('base64url');
}

export function decodeTrashCursor(text: string): TrashCursor {
  const [deletedAt, id, extra] = Buffer.from(text, 'base64url').toString('utf8').split('|');
  if (extra !== undefined || !deletedAt || !id || Number.isNaN(Date.parse(deletedAt)) || !/^[0-9a-f-]{36}$/i.test(id)) {
    throw new BadRequestException(['cursor is not valid']);
  }
  return { deletedAt, id };
}
