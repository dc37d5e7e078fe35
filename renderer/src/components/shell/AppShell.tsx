import { useAppStore } from '../../store/use-app-store';
import { selectActiveView } from '../../store/navigation';
import { BrokerView } from '../broker/BrokerView';
import { DeadLettersView } from '../dlq/DeadLettersView';
import { GroupsView } from '../groups/GroupsView';
import { MessagesView } from '../messages/MessagesView';
import { SettingsView } from '../settings/SettingsView';
import { TopicsView } from '../topics/TopicsView';
import { HostLinkBanner } from './HostLinkBanner';
import { Sidebar } from './Sidebar';

/** The window: navigation on the left, the current view on the right. */
export function AppShell() {
  const view = useAppStore(selectActiveView);
  return (
    <div className="app-shell" data-testid="app-shell">
      <Sidebar />
      <main className="app-main">
        <HostLinkBanner />
        {view === 'topics' ? <TopicsView /> : view === 'groups' ? <GroupsView /> : view === 'messages' ? <MessagesView /> : view === 'dead-letters' ? <DeadLettersView /> : view === 'settings' ? <SettingsView /> : <BrokerView />}
      </main>
    </div>
  );
}
