import { VIEW_SHORTCUTS, viewShortcutText } from '../../../../electron/contract';
import { useAppStore } from '../../store/use-app-store';
import { selectActiveView, selectShowView, type AppView } from '../../store/navigation';
import { selectOpenGroupId } from '../../store/groups';
import { selectOpenTopicName } from '../../store/topics';
import { selectNewDeadLetterCount } from '../../store/dlq';
import { formatCount } from '../../format/format-count';
import { useGroupsActions } from '../groups/use-groups-actions';
import { useTopicsActions } from '../topics/use-topics-actions';
import { BrandMark } from './BrandMark';
import { ClusterSwitcher } from './ClusterSwitcher';
import { NavItem } from './NavItem';
import { SidebarBrokerSummary } from './SidebarBrokerSummary';
import { useViewShortcuts } from './use-view-shortcuts';
import { isMacPlatform } from './view-shortcut-key';

/** The shortcut of a view as the sidebar's tooltips say it (`Ctrl+2`, `⌘2`). */
function shortcutOf(view: AppView): string | undefined {
  const digit = VIEW_SHORTCUTS.find((shortcut) => shortcut.view === view)?.digit;
  return digit === undefined ? undefined : viewShortcutText(digit, isMacPlatform(navigator.platform));
}

export function Sidebar() {
  const activeView = useAppStore(selectActiveView);
  const showView = useAppStore(selectShowView);
  const openTopic = useAppStore(selectOpenTopicName);
  const { closeTopic } = useTopicsActions();
  const openGroup = useAppStore(selectOpenGroupId);
  const { closeGroup } = useGroupsActions();
  const newDeadLetters = useAppStore(selectNewDeadLetterCount);

  const select = (view: AppView) => {
    // Topics again while a topic's page is open: back to the list.
    if (view === 'topics' && activeView === 'topics' && openTopic !== null) closeTopic();
    if (view === 'groups' && activeView === 'groups' && openGroup !== null) closeGroup();
    showView(view);
  };
  useViewShortcuts(select);

  return (
    <aside className="sidebar" data-testid="sidebar">
      <div className="sidebar__brand">
        <BrandMark />
        <span className="sidebar__name">Eddy</span>
      </div>
      <ClusterSwitcher />
      <nav className="sidebar__nav" aria-label="Views">
        <NavItem id="broker" shortcut={shortcutOf('broker')} label="Broker" icon="broker" active={activeView === 'broker'} onSelect={() => select('broker')} />
        <NavItem id="topics" shortcut={shortcutOf('topics')} label="Topics" icon="topics" active={activeView === 'topics'} onSelect={() => select('topics')} />
        <NavItem id="groups" shortcut={shortcutOf('groups')} label="Consumer groups" icon="groups" active={activeView === 'groups'} onSelect={() => select('groups')} />
        <NavItem id="messages" shortcut={shortcutOf('messages')} label="Messages" icon="messages" active={activeView === 'messages'} onSelect={() => select('messages')} />
        <NavItem
          id="dead-letters"
          shortcut={shortcutOf('dead-letters')}
          label="Dead letters"
          icon="dead-letters"
          active={activeView === 'dead-letters'}
          badge={{ count: newDeadLetters, title: `${formatCount(newDeadLetters)} new since you last looked` }}
          onSelect={() => select('dead-letters')}
        />
        <NavItem id="settings" shortcut={shortcutOf('settings')} label="Settings" icon="settings" active={activeView === 'settings'} onSelect={() => select('settings')} />
        <NavItem id="connections" label="Connections" icon="connections" active={activeView === 'connections'} onSelect={() => select('connections')} />
      </nav>
      <SidebarBrokerSummary />
    </aside>
  );
}
