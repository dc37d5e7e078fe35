/**
 * IPC for the contract: one `ipcMain.handle` per contract method, on that method's own channel.
 * Each call first checks that it comes from our page (the sender frame shows the app's
 * renderer), then goes through the dispatcher, which validates the payload. The renderer always
 * gets a result envelope back; nothing here throws into IPC.
 */
import { ipcMain, type WebFrameMain } from 'electron';
import { failure, methodChannel, methodNames } from '../contract';
import type { Dispatcher } from '../host';

export type SenderCheck = (frame: WebFrameMain | null) => boolean;

export function registerContractIpc(dispatcher: Dispatcher, isAppFrame: SenderCheck): () => void {
  for (const method of methodNames) {
    ipcMain.handle(methodChannel(method), (event, payload: unknown) => {
      if (!isAppFrame(event.senderFrame)) {
        return failure('FORBIDDEN', `${method} may only be called by the Eddy console page`);
      }
      return dispatcher.dispatch(method, payload);
    });
  }
  return () => {
    for (const method of methodNames) ipcMain.removeHandler(methodChannel(method));
  };
}
