import { Body, Controller, Get, HttpCode, NotFoundException, Post, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { Public } from '../platform/http/public.decorator';
import { type PublicUser } from '../users/user.entity';
import { UsersService } from '../users/users.service';

import { AuthService, type AuthSession } from './auth.service';
import { type AuthUser, CurrentUser } from './current-user.decorator';
import { CredentialRateLimitGuard } from './credential-rate-limit.guard';
import { LoginDto, RefreshTokenDto, RegisterDto } from './dto/auth.dto';

@ApiTags('auth')
@Controller('auth')
export class AuthController {
  constructor(
    private readonly auth: AuthService,
    private readonly users: UsersService,
  ) {}

  @Public()
  @UseGuards(CredentialRateLimitGuard)
  @Post('register')
  register(@Body() dto: RegisterDto): Promise<AuthSession> {
    return this.auth.register(dto);
  }

  @Public()
  @UseGuards(CredentialRateLimitGuard)
  @Post('login')
  @HttpCode(200)
  login(@Body() dto: LoginDto): Promise<AuthSession> {
    return this.auth.login(dto);
  }

  @Public()
  @UseGuards(CredentialRateLimitGuard)
  @Post('refresh')
  @HttpCode(200)
  refresh(@Body() dto: RefreshTokenDto): Promise<AuthSession> {
    return this.auth.refresh(dto.refresh_token);
  }

  @Public()
  @Post('logout')
  @HttpCode(204)
  async logout(@Body() dto: RefreshTokenDto): Promise<void> {
    await this.auth.logout(dto.refresh_token);
  }

  @ApiBearerAuth()
  @Get('me')
  async me(@CurrentUser() caller: AuthUser): Promise<PublicUser> {
    const user = await this.users.findUser(caller.id);
    if (!user) throw new NotFoundException('User not found');
    return user;
  }
}
