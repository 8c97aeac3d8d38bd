/** The API contracts shared by server and web (see shared.ts). */
export * from './shared';
export * from './regions';
