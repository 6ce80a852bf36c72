/** What a command talks to (the app kit's, shared by typegrad's apps). */
export { processIO } from '@typegrad/app-kit/node';
export type { CliIO } from '@typegrad/app-kit';
