/**
 * The default session's security policy: the renderer's CSP on every response (the built page
 * also carries it in a <meta> tag, which is what applies on file://), and every permission
 * refused except writing to the clipboard (the console's copy buttons).
 */
import type { Session } from 'electron';
import { rendererContentSecurityPolicy } from '../contract';

const ALLOWED_PERMISSIONS = new Set(['clipboard-sanitized-write']);

export function applySessionPolicy(session: Session): void {
  const csp = rendererContentSecurityPolicy();
  session.webRequest.onHeadersReceived((details, callback) => {
    callback({ responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [csp] } });
  });
  session.setPermissionRequestHandler((_contents, permission, callback) => callback(ALLOWED_PERMISSIONS.has(permission)));
  session.setPermissionCheckHandler((_contents, permission) => ALLOWED_PERMISSIONS.has(permission));
}
