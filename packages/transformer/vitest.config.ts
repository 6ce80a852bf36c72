import { backendSuiteConfig } from '../../vitest.config.base';

export default backendSuiteConfig({
  test: {
    // the memory test forces collections to measure what a training loop keeps alive
    pool: 'forks',
    poolOptions: { forks: { execArgv: ['--expose-gc'] } },
  },
});
