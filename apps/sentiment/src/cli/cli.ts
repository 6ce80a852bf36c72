#!/usr/bin/env node
/**
 * The sentiment command line: `sentiment train | compare | predict [flags]`.
 * Exit status: 0 on success, 1 on an error, 2 on a usage mistake, 130 after a second Ctrl-C.
 */
import { runCommandLine } from '@typegrad/app-kit/node';
import { PROGRAM } from './main.js';

await runCommandLine(PROGRAM);
