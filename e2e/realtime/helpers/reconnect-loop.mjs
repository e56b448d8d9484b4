// A client that resumes from the start of its history and drops after a moment, in a loop: run in a process of
// its own so it does not share an event loop with the probes measuring the bystander.
// Usage: node reconnect-loop.mjs <wsUrl> <token> <clients> <durationMs> <dropAfterMs> <x-forwarded-for>
import WebSocket from 'ws';

const [wsUrl, token, clients, durationMs, dropAfterMs, forwardedFor] = process.argv.slice(2);
const stats = { attempts: 0, acknowledged: 0, turnedAway: 0, replayedEvents: 0, closeCodes: {} };
const deadline = Date.now() + Number(durationMs);

function attempt() {
  return new Promise((resolve) => {
    stats.attempts += 1;
    const socket = new WebSocket(`${wsUrl}?token=${token}&since=0`, { headers: { 'x-forwarded-for': forwardedFor } });
    let acked = false;
    const timer = setTimeout(() => socket.terminate(), Number(dropAfterMs));
    socket.on('message', (data) => {
      const text = data.toString('latin1', 0, 40);
      if (text.includes('connection_ack')) acked = true;
      else if (text.includes('"event_type":"task_')) stats.replayedEvents += 1;
    });
    socket.on('error', () => undefined);
    socket.on('close', (code) => {
      clearTimeout(timer);
      if (acked) stats.acknowledged += 1;
      if (!acked) stats.turnedAway += 1;
      stats.closeCodes[code] = (stats.closeCodes[code] ?? 0) + 1;
      resolve();
    });
  });
}

await Promise.all(
  Array.from({ length: Number(clients) }, async () => {
    while (Date.now() < deadline) await attempt();
  }),
);
process.stdout.write(JSON.stringify(stats));
