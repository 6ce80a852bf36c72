import { libraryConfig } from '../../tsup.config.base';

// index: the library (no Node-only imports, runs in the browser); cli: the command line (Node)
export default libraryConfig({
  entry: { index: 'src/index.ts', cli: 'src/cli/cli.ts' },
  dts: { entry: { index: 'src/index.ts' } },
});
