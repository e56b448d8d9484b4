import { Body, Controller, Get, HttpCode, NotFoundException, Post, Query, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { AuthRateLimitGuard } from './auth-rate-limit.guard';
import { AuthService, type AuthSession } from './auth.service';
import { type AuthUser, CurrentUser, Public } from './current-user';
import { LoginDto, RefreshTokenDto, RegisterDto, UserLookupQuery } from './dto/auth.dto';
import { type PublicUser } from './user.entity';

@ApiTags('auth')
@Controller('auth')
export class AuthController {
  constructor(private readonly auth: AuthService) {}

  @Public()
  @UseGuards(AuthRateLimitGuard)
  @Post('register')
  register(@Body() dto: RegisterDto): Promise<AuthSession> {
    return this.auth.register(dto);
  }

  @Public()
  @UseGuards(AuthRateLimitGuard)
  @Post('login')
  @HttpCode(200)
  login(@Body() dto: LoginDto): Promise<AuthSession> {
    return this.auth.login(dto);
  }

  @Public()
  @UseGuards(AuthRateLimitGuard)
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
    const user = await this.auth.findUser(caller.id);
    if (!user) throw new NotFoundException('User not found');
    return user;
  }
}

@ApiTags('users')
@ApiBearerAuth()
@Controller('users')
export class UsersController {
  constructor(private readonly auth: AuthService) {}

  /** Exact (case-insensitive) email match only: used to find someone to share with. */
  @Get()
  lookup(@Query() query: UserLookupQuery): Promise<PublicUser[]> {
    return this.auth.findByEmail(query.email);
  }
}
