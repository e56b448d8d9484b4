// Preloaded into both servers by the bench only (node -r): on SIGUSR2, collect garbage and write
// process.memoryUsage() to MEMORY_PROBE_FILE, so idle-connection memory is compared after GC, not by RSS noise.
const { writeFileSync } = require('node:fs');

process.on('SIGUSR2', () => {
  if (typeof global.gc === 'function') {
    global.gc();
    global.gc();
  }
  writeFileSync(process.env.MEMORY_PROBE_FILE, JSON.stringify(process.memoryUsage()));
});
