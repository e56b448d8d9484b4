import type express from 'express';

/** Body-parser failures never reach Nest's filters; answer them here without the parser's own message. */
export function bodyParserErrors(error: unknown, _request: express.Request, response: express.Response, next: express.NextFunction): void {
  const type = (error as { type?: unknown })?.type;
  if (type === 'entity.too.large') {
    response.status(413).json({ statusCode: 413, error: 'Payload Too Large', message: 'Request body is too large' });
  } else if (typeof type === 'string') {
    response.status(400).json({ statusCode: 400, error: 'Bad Request', message: 'Malformed JSON body' });
  } else {
    next(error);
  }
}
