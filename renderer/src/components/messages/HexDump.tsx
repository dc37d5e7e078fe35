/**
 * A field's bytes as a hex dump (hex-dump.ts), virtualized: a 1 MiB value is 65,536 lines, of
 * which only those in view are rendered.
 */
import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useMemo, useRef, useState } from 'react';
import type { DecodedField } from '../../../../electron/contract';
import { formatBytes } from '../../format/format-bytes';
import { bytesOfHex, hexLine, hexLineCount } from './hex-dump';

/** Matches `.hex-dump__line`'s height. */
const LINE_HEIGHT = 19;
/** Below this width (px) a line holds 8 bytes instead of 16. */
const WIDE_ENOUGH_FOR_16 = 600;

export function HexDump({ field, testId }: { field: DecodedField; testId: string }) {
  const bytes = useMemo(() => bytesOfHex(field.as === 'hex' ? field.text : ''), [field]);
  const scrollRef = useRef<HTMLDivElement>(null);
  const [perLine, setPerLine] = useState(8);
  useEffect(() => {
    const element = scrollRef.current;
    if (!element) return undefined;
    const fit = () => setPerLine(element.clientWidth >= WIDE_ENOUGH_FOR_16 ? 16 : 8);
    fit();
    const observer = new ResizeObserver(fit);
    observer.observe(element);
    return () => observer.disconnect();
  }, [bytes.length]);
  // The virtualizer returns fresh functions each render by design; it is not memoizable.
  // eslint-disable-next-line react-hooks/incompatible-library
  const virtualizer = useVirtualizer({
    count: hexLineCount(bytes, perLine),
    getScrollElement: () => scrollRef.current,
    estimateSize: () => LINE_HEIGHT,
    overscan: 20,
    initialRect: { width: 0, height: 300 },
  });
  if (field.as === 'null') return <div className="detail__muted" data-testid={testId}>null (no bytes)</div>;
  if (bytes.length === 0) return <div className="detail__muted" data-testid={testId}>empty (0 bytes)</div>;
  return (
    <div className="hex-dump" data-testid={testId}>
      {field.truncated && (
        <div className="detail__note">
          The first {formatBytes(bytes.length)} of {formatBytes(field.bytes)}.
        </div>
      )}
      <div className="hex-dump__scroll" ref={scrollRef}>
        <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
          {virtualizer.getVirtualItems().map((item) => {
            const line = hexLine(bytes, item.index, perLine);
            return (
              <div key={item.index} className="hex-dump__line" data-testid="hex-line" style={{ transform: `translateY(${item.start}px)` }}>
                <span className="hex-dump__offset">{line.offset}</span>
                <span className="hex-dump__hex">{line.hex}</span>
                <span className="hex-dump__ascii">{line.ascii}</span>
              </div>
            );
          })}
        </div>
      </div>
    </div>
  );
}
