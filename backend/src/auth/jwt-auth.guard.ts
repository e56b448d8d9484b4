import { CanActivate, ExecutionContext, Injectable, UnauthorizedException } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { IS_PUBLIC } from '../platform/http/public.decorator';
import { AuthService } from './auth.service';
import { InvalidTokenError, TokenVerifier, type VerifiedToken } from './token-verifier';

/**
 * Global HTTP guard: every route needs `Authorization: Bearer <jwt>` unless marked @Public(). A token whose session
 * has ended (logout, a reused refresh token) is refused at once, on every instance: the session is read from the
 * database, not remembered per instance.
 */
@Injectable()
export class JwtAuthGuard implements CanActivate {
  constructor(
    private readonly verifier: TokenVerifier,
    private readonly auth: AuthService,
    private readonly reflector: Reflector,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (context.getType() !== 'http') return true;
    if (this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, [context.getHandler(), context.getClass()])) return true;
    const request = context.switchToHttp().getRequest();
    const header: unknown = request.headers.authorization;
    const match = typeof header === 'string' ? /^Bearer (\S+)$/i.exec(header) : null;
    if (!match) throw new UnauthorizedException('Missing bearer token');
    let verified: VerifiedToken;
    try {
      verified = this.verifier.verify(match[1]);
    } catch (error) {
      if (error instanceof InvalidTokenError) {
        throw new UnauthorizedException(error.reason === 'expired' ? 'Token expired' : 'Invalid token');
      }
      throw error;
    }
    if (verified.sessionId !== null && (await this.auth.isSessionRevoked(verified.sessionId))) {
      throw new UnauthorizedException('Session ended');
    }
    request.user = { id: verified.userId, sessionId: verified.sessionId, tokenExpiresAt: verified.expiresAt };
    return true;
  }
}
