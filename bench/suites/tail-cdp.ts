/**
 * A bare Chrome DevTools Protocol connection for the tail benchmark: one page in a browser context
 * of its own, driven with the few domains the measurement needs (Page, Runtime, Performance,
 * Profiler) and nothing else.
 *
 * Why not Playwright's page: Playwright enables the Network domain on every page it attaches to,
 * and with it Chromium copies each WebSocket frame's payload to the CDP client
 * (`Network.webSocketFrameReceived`). The tail's frames are ~20 MB a second at 50,000 records a
 * second, so a Playwright page makes Chromium's browser process and the bench process (which is
 * also the host serving the tail) do work no user's browser does. Playwright still launches
 * Chromium; it does not attach to a page in a context created over CDP (it detaches from targets
 * of contexts it does not know).
 */
import { get } from 'node:http';
import { WebSocket } from 'ws';

interface Pending {
  resolve(value: unknown): void;
  reject(error: Error): void;
}

function getJson<T>(url: string): Promise<T> {
  return new Promise((resolve, reject) => {
    get(url, (response) => {
      let body = '';
      response.setEncoding('utf8');
      response.on('data', (chunk: string) => (body += chunk));
      response.on('end', () => {
        try {
          resolve(JSON.parse(body) as T);
        } catch (error) {
          reject(error as Error);
        }
      });
    }).on('error', reject);
  });
}

export class CdpPage {
  private nextId = 1;
  private readonly pending = new Map<number, Pending>();

  private constructor(
    private readonly socket: WebSocket,
    private readonly sessionId: string,
    private readonly targetId: string,
    private readonly browserContextId: string,
  ) {}

  /** Opens a blank page in a new browser context of the Chromium listening on `port`. */
  static async open(port: number): Promise<CdpPage> {
    const { webSocketDebuggerUrl } = await getJson<{ webSocketDebuggerUrl: string }>(`http://127.0.0.1:${port}/json/version`);
    const socket = new WebSocket(webSocketDebuggerUrl, { perMessageDeflate: false, maxPayload: 256 * 1024 * 1024 });
    await new Promise<void>((resolve, reject) => {
      socket.once('open', () => resolve());
      socket.once('error', reject);
    });
    const browser = new CdpPage(socket, '', '', '');
    socket.on('message', (data) => browser.receive(String(data)));
    const { browserContextId } = (await browser.send('Target.createBrowserContext', {}, '')) as { browserContextId: string };
    const { targetId } = (await browser.send('Target.createTarget', { url: 'about:blank', browserContextId }, '')) as { targetId: string };
    const { sessionId } = (await browser.send('Target.attachToTarget', { targetId, flatten: true }, '')) as { sessionId: string };
    const page = new CdpPage(socket, sessionId, targetId, browserContextId);
    socket.removeAllListeners('message');
    socket.on('message', (data) => page.receive(String(data)));
    for (const [id, call] of browser.pending) page.pending.set(id, call);
    page.nextId = browser.nextId;
    return page;
  }

  private receive(text: string): void {
    const message = JSON.parse(text) as { id?: number; result?: unknown; error?: { message: string } };
    if (message.id === undefined) return;
    const call = this.pending.get(message.id);
    if (!call) return;
    this.pending.delete(message.id);
    if (message.error) call.reject(new Error(message.error.message));
    else call.resolve(message.result);
  }

  /** A command to the page's session (or, with `sessionId` '', to the browser). */
  send(method: string, params: Record<string, unknown> = {}, sessionId = this.sessionId): Promise<unknown> {
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      this.socket.send(JSON.stringify(sessionId ? { id, method, params, sessionId } : { id, method, params }));
    });
  }

  /** The value of a JavaScript expression in the page (CDP's evaluation is not the page's own, so the page's CSP does not apply). */
  async evaluate<T>(expression: string): Promise<T> {
    const { result, exceptionDetails } = (await this.send('Runtime.evaluate', { expression, returnByValue: true, awaitPromise: true })) as { result: { value: T }; exceptionDetails?: { text: string } };
    if (exceptionDetails) throw new Error(`${expression}: ${exceptionDetails.text}`);
    return result.value;
  }

  async close(): Promise<void> {
    await this.send('Target.closeTarget', { targetId: this.targetId }, '').catch(() => undefined);
    await this.send('Target.disposeBrowserContext', { browserContextId: this.browserContextId }, '').catch(() => undefined);
    this.socket.close();
  }
}
