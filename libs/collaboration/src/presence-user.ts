import { createHash } from 'node:crypto';
import type { PresenceUser } from './connection';

/**
 * Cursor colours, dark enough for white text on them and distinct from each other. Six-digit hex,
 * because y-prosemirror appends an alpha suffix for the selection background.
 */
const PALETTE = ['#1f77b4', '#d62728', '#2ca02c', '#9467bd', '#8c564b', '#e377c2', '#7f7f7f', '#bcbd22', '#17becf', '#ff7f0e', '#3949ab', '#00897b'];

/** The same colour for the same person everywhere (every tab, instance and restart). */
export function colorOf(userId: string): string {
  return PALETTE[createHash('sha256').update(userId).digest().readUInt32BE(0) % PALETTE.length];
}

/** What others see next to a person's cursor: the account's display name and colour. */
export function presenceUserOf(userId: string, displayName: string): PresenceUser {
  return { name: displayName, color: colorOf(userId) };
}
