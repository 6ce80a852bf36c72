import { describe, expect, it } from 'vitest';
import { nextTask } from './next-task.js';
import { tensor } from '../../index.js';

const macrotask = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

describe('nextTask', () => {
  it('lets tasks already queued run before it resolves', async () => {
    await macrotask(); // start from a fresh turn
    await new Promise((r) => setTimeout(r, 2)); // and more than the interval after it
    const order: string[] = [];
    const channel = new MessageChannel();
    channel.port1.onmessage = () => order.push('task');
    channel.port2.postMessage(null);
    await nextTask(0);
    order.push('resolved');
    channel.port1.close();
    expect(order).toEqual(['task', 'resolved']);
  });

  it('resolves without a turn when the loop turned within the interval', async () => {
    await nextTask(0);
    let ran = false;
    const channel = new MessageChannel();
    channel.port1.onmessage = () => (ran = true);
    channel.port2.postMessage(null);
    await nextTask(60_000);
    expect(ran).toBe(false);
    channel.port1.close();
  });

  it("is how the CPU's asynchronous reads hand over their copy, taken when the read was asked for", async () => {
    const t = tensor([1, 2, 3]);
    const pending = t.data();
    (t.storage.buffer as Float32Array)[0] = 9; // written after the read was asked for
    expect(Array.from(await pending)).toEqual([1, 2, 3]);
  });
});
