/** The views the sidebar switches between (Connections has no Ctrl/Cmd+digit shortcut). */
export type AppView = 'broker' | 'topics' | 'groups' | 'messages' | 'dead-letters' | 'settings' | 'connections';

export interface NavigationSliceState {
  /** The view shown in the main column. */
  activeView: AppView;
}

export const initialNavigationState: NavigationSliceState = {
  activeView: 'broker',
};
