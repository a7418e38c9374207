export { createApiHandler, autoStep, type ApiHandler, type ApiOptions } from './api-handler.ts';
export { ApiRequestError, parseTime, parseLevel } from './params.ts';
export type { QueryPort } from './query-port.ts';
