import { ArgumentsHost, Catch, ExceptionFilter, Logger } from '@nestjs/common';
import { WsException } from '@nestjs/websockets';
import type WebSocket from 'ws';
import { closeCodes, type ErrorCode } from '@taskpulse/contract';

const OPEN = 1;

/**
 * Every failure of a message handler ends here (Nest's default filter would send its own `exception` frames):
 * a WsException carrying `{code, message}` becomes an `error` event; anything unexpected is logged and the
 * connection closes 1011. Other clients are never affected.
 */
@Catch()
export class RealtimeExceptionFilter implements ExceptionFilter {
  private readonly logger = new Logger(RealtimeExceptionFilter.name);

  catch(exception: unknown, host: ArgumentsHost): void {
    const socket = host.switchToWs().getClient<WebSocket>();
    if (socket.readyState !== OPEN) return;
    if (exception instanceof WsException) {
      const error = exception.getError();
      if (typeof error === 'object' && error !== null && 'code' in error) {
        const { code, message } = error as { code: ErrorCode; message: string };
        socket.send(JSON.stringify({ event_type: 'error', timestamp: new Date().toISOString(), data: { code, message } }));
      }
      return;
    }
    this.logger.error(`message handler failed: ${exception instanceof Error ? exception.stack : String(exception)}`);
    socket.close(closeCodes.INTERNAL_ERROR, 'internal error');
  }
}
