import { BrokerView } from '../broker/BrokerView';
import { HostLinkBanner } from './HostLinkBanner';
import { Sidebar } from './Sidebar';

/** The window: navigation on the left, the current view on the right. Only Broker exists yet. */
export function AppShell() {
  return (
    <div className="app-shell" data-testid="app-shell">
      <Sidebar />
      <main className="app-main">
        <HostLinkBanner />
        <BrokerView />
      </main>
    </div>
  );
}
