import { BadRequestException, createParamDecorator, ExecutionContext } from '@nestjs/common';

/** The optional `X-Mutation-Id` header (≤ 64 printable characters), echoed back in the events it causes. */
export const MutationId = createParamDecorator((_: unknown, context: ExecutionContext): string | null => {
  const value: unknown = context.switchToHttp().getRequest().headers['x-mutation-id'];
  if (value === undefined || value === '') return null;
  if (typeof value !== 'string' || value.length > 64 || !/^[\x21-\x7e]+$/.test(value)) {
    throw new BadRequestException(['X-Mutation-Id must be at most 64 printable characters']);
  }
  return value;
});
