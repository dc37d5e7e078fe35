import { useAppStore } from '../../store/use-app-store';
import { selectOpenGroupId } from '../../store/groups';
import { GroupListPage } from './GroupListPage';
import { GroupPage } from './GroupPage';

/** The Consumer groups view: the list, or one group's page when a group is open. */
export function GroupsView() {
  const openGroup = useAppStore(selectOpenGroupId);
  return openGroup === null ? <GroupListPage /> : <GroupPage key={openGroup} groupId={openGroup} />;
}
