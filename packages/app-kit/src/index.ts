/**
 * @typegrad/app-kit — what typegrad's apps share and what runs everywhere: command-line flags as data, the training
 * progress line, number formats for reports, and SVG plots. The command line itself and checkpoint files, which
 * need Node, are in `@typegrad/app-kit/node`.
 * @packageDocumentation
 */
export { UsageError, numberFlag, stringFlag, choiceFlag, listFlag, type FlagSpec, type RawFlags, type NumberCheck } from './cli/flags.js';
export { collectingIO, type CliIO } from './cli/io.js';
export { Progress, formatDuration, type OutputStream, type ProgressOptions } from './cli/progress.js';
export { thousands, formatLosses, markdownTable } from './report.js';
export { newSaveId } from './checkpoint/save-id.js';
export { checkSameSave, checkSavedTensors, type ExpectedShapes, type SavedTensorsOptions } from './checkpoint/weights-check.js';
export { linePlot, scatterPlot, type Series, type LabelledPoint, type PlotOptions, type ScatterOptions } from './plot/plots.js';
