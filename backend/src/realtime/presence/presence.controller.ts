import { BadRequestException, Body, Controller, HttpCode, NotFoundException, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiOperation, ApiTags } from '@nestjs/swagger';
import { type AuthUser, CurrentUser } from '../../auth/current-user.decorator';
import { checkPresence } from './presence-input';
import { PresenceService } from './presence.service';

const CONNECTION_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * `POST /api/presence`: the socket's `presence` message for clients without an upstream (server-sent events).
 * `connection_id` (from `connection_ack`) ties it to that stream, so it ends with the stream; without it, it ends
 * 30 s after the last heartbeat, or with `state: "left"`.
 */
@ApiTags('realtime')
@ApiBearerAuth()
@Controller('presence')
export class PresenceController {
  constructor(private readonly presence: PresenceService) {}

  @Post()
  @HttpCode(204)
  @ApiOperation({ summary: 'Presence on a task (viewing, editing a field, left), for clients on server-sent events' })
  @ApiBody({
    schema: {
      type: 'object',
      required: ['task_id', 'state'],
      properties: {
        task_id: { type: 'string', format: 'uuid' },
        state: { enum: ['viewing', 'editing', 'left'] },
        field: { type: 'string', maxLength: 64 },
        connection_id: { type: 'string', format: 'uuid' },
      },
    },
  })
  async update(@CurrentUser() user: AuthUser, @Body() body: unknown): Promise<void> {
    if (typeof body !== 'object' || body === null || Array.isArray(body)) throw new BadRequestException(['body must be a JSON object']);
    const { connection_id: connectionId, ...rest } = body as Record<string, unknown>;
    const unknown = Object.keys(rest).filter((name) => !['task_id', 'state', 'field'].includes(name));
    if (unknown.length > 0) throw new BadRequestException(unknown.map((name) => `property ${name} should not exist`));
    if (connectionId !== undefined && (typeof connectionId !== 'string' || !CONNECTION_ID.test(connectionId))) {
      throw new BadRequestException(['connection_id must be a UUID']);
    }
    const input = checkPresence(rest);
    if ('problem' in input) throw new BadRequestException([input.problem]);
    if (!(await this.presence.update(user.id, (connectionId as string | undefined) ?? null, input)))
      throw new NotFoundException('Task not found');
  }
}
