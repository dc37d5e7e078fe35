/** The views the sidebar switches between. */
export type AppView = 'broker' | 'topics' | 'groups' | 'messages' | 'dead-letters' | 'settings';

export interface NavigationSliceState {
  /** The view shown in the main column. */
  activeView: AppView;
}

export const initialNavigationState: NavigationSliceState = {
  activeView: 'broker',
};
