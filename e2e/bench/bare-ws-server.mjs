// Baseline for `npm run bench`: a bare `ws` server that loops over its sockets, run as its own process so
// CPU and memory compare fairly with the TaskPulse server. Driven over IPC by bench/run.ts.
import { WebSocketServer } from 'ws';

const now = () => performance.timeOrigin + performance.now();
const server = new WebSocketServer({ port: Number(process.env.PORT), host: '127.0.0.1' });
const sockets = new Set();
server.on('connection', (socket) => {
  sockets.add(socket);
  socket.on('close', () => sockets.delete(socket));
});

function payload(seq, size) {
  const padding = 'x'.repeat(Math.max(0, size - 80));
  return JSON.stringify({ event_type: 'task_updated', seq, sent: now(), data: { padding } });
}

function broadcast(seq, size) {
  const text = payload(seq, size);
  for (const socket of sockets) socket.send(text);
}

process.on('message', async (command) => {
  if (command.cmd === 'burst') {
    for (let seq = 1; seq <= command.count; seq++) {
      broadcast(seq, command.size);
      // yield so the socket writes flush as they would in a server doing other work
      if (seq % 10 === 0) await new Promise((r) => setImmediate(r));
    }
  } else if (command.cmd === 'paced') {
    for (let seq = 1; seq <= command.count; seq++) {
      broadcast(seq, command.size);
      await new Promise((r) => setTimeout(r, command.intervalMs));
    }
  }
  process.send?.({ done: command.cmd, sockets: sockets.size });
});

server.on('listening', () => process.send?.({ ready: true }));
