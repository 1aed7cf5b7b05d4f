// The WebAssembly schema engine leaves 10 s and 60 s timers pending, so every migrate command
// would wait a minute before exiting. Long timers created from wasm code must not hold the
// process open. Loaded first by prisma.config.ts; the app never loads it.
const originalSetTimeout = globalThis.setTimeout;

globalThis.setTimeout = ((handler: (...args: unknown[]) => void, ms?: number, ...args: unknown[]) => {
  const timer = originalSetTimeout(handler, ms, ...args);
  if ((ms ?? 0) >= 5_000 && new Error().stack?.includes("wasm://")) timer.unref();
  return timer;
}) as typeof setTimeout;

export {};
