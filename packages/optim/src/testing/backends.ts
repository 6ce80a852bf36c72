// The per-backend test helpers shared by autograd, nn and optim.
export * from '../../../autograd/src/testing/backends.js';
