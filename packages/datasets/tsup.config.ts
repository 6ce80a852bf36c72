import { libraryConfig } from '../../tsup.config.base';

// index: everything that runs everywhere; node: the loaders that read local files (Node's fs)
export default libraryConfig({ entry: { index: 'src/index.ts', node: 'src/node.ts' } });
