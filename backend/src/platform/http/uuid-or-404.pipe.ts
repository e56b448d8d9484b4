import { NotFoundException, ParseUUIDPipe } from '@nestjs/common';

/** A malformed id names nothing the caller can see: 404 `<what> not found`, like any other invisible row. */
export const uuidOr404 = (what: string) => new ParseUUIDPipe({ exceptionFactory: () => new NotFoundException(`${what} not found`) });
