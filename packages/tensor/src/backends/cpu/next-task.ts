/**
 * A promise that resolves in a later task of the event loop, not in the current microtask checkpoint (unless the
 * loop turned within the last millisecond): what the CPU backend's asynchronous reads wait for (see `read` in
 * index.ts). setImmediate in Node; elsewhere a MessageChannel, which browsers run at once where setTimeout(0) may
 * wait 4 ms.
 */
type Resolve = () => void;

const g = globalThis as { setImmediate?: (f: () => void) => unknown; MessageChannel?: typeof MessageChannel };
let waiting: Resolve[] = [];
let channel: MessagePort | null = null;

function schedule(): void {
  if (g.setImmediate) {
    g.setImmediate(flush);
  } else if (g.MessageChannel) {
    if (!channel) {
      const c = new g.MessageChannel();
      c.port1.onmessage = flush;
      channel = c.port2;
    }
    channel.postMessage(null);
  } else {
    setTimeout(flush, 0);
  }
}

function flush(): void {
  lastTurn = now();
  const due = waiting;
  waiting = [];
  for (const resolve of due) resolve();
}

const now = () => performance.now();
let lastTurn = now();
/**
 * Milliseconds between turns at the least. Measured on the makemore MLP step at batch 32 (~0.3 ms): a turn on
 * every read 317–322 µs a step, at most every 0.5–2 ms 280–300 µs, every 5 ms 309–326 µs (memory comes back later,
 * so more of it is fresh).
 */
const TURN_INTERVAL_MS = 1;

/**
 * Resolves once the event loop has run the tasks already queued (timers, I/O, garbage-collector cleanup), or at
 * once (after the current microtasks) when this function had it turn less than `interval` ms ago: a turn costs
 * microseconds of the event loop's own bookkeeping, too much to pay on every read of a fast loop.
 */
export function nextTask(interval = TURN_INTERVAL_MS): Promise<void> {
  if (now() - lastTurn < interval) return Promise.resolve();
  return new Promise<void>((resolve) => {
    if (waiting.push(resolve) === 1) schedule();
  });
}
