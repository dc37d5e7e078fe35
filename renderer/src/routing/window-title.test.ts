import { describe, expect, it } from 'vitest';
import { parseRoute } from './app-route';
import { windowTitle } from './window-title';

describe('windowTitle', () => {
  it('names the view, the cluster and the app', () => {
    expect(windowTitle(parseRoute('#/topics'), 'localhost:9092')).toBe('Topics — localhost:9092 — Eddy');
    expect(windowTitle(parseRoute('#/broker'), 'localhost:9092')).toBe('Broker — localhost:9092 — Eddy');
    expect(windowTitle(parseRoute('#/groups'), 'localhost:19092')).toBe('Consumer groups — localhost:19092 — Eddy');
    expect(windowTitle(parseRoute('#/dead-letters'), 'localhost:9092')).toBe('Dead letters — localhost:9092 — Eddy');
    expect(windowTitle(parseRoute('#/settings'), 'localhost:9092')).toBe('Settings — localhost:9092 — Eddy');
  });

  it('puts the open topic or group first', () => {
    expect(windowTitle(parseRoute('#/topics/orders'), 'localhost:9092')).toBe('orders — Topics — localhost:9092 — Eddy');
    expect(windowTitle(parseRoute('#/groups/billing'), 'localhost:9092')).toBe('billing — Consumer groups — localhost:9092 — Eddy');
    expect(windowTitle(parseRoute('#/messages?topic=orders'), 'localhost:9092')).toBe('orders — Messages — localhost:9092 — Eddy');
    expect(windowTitle(parseRoute('#/dead-letters?topic=orders.dlq'), 'localhost:9092')).toBe('orders.dlq — Dead letters — localhost:9092 — Eddy');
  });

  it('names the Connections view and a remote cluster by its name', () => {
    expect(windowTitle(parseRoute('#/connections'), 'staging')).toBe('Connections — staging — Eddy');
    expect(windowTitle(parseRoute('#/topics/orders'), 'staging')).toBe('orders — Topics — staging — Eddy');
  });

  it('leaves the cluster out while the broker has no address', () => {
    expect(windowTitle(parseRoute('#/topics'), null)).toBe('Topics — Eddy');
  });
});
