import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { UsersModule } from '../users/users.module';
import { CredentialRateLimitGuard } from './credential-rate-limit.guard';
import { AuthController } from './auth.controller';
import { AuthService } from './auth.service';
import { JwtAuthGuard } from './jwt-auth.guard';
import { RefreshTokensRepository } from './refresh-tokens.repository';
import { SessionsRepository } from './sessions.repository';
import { TokenVerifier } from './token-verifier';
import { UserRateLimitGuard } from './user-rate-limit.guard';

@Module({
  imports: [UsersModule],
  controllers: [AuthController],
  providers: [
    AuthService,
    RefreshTokensRepository,
    SessionsRepository,
    TokenVerifier,
    CredentialRateLimitGuard,
    // In this order: the per-user budgets need to know the user.
    { provide: APP_GUARD, useClass: JwtAuthGuard },
    { provide: APP_GUARD, useClass: UserRateLimitGuard },
  ],
  exports: [TokenVerifier, SessionsRepository],
})
export class AuthModule {}
