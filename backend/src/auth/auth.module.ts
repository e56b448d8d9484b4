import { Global, Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { AuthRateLimitGuard } from './auth-rate-limit.guard';
import { AuthController, UsersController } from './auth.controller';
import { AuthService } from './auth.service';
import { JwtAuthGuard } from './jwt-auth.guard';
import { TokenVerifier } from './token-verifier';

@Global()
@Module({
  controllers: [AuthController, UsersController],
  providers: [AuthService, TokenVerifier, AuthRateLimitGuard, { provide: APP_GUARD, useClass: JwtAuthGuard }],
  exports: [AuthService, TokenVerifier],
})
export class AuthModule {}
