import { libraryConfig } from '../../tsup.config.base';

// index: the library (no Node-only imports, runs in the browser); node: loading and saving checkpoint files (Node);
// cli: the command line (Node)
export default libraryConfig({
  entry: { index: 'src/index.ts', node: 'src/node.ts', cli: 'src/cli/cli.ts' },
  dts: { entry: { index: 'src/index.ts', node: 'src/node.ts' } },
});
