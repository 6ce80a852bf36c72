#!/usr/bin/env node
/**
 * The makemore command line: `makemore train | eval | sample | lr-find [flags]`.
 * Exit status: 0 on success, 1 on an error, 2 on a usage mistake, 130 after a second Ctrl-C.
 */
import { processIO } from './io.js';
import { main } from './main.js';

/** Ctrl-C once: finish the step, save, exit. Twice: exit now. */
function stopSignal(): AbortSignal {
  const controller = new AbortController();
  process.on('SIGINT', () => {
    if (controller.signal.aborted) process.exit(130);
    process.stderr.write('\nstopping after this step (Ctrl-C again to quit now)\n');
    controller.abort();
  });
  return controller.signal;
}

// `makemore sample -n 1000000 | head`: the reader leaving ends the run, it is not an error
process.stdout.on('error', (e: NodeJS.ErrnoException) => {
  if (e.code !== 'EPIPE') throw e;
  process.exit(0);
});

main(process.argv.slice(2), processIO(stopSignal())).then((code) => {
  process.exitCode = code;
});
