import { libraryConfig } from '../../tsup.config.base';

// index: everything that runs everywhere; node: `.tiktoken` files on disk (Node's fs)
export default libraryConfig({ entry: { index: 'src/index.ts', node: 'src/node.ts' } });
