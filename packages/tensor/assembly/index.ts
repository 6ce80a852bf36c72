// The module's entry: every kernel the CPU backend loads, compiled into one WebAssembly module.
export * from './gemm';
export * from './elementwise';
export * from './reduce';
export * from './softmax';
export * from './attention';
export * from './normalization';
