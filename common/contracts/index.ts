/** The API contracts shared by server and web (see shared.ts). */
export * from './shared';
export * from './regions';
export * from './problems';
export * from './problem-settings';
export * from './notifications';
export * from './home';
export * from './supervision';
export * from './standards';
export * from './sites';
export * from './inspections';
export * from './materials';
export * from './campaigns';
export * from './units';
export * from './users';
export * from './auth';
export * from './audit';
export * from './files';
