/**
 * A connection's colour as a small swatch. The colour is the user's (data, not the theme), so it
 * is handed to the stylesheet as the `--cluster-colour` variable; the ring around it is themed.
 */
import type { CSSProperties } from 'react';

export const clusterColourStyle = (colour: string) => ({ '--cluster-colour': colour }) as CSSProperties;

export function ClusterSwatch({ colour, size = 'normal' }: { colour: string; size?: 'normal' | 'small' }) {
  return <span className={`cluster-swatch cluster-swatch--${size}`} style={clusterColourStyle(colour)} aria-hidden="true" />;
}
