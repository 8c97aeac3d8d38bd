/** Small presentation helpers shared by the patrol answers. */

/** The thumbnail and watermarked evidence URLs of a stored photo (the files module serves them, visibility.ts guards them). */
export const fileUrls = (id: string) => ({ thumbnailUrl: `/api/files/${id}/thumbnail`, evidenceUrl: `/api/files/${id}/evidence` });
