/**
 * `Content-Disposition` for a download named `title.extension`, with an ASCII fallback and the UTF-8
 * name (RFC 6266 / 5987), so titles in any script survive.
 */
export function attachmentDisposition(title: string, extension: string, fallback = 'download'): string {
  return disposition('attachment', title, extension, fallback);
}

/** The same for a file the browser shows rather than saves (saving it keeps the name). */
export function inlineDisposition(title: string, extension: string, fallback = 'download'): string {
  return disposition('inline', title, extension, fallback);
}

function disposition(kind: 'attachment' | 'inline', title: string, extension: string, fallback: string): string {
  const ascii = title.normalize('NFKD').replace(/[^\x20-\x7e]/g, '').replace(/["\\/]/g, '').trim() || fallback;
  return `${kind}; filename="${ascii}.${extension}"; filename*=UTF-8''${encodeURIComponent(`${title}.${extension}`)}`;
}
