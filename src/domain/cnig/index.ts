export * from './types';
export { CNIG_STANDARD } from './standard';
export * from './tableSchema';
export * from './mapping';
export * from './inventory';
