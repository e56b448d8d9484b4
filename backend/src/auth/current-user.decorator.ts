import { createParamDecorator, ExecutionContext } from '@nestjs/common';

export interface AuthUser {
  id: string;
  /** The session the access token was issued for (null for a token without `sid`). */
  sessionId: string | null;
  tokenExpiresAt: number;
}

/** The authenticated caller, as put on the request by JwtAuthGuard. */
export const CurrentUser = createParamDecorator((_: unknown, context: ExecutionContext): AuthUser => {
  return context.switchToHttp().getRequest().user;
});
