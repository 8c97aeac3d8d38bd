/**
 * Reads the first worksheet of an uploaded .xlsx in a worker thread (started by xlsx-read.ts with a heap limit and a
 * timeout), so a hostile file can only exhaust this worker, never the server. The reading itself is
 * xlsx-sheet-reader.mjs; this file only takes the work and posts exactly one answer (see readWorksheet there).
 *
 * Plain JavaScript on purpose: a worker is a fresh isolate without the TypeScript loader of whatever runs the server
 * (tsx in production, Vite's transform in tests), and this file must load the same way under both.
 *
 * workerData: { buffer: Uint8Array, maxRows: number, maxTotalBytes: number, expected: string[], tab: number | null }
 */
import { parentPort, workerData } from 'node:worker_threads';
import { readWorksheet } from './xlsx-sheet-reader.mjs';

const { buffer, maxRows, maxTotalBytes, expected, tab } = workerData;
const input = Buffer.from(buffer.buffer, buffer.byteOffset, buffer.byteLength);

parentPort.postMessage(await readWorksheet(input, { maxRows, maxTotalBytes, expected, tab }));
// End from our own code once the parent has the answer (it says `exit`), while a stream may still be inflating: a
// terminate() from the parent could stop the thread between a zlib handle's creation and its init, and Node 20 then
// aborts the whole process on cleanup ("close before init"). Exiting right after postMessage instead could lose the
// answer (the exit event may come first).
parentPort.once('message', () => process.exit(0));
