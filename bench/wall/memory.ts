// Heap, RSS and CPU time so far of this process after full collections (the process must run with --expose-gc).
export async function measureMemory() {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (!gc) throw new Error("run with --expose-gc");
  // A few rounds with pauses between, so finalizers and freed sockets' buffers settle.
  for (let i = 0; i < 4; i++) {
    gc();
    await new Promise((r) => setTimeout(r, 50));
  }
  const m = process.memoryUsage();
  const cpu = process.cpuUsage();
  return { heapUsed: m.heapUsed, rss: m.rss, external: m.external, arrayBuffers: m.arrayBuffers, cpuMs: (cpu.user + cpu.system) / 1000 };
}
