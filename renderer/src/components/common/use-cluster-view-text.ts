/**
 * A view's filter text kept per cluster (clusters slice, `clusterViewTexts`): like useState(''),
 * but switching to another cluster shows that cluster's text, and switching back restores this one.
 */
import { useCallback } from 'react';
import { useAppStore } from '../../store/use-app-store';
import { selectClusterViewText } from '../../store/clusters';

export function useClusterViewText(field: string): [string, (value: string) => void] {
  const text = useAppStore(selectClusterViewText(field));
  const setText = useAppStore((state) => state.setClusterViewText);
  return [text, useCallback((value: string) => setText(field, value), [setText, field])];
}
