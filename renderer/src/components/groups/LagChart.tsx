/**
 * A group's total lag over time, drawn with uPlot on a canvas. The plot is created once per mount
 * and fed new data in place (`setData`), so a sample a second costs one redraw, not a re-mount;
 * it follows the container's width. `samples` is the store's bounded history (≤ 600 points).
 */
import { useEffect, useRef } from 'react';
import uPlot, { type AlignedData, type Options } from 'uplot';
import 'uplot/dist/uPlot.min.css';
import type { LagSample } from '../../../../electron/contract';
import { formatCount } from '../../format/format-count';

const HEIGHT = 150;
/** The x axis spans at least this long, so the first samples do not stretch across the chart. */
const MIN_SPAN_S = 60;

function toData(samples: readonly LagSample[]): AlignedData {
  return [samples.map((sample) => sample.at / 1000), samples.map((sample) => sample.lag)];
}

function options(width: number): Options {
  const axis = {
    stroke: '#8d96a7',
    font: '11px system-ui, sans-serif',
    grid: { stroke: '#252b36', width: 1 },
    ticks: { stroke: '#252b36', width: 1 },
  };
  return {
    width,
    height: HEIGHT,
    legend: { show: false },
    cursor: { y: false, points: { size: 6 } },
    scales: { x: { time: true, range: (_plot, min, max) => [Math.min(min, max - MIN_SPAN_S), max] }, y: { range: (_plot, _min, max) => [0, Math.max(5, Math.ceil(max * 1.15))] } },
    series: [{}, { label: 'Lag', stroke: '#2dd4bf', width: 2, fill: 'rgba(45, 212, 191, 0.12)', points: { show: false } }],
    axes: [axis, { ...axis, size: 56, values: (_plot, ticks) => ticks.map((tick) => formatCount(tick)) }],
  };
}

export function LagChart({ samples }: { samples: readonly LagSample[] }) {
  const containerRef = useRef<HTMLDivElement>(null);
  const plotRef = useRef<uPlot | null>(null);

  useEffect(() => {
    const container = containerRef.current;
    if (!container) return;
    const plot = new uPlot(options(Math.max(200, container.clientWidth)), toData([]), container);
    plotRef.current = plot;
    const resize = new ResizeObserver(() => plot.setSize({ width: Math.max(200, container.clientWidth), height: HEIGHT }));
    resize.observe(container);
    return () => {
      resize.disconnect();
      plot.destroy();
      plotRef.current = null;
    };
  }, []);

  // Runs after the effect above on mount (effects run in order), and on every new sample.
  useEffect(() => {
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
