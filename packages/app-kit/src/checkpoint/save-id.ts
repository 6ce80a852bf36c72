/** A new save's id: 16 random hex digits, naming a checkpoint's files and written into them. @example newSaveId() // '5f0c9a1b2c3d4e5f' */
export function newSaveId(): string {
  const bytes = new Uint8Array(8);
  globalThis.crypto.getRandomValues(bytes);
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}
