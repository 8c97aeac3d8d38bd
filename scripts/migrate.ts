/** `npm run migrate`: bring the configured database's schema up to date. */
import { openCliDatabase } from './cli-db';

const { database } = await openCliDatabase();
console.log(`schema up to date (${database.engine})`);
await database.close();
