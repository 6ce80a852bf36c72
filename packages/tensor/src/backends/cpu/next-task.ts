/**
 * A promise that resolves in a later task of the event loop, not in the current microtask checkpoint: what the
 * CPU backend's asynchronous reads wait for (see `read` in index.ts). setImmediate in Node; elsewhere a
 * MessageChannel, which browsers run at once where setTimeout(0) may wait 4 ms.
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
  const due = waiting;
  waiting = [];
  for (const resolve of due) resolve();
}

/** Resolves once the event loop has run the tasks already queued (timers, I/O, garbage-collector cleanup). */
export function nextTask(): Promise<void> {
  return new Promise<void>((resolve) => {
    if (waiting.push(resolve) === 1) schedule();
  });
}
