const FOOTER = [
  '-- ',
  'Intersessional, the workspace of the IGF Best Practice Forums, Policy Networks and Dynamic Coalitions.',
  'You receive this message because of activity that concerns you there.',
].join('\n');

/** A link for an e-mail: absolute URLs as they are, web-app paths under WEB_URL when it is set. */
export function absoluteLink(link: string, webUrl: string | undefined): string {
  if (/^[a-z][a-z0-9+.-]*:/i.test(link) || !webUrl) return link;
  return `${webUrl.replace(/\/+$/, '')}/${link.replace(/^\/+/, '')}`;
}

/** The plain-text body of a notification e-mail: the text, where to look, and who sent it. */
export function notificationMailText(notice: { body: string; link?: string | null }, webUrl: string | undefined): string {
  const parts = [notice.body.trim()];
  if (notice.link) parts.push(absoluteLink(notice.link, webUrl));
  parts.push(FOOTER);
  return `${parts.join('\n\n')}\n`;
}
