import { backendSuiteConfig } from '../../vitest.config.base';

export default backendSuiteConfig();
