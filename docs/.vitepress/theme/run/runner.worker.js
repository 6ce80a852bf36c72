// The Web Worker a guide's Run button starts: the page stays responsive while the example trains.
import { linePlot } from '@typegrad/app-kit';
import { runExample, show } from './harness.js';
import { MODULES } from './modules.js';

self.onmessage = async ({ data }) => {
  const started = performance.now();
  try {
    await runExample(data.code, { modules: MODULES, emit: (m) => self.postMessage(m), linePlot });
    self.postMessage({ type: 'done', ms: performance.now() - started });
  } catch (error) {
    self.postMessage({ type: 'error', text: show(error) });
  }
};
