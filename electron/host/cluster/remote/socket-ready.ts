/**
 * Waits for a socket the diagnosis opened to be ready (`connect` for TCP, `secureConnect` for
 * TLS), within `timeoutMs`: on an error or the timeout the socket is destroyed and the promise
 * rejected, so the caller owns a ready socket or nothing.
 */
import type { Socket } from 'node:net';

export function socketReady<S extends Socket>(socket: S, event: 'connect' | 'secureConnect', timeoutMs: number, timeoutError: () => Error): Promise<S> {
  return new Promise((resolve, reject) => {
    const onError = (error: Error) => {
      clearTimeout(timer);
      socket.destroy();
      reject(error);
    };
    const timer = setTimeout(() => {
      socket.destroy();
      reject(timeoutError());
    }, timeoutMs);
    socket.once(event, () => {
      clearTimeout(timer);
      socket.off('error', onError);
      resolve(socket);
    });
    socket.once('error', onError);
  });
}
