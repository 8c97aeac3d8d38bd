/** Types of xlsx-sheet-reader.mjs (plain JavaScript: it runs in the import worker; see that file). */
export type SheetReadResult =
  | { kind: 'ok'; headers: string[]; rows: Array<{ row: number; cells: string[] }>; noSheet?: boolean }
  | { kind: 'too_many_rows'; row: number }
  | { kind: 'too_large'; message: string }
  | { kind: 'unreadable'; message: string };

export function readWorksheet(
  input: Buffer,
  limits: { maxRows: number; maxTotalBytes: number; expected?: string[]; tab?: number | null },
): Promise<SheetReadResult>;
