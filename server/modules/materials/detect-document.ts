/** The real type of an evidence document, from its bytes (never its name): PDF, Office (OOXML or legacy), JPEG, PNG. */
export interface DocumentKind {
  mime: string;
  ext: string;
}

const OOXML: Array<[string, DocumentKind]> = [
  ['word/', { mime: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', ext: 'docx' }],
  ['xl/', { mime: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', ext: 'xlsx' }],
  ['ppt/', { mime: 'application/vnd.openxmlformats-officedocument.presentationml.presentation', ext: 'pptx' }],
];

/** The accepted kind, or null. */
export function detectDocument(buf: Buffer): DocumentKind | null {
  if (buf.length >= 5 && buf.subarray(0, 5).toString('latin1') === '%PDF-') return { mime: 'application/pdf', ext: 'pdf' };
  if (buf.length >= 3 && buf[0] === 0xff && buf[1] === 0xd8 && buf[2] === 0xff) return { mime: 'image/jpeg', ext: 'jpg' };
  if (buf.length >= 8 && buf.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])))
    return { mime: 'image/png', ext: 'png' };
  if (buf.length >= 8 && buf.subarray(0, 8).equals(Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1])))
    return { mime: 'application/x-ole-storage', ext: 'doc' };
  if (buf.length >= 4 && buf[0] === 0x50 && buf[1] === 0x4b && buf[2] === 0x03 && buf[3] === 0x04) {
    // Zip entry names are stored in clear: an Office file carries [Content_Types].xml and its part folder.
    const head = buf.subarray(0, Math.min(buf.length, 64 * 1024)).toString('latin1');
    if (!head.includes('[Content_Types].xml')) return null;
    const found = OOXML.find(([folder]) => buf.toString('latin1').includes(folder));
    return found ? found[1] : null;
  }
  return null;
}
