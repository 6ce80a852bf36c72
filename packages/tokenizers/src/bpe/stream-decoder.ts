import { utf8Decoder } from './utf8.js';

/**
 * Decodes ids one at a time and yields whole characters only: the bytes of a character split across tokens are
 * held back until its last byte arrives. Made by `BpeTokenizer.createStreamDecoder()`.
 * @example
 * const stream = tok.createStreamDecoder();
 * const text = ids.map((id) => stream.push(id)).join('') + stream.flush(); // === tok.decode(ids)
 */
export class StreamDecoder {
  // TextDecoder in streaming mode keeps an unfinished sequence for the next call, and decodes everything else
  // exactly as a one-shot decode of the whole sequence would
  private readonly decoder = utf8Decoder();

  constructor(private readonly bytesOf: (id: number) => Uint8Array) {}

  /** Adds one id; returns the characters it completes (possibly ''). */
  push(id: number): string {
    return this.decoder.decode(this.bytesOf(id), { stream: true });
  }

  /** Ends the stream: returns what is held back, an unfinished character becoming U+FFFD. The decoder can then start a new stream. */
  flush(): string {
    return this.decoder.decode();
  }
}
