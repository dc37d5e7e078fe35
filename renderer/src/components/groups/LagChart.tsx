/**
 * A group's total lag over time, drawn with uPlot on a canvas. The plot is created once per mount
 * and fed new data in place (`setData`), so a sample a second costs one redraw, not a re-mount;
 * it follows the container's width. `samples` is the store's bounded history (≤ 600 points).
 * Its colours are the palette's (base.css), read when it is created; a change of colour scheme
 * creates it again with the other palette's.
 */
import { useEffect, useRef } from 'react';
import uPlot, { type AlignedData, type Options } from 'uplot';
import 'uplot/dist/uPlot.min.css';
import type { LagSample } from '../../../../electron/contract';
import { formatCount } from '../../format/format-count';
import { paletteColor, useColorScheme } from '../../hooks/use-color-scheme';

const HEIGHT = 150;
/** The x axis spans at least this long, so the first samples do not stretch across the chart. */
const MIN_SPAN_S = 60;

function toData(samples: readonly LagSample[]): AlignedData {
  return [samples.map((sample) => sample.at / 1000), samples.map((sample) => sample.lag)];
}

/** `#rrggbb` at `alpha`, for the canvas (which may not parse every CSS colour function). */
function translucent(hex: string, alpha: number): string {
  const match = /^#([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(hex);
  if (!match) return hex;
  return `rgba(${match.slice(1).map((part) => parseInt(part, 16)).join(', ')}, ${alpha})`;
}

function options(width: number): Options {
  const muted = paletteColor('--text-muted', '#8d96a7');
  const border = paletteColor('--border', '#252b36');
  const accent = paletteColor('--accent', '#2dd4bf');
  const axis = {
    stroke: muted,
    font: '11px system-ui, sans-serif',
    grid: { stroke: border, width: 1 },
    ticks: { stroke: border, width: 1 },
  };
  return {
    width,
    height: HEIGHT,
    legend: { show: false },
    cursor: { y: false, points: { size: 6 } },
    scales: { x: { time: true, range: (_plot, min, max) => [Math.min(min, max - MIN_SPAN_S), max] }, y: { range: (_plot, _min, max) => [0, Math.max(5, Math.ceil(max * 1.15))] } },
    series: [{}, { label: 'Lag', stroke: accent, width: 2, fill: translucent(accent, 0.12), points: { show: false } }],
    axes: [axis, { ...axis, size: 56, values: (_plot, ticks) => ticks.map((tick) => formatCount(tick)) }],
  };
}

export function LagChart({ samples }: { samples: readonly LagSample[] }) {
  const containerRef = useRef<HTMLDivElement>(null);
  const plotRef = useRef<uPlot | null>(null);
  const samplesRef = useRef(samples);
  const scheme = useColorScheme();

  useEffect(() => {
    const container = containerRef.current;
    if (!container) return;
    const plot = new uPlot(options(Math.max(200, container.clientWidth)), toData(samplesRef.current), container);
    plotRef.current = plot;
    const resize = new ResizeObserver(() => plot.setSize({ width: Math.max(200, container.clientWidth), height: HEIGHT }));
    resize.observe(container);
    return () => {
      resize.disconnect();
      plot.destroy();
      plotRef.current = null;
    };
  }, [scheme]);

  // Runs after the effect above on mount (effects run in order), and on every new sample.
  useEffect(() => {
    samplesRef.current = samples;
    plotRef.current?.setData(toData(samples));
  }, [samples]);

  const last = samples.at(-1);
  return (
    <div className="lag-chart" data-testid="lag-chart" data-samples={samples.length} data-last-lag={last?.lag ?? ''}>
      <div className="lag-chart__plot" ref={containerRef} />
      {samples.length < 2 && <div className="lag-chart__empty">Collecting samples: one a second, the last 10 minutes are kept.</div>}
    </div>
  );
}
