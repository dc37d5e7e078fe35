/**
 * Serve mode's downloads of finished message exports: `GET /exports/<export id>/<file name>?token=…`
 * streams the file as an attachment. The token is the run's secret (as for the WebSocket), so no
 * other page or local user can fetch an export; anything else about the URL that does not name a
 * finished export of this run is a 404.
 */
import { createReadStream, statSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { tokenMatches } from './access-token';

export const EXPORTS_PATH = '/exports/';

/** The download URL of an export, as the renderer is given it. */
export function exportDownloadUrl(token: string, exportId: string, fileName: string): string {
  return `${EXPORTS_PATH}${encodeURIComponent(exportId)}/${encodeURIComponent(fileName)}?token=${encodeURIComponent(token)}`;
}

/** Answers the request if it is an export download (true), or leaves it (false). */
export function serveExportDownload(
  request: IncomingMessage,
  response: ServerResponse,
  token: string,
  exportFile: (exportId: string) => { path: string; name: string } | null,
  headers: Record<string, string>,
): boolean {
  const url = new URL(request.url ?? '/', 'http://localhost');
  if (!url.pathname.startsWith(EXPORTS_PATH)) return false;
  const refuse = (status: number, text: string) => {
    response.writeHead(status, { ...headers, 'Content-Type': 'text/plain; charset=utf-8' });
    response.end(`${text}\n`);
  };
  if (request.method !== 'GET' && request.method !== 'HEAD') return (refuse(405, 'method not allowed'), true);
  if (!tokenMatches(url.searchParams.get('token'), token)) return (refuse(403, 'forbidden: open the console from the URL npm run serve printed'), true);
  const [exportId] = url.pathname.slice(EXPORTS_PATH.length).split('/').map((part) => decodeURIComponent(part));
  const file = exportId ? exportFile(exportId) : null;
  if (!file) return (refuse(404, 'no such export (it is not finished, failed, or is older than 30 minutes)'), true);
  let size: number;
  try {
    size = statSync(file.path).size;
  } catch {
    return (refuse(404, 'the export file is gone'), true);
  }
  response.writeHead(200, {
    ...headers,
    'Content-Type': file.name.endsWith('.csv') ? 'text/csv; charset=utf-8' : 'application/x-ndjson; charset=utf-8',
    'Content-Length': String(size),
    'Content-Disposition': `attachment; filename="${file.name.replace(/["\\\r\n]/g, '_')}"`,
    'Cache-Control': 'no-store',
  });
  if (request.method === 'HEAD') response.end();
  else createReadStream(file.path).pipe(response);
  return true;
}
