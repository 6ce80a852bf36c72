#!/usr/bin/env node
/**
 * The recommender command line: `recommender train | eval | recommend | similar | plot [flags]`.
 * Exit status: 0 on success, 1 on an error, 2 on a usage mistake, 130 after a second Ctrl-C.
 */
import { runCommandLine } from '@typegrad/app-kit/node';
import { PROGRAM } from './main.js';

await runCommandLine(PROGRAM);
