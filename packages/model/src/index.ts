export * from './rows.ts';
export * from './api.ts';
export * from './time.ts';
export * from './queries.ts';
export * from './transactions.ts';
