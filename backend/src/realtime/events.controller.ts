import { Controller, Get, Query, Req, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiHeader, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { Public } from '../platform/http/public.decorator';
import { SseService } from './sse.service';

@ApiTags('realtime')
@ApiBearerAuth()
@Controller('events')
export class EventsController {
  constructor(private readonly sse: SseService) {}

  /** Authenticated by SseService itself: EventSource sends the token in the query, not in a header. */
  @Public()
  @Get()
  @ApiOperation({ summary: 'The realtime messages as server-sent events (text/event-stream)' })
  @ApiQuery({ name: 'token', required: false, description: 'Access token, when no Authorization header can be sent' })
  @ApiQuery({ name: 'since', required: false, description: 'Resume after this seq (Last-Event-ID wins when both are sent)' })
  @ApiHeader({ name: 'Last-Event-ID', required: false })
  open(
    @Req() request: Request,
    @Res() response: Response,
    @Query('token') token?: string | string[],
    @Query('since') since?: string | string[],
  ): void {
    this.sse.open(request, response, { token: single(token), since: single(since) });
  }
}

function single(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}
