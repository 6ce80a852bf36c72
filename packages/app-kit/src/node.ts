/**
 * @typegrad/app-kit/node — the parts of the apps that need Node: a program of commands run from the command line
 * (flags parsed, help, exit statuses, Ctrl-C), and checkpoints of several files saved so a kill never mixes two saves.
 * @packageDocumentation
 */
export { helpText, parseFlags, runProgram, type CommandSpec, type PositionalSpec, type Program } from './cli/program.js';
export { runCommandLine, processIO, stopSignal } from './cli/process.js';
export { checkpointStem, isPlainFileName, prepareOutput, saveCheckpointFiles, readCheckpointFile } from './checkpoint/files.js';
