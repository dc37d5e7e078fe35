/**
 * Every web contents the app creates stays on our page: no navigation, no new windows, no
 * <webview>. Installed once, before any window exists.
 */
import { app } from 'electron';
import { isRendererUrl, type RendererLocation } from './renderer-location';

export function guardNavigation(location: RendererLocation): void {
  app.on('web-contents-created', (_event, contents) => {
    contents.setWindowOpenHandler(() => ({ action: 'deny' }));
    contents.on('will-navigate', (event) => {
      if (!isRendererUrl(location, event.url)) event.preventDefault();
    });
    contents.on('will-redirect', (event) => event.preventDefault());
    contents.on('will-attach-webview', (event) => event.preventDefault());
  });
}
