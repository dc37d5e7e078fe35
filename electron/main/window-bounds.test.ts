import { describe, expect, it } from 'vitest';
import { isOnAnyDisplay, parseWindowState, restoredWindowState, type Rect } from './window-bounds';

const size = { width: 1280, height: 820, minWidth: 900, minHeight: 560 };
const laptop: Rect = { x: 0, y: 0, width: 1920, height: 1040 };
const rightMonitor: Rect = { x: 1920, y: 0, width: 2560, height: 1400 };

describe('parseWindowState', () => {
  it('reads what window-state.ts writes', () => {
    expect(parseWindowState('{"bounds":{"x":10,"y":20,"width":1000,"height":700},"maximized":true}')).toEqual({
      bounds: { x: 10, y: 20, width: 1000, height: 700 },
      maximized: true,
    });
  });

  it('refuses anything else', () => {
    for (const text of ['', 'nope', 'null', '[]', '{"bounds":{"x":1,"y":2,"width":3}}', '{"bounds":{"x":"1","y":2,"width":3,"height":4}}', '{"bounds":{"x":1,"y":2,"width":0,"height":4}}']) {
      expect(parseWindowState(text), text).toBeNull();
    }
  });
});

describe('restoredWindowState', () => {
  it('opens at the default size, centred, when nothing was saved', () => {
    expect(restoredWindowState(null, [laptop], size)).toEqual({ bounds: { width: 1280, height: 820 }, maximized: false });
  });

  it('restores bounds that are on a display, including a second one', () => {
    const saved = { bounds: { x: 100, y: 50, width: 1100, height: 700 }, maximized: false };
    expect(restoredWindowState(saved, [laptop], size)).toEqual(saved);
    const onRight = { bounds: { x: 2200, y: 100, width: 1400, height: 900 }, maximized: true };
    expect(restoredWindowState(onRight, [laptop, rightMonitor], size)).toEqual(onRight);
  });

  it('centres the default size when the saved bounds are off every display (a monitor unplugged), keeping maximized', () => {
    const onRight = { bounds: { x: 2200, y: 100, width: 1400, height: 900 }, maximized: true };
    expect(restoredWindowState(onRight, [laptop], size)).toEqual({ bounds: { width: 1280, height: 820 }, maximized: true });
  });

  it('treats a window whose title bar cannot be grabbed as off-screen', () => {
    expect(isOnAnyDisplay({ x: 1900, y: 100, width: 1000, height: 700 }, [laptop])).toBe(false); // 20 px showing
    expect(isOnAnyDisplay({ x: 100, y: -600, width: 1000, height: 700 }, [laptop])).toBe(false); // title bar above the screen
    expect(isOnAnyDisplay({ x: 100, y: 1020, width: 1000, height: 700 }, [laptop])).toBe(false); // only 20 px of it below
    expect(isOnAnyDisplay({ x: -900, y: 100, width: 1000, height: 700 }, [laptop])).toBe(true); // 100 px showing on the left
    expect(isOnAnyDisplay({ x: 100, y: 100, width: 1000, height: 700 }, [])).toBe(false); // no display at all
  });

  it('never restores a size below the minimum', () => {
    const tiny = { bounds: { x: 10, y: 10, width: 300, height: 200 }, maximized: false };
    expect(restoredWindowState(tiny, [laptop], size).bounds).toEqual({ x: 10, y: 10, width: 900, height: 560 });
  });
});
