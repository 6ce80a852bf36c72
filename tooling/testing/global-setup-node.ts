/** Runs once before the Node test run, so every run's output shows the adapter or the reason for skipping. */
export { announceNodeWebGPU as default } from '@typegrad/tensor/testing';
