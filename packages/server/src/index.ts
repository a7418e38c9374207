export { startNightjar, type RunningNightjar, type Logger } from './start.ts';
export { parseConfig, helpText, wantsHelp, ConfigError, type Config, type Role } from './config.ts';
export { VERSION } from './version.ts';
