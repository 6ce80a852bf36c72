import { libraryConfig } from '../../tsup.config.base';

// index: what runs everywhere (progress, reports, plots); node: the command line and checkpoint files
export default libraryConfig({ entry: { index: 'src/index.ts', node: 'src/node.ts' } });
