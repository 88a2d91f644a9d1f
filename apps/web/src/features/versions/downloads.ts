import { accessToken } from '../../graphql/client';

export type ExportFormat = 'markdown' | 'html' | 'text';

export const FORMATS: Record<ExportFormat, { type: string; extension: string }> = {
  markdown: { type: 'text/markdown;charset=utf-8', extension: 'md' },
  html: { type: 'text/html;charset=utf-8', extension: 'html' },
  text: { type: 'text/plain;charset=utf-8', extension: 'txt' },
};

/** The REST export of the current draft (GET /documents/:id/export?format=…; `text` has numbered paragraphs). */
export const exportUrl = (documentId: string, format: ExportFormat) => `/documents/${encodeURIComponent(documentId)}/export?format=${format}`;

/** A file name from a title, without the characters file systems refuse. */
export function fileName(title: string, extension: string): string {
  const base = title.replace(/[\\/:*?"<>|\u0000-\u001f]+/g, ' ').replace(/\s+/g, ' ').trim().slice(0, 120) || 'document';
  return `${base}.${extension}`;
}

/** Hands `content` to the browser as a download, through a short-lived Blob URL. */
export function saveFile(content: BlobPart, type: string, name: string): void {
  const url = URL.createObjectURL(new Blob([content], { type }));
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  link.style.display = 'none';
  document.body.append(link);
  link.click();
  link.remove();
  // the browser has taken the file by then; the URL is released so the text is not held in memory
  setTimeout(() => URL.revokeObjectURL(url), 30_000);
}

/**
 * The export of a members-only document answers 404 without the member's Bearer token, and a link
 * cannot send a header: so for a signed-in reader the file is fetched with the token (refreshed first
 * when it is about to expire, by `accessToken()`) and saved through a Blob URL. A visitor's click
 * follows the plain `download` link (public documents need no token).
 */
export async function downloadExport(documentId: string, format: ExportFormat, title: string): Promise<void> {
  const token = await accessToken();
  const response = await fetch(exportUrl(documentId, format), { headers: token ? { authorization: `Bearer ${token}` } : {} });
  if (!response.ok) throw new Error(`export answered ${response.status}`);
  saveFile(await response.blob(), FORMATS[format].type, fileName(title, FORMATS[format].extension));
}

const escapeHtml = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

export interface VersionExport {
  label: string;
  markdown: string;
  html: string;
  paragraphs: readonly { number: number; text: string }[];
}

/**
 * A frozen version's file, made from the API's own renderings of it (GraphQL `markdown`, `html`,
 * `paragraphs`), in the same shapes as the REST export of the draft: Markdown as is; a standalone
 * HTML page with the document's language; text with "[12] " before each numbered paragraph.
 */
export function versionFile(version: VersionExport, format: ExportFormat, title: string, language: string): string {
  if (format === 'markdown') return version.markdown;
  if (format === 'html') {
    const heading = escapeHtml(`${title} — ${version.label}`);
    return `<!doctype html>\n<html lang="${escapeHtml(language)}">\n<head><meta charset="utf-8"><title>${heading}</title></head>\n<body>\n<main>\n<h1>${heading}</h1>\n${version.html}\n</main>\n</body>\n</html>\n`;
  }
  return `${version.paragraphs.map((p) => (p.number ? `[${p.number}] ${p.text}` : p.text)).join('\n\n')}\n`;
}
