/** The problem-settings API: request bodies and responses, shared by the server and the web client (see shared.ts). */
export {};
