/**
 * A growable list of ids in an Int32Array. Encoding appends hundreds of thousands of ids per megabyte of text;
 * writing them to a typed array and copying once into the result array is several times cheaper than pushing
 * each onto a JavaScript array.
 * @example
 * const buf = new IdBuffer();
 * buf.push(7); buf.push(9);
 * buf.toArray() // [7, 9]
 */
export class IdBuffer {
  data = new Int32Array(1024);
  length = 0;

  /** Makes room for `extra` more ids. */
  reserve(extra: number): void {
    if (this.length + extra <= this.data.length) return;
    const grown = new Int32Array(Math.max(this.data.length * 2, this.length + extra));
    grown.set(this.data.subarray(0, this.length));
    this.data = grown;
  }

  push(id: number): void {
    if (this.length === this.data.length) this.reserve(1);
    this.data[this.length++] = id;
  }

  /** The ids as a plain array; the buffer is then emptied for reuse. */
  toArray(): number[] {
    const n = this.length;
    const out = new Array<number>(n);
    const data = this.data;
    for (let i = 0; i < n; i++) out[i] = data[i];
    this.length = 0;
    if (data.length > 1 << 20) this.data = new Int32Array(1024); // do not hold on to a huge buffer
    return out;
  }
}
