/** The image types the server makes previews of (its PreviewService; DAV's nc:has-preview says the same). */
const PREVIEW_TYPES = new Set(['image/jpeg', 'image/png', 'image/gif', 'image/bmp', 'image/x-ms-bmp', 'image/webp']);

/** Whether a file of this MIME type has a preview; folders and unknown types do not. */
export function hasPreview(mimeType: string | null | undefined): boolean {
  return mimeType != null && PREVIEW_TYPES.has(mimeType);
}
