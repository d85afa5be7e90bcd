/** The page summary the content script sends to the popup (message {type:'gl:summary'}). */
import type { DeadlinePrecision, UnitRole } from '@/lib/entity';

export const SUMMARY_MESSAGE = 'gl:summary' as const;
export type SummaryRequest = { type: typeof SUMMARY_MESSAGE };

export type HighlightKind = 'docnumber' | 'deadline' | 'deadline-overdue' | 'unit';

/** `index` is the entity's position on the page (for {type:'gl:reveal', index}). */
export type SummaryEntity =
  | { kind: 'docNumber'; index: number; text: string; normalized: string }
  | { kind: 'deadline'; index: number; text: string; date: string | null; precision: DeadlinePrecision; daysLeft: number | null }
  | { kind: 'unit'; index: number; text: string; name: string; role: UnitRole };

/**
 * How a page is handled: auto (highlight when detected as a document), force (always, "标注此页"
 * or a site on the always list), off (never: switched off for this page or the site).
 */
export type LensMode = 'auto' | 'force' | 'off';
export const LENS_MODES: readonly LensMode[] = ['auto', 'force', 'off'];

export interface PageSummary {
  /** The mode this page is in. */
  mode?: LensMode;
  url: string;
  title: string;
  /** The page's own 文号 and 成文日期 (YYYY-MM-DD) when it states them (lib/page-identity.ts). */
  docNumber?: string | null;
  docDate?: string | null;
  detected: boolean;
  score: number;
  reasons: string[];
  /** Which analysis of this page load it is: 1, then 2… after the page's content changed. */
  run?: number;
  /** True when the page's entities are painted. */
  highlighted: boolean;
  today: string;
  counts: { docNumber: number; deadline: number; overdue: number; unit: number };
  entities: SummaryEntity[];
  /** How the analysis ran: wall time, the longest stretch between two yields, and the text size. */
  timing: { totalMs: number; longestTaskMs: number; longestTaskIn: string; slow?: string[]; tasks: number; textLength: number };
}

export function isSummaryRequest(message: unknown): message is SummaryRequest {
  return typeof message === 'object' && message !== null && (message as { type?: unknown }).type === SUMMARY_MESSAGE;
}

/**
 * Content script → background: run extract() off the page's main thread. The background checks
 * these messages with zod (utils/background-messages.ts); the content script stays free of zod.
 */
export const EXTRACT_MESSAGE = 'gl:extract' as const;
export type ExtractRequest = { type: typeof EXTRACT_MESSAGE; text: string; baseDate: string };

/** Popup → content script: scroll to entity `index` of the summary and flash it. */
export const REVEAL_MESSAGE = 'gl:reveal' as const;
export type RevealRequest = { type: typeof REVEAL_MESSAGE; index: number };

export function isRevealRequest(message: unknown): message is RevealRequest {
  const m = message as { type?: unknown; index?: unknown } | null;
  return typeof m === 'object' && m !== null && m.type === REVEAL_MESSAGE && Number.isInteger(m.index);
}

/** Content script → background: the number of open (not overdue) deadlines, for the toolbar badge. */
export const BADGE_MESSAGE = 'gl:badge' as const;
export type BadgeRequest = { type: typeof BADGE_MESSAGE; open: number };

/** Deadlines on a highlighted page that are not overdue yet (undated ones are not counted). */
export function openDeadlines(summary: PageSummary): number {
  if (!summary.highlighted) return 0;
  return summary.entities.filter((e) => e.kind === 'deadline' && e.daysLeft !== null && e.daysLeft >= 0).length;
}

/** Popup → content script: handle this page in `mode` from now on (re-runs at once). */
export const MODE_MESSAGE = 'gl:mode' as const;
export type ModeRequest = { type: typeof MODE_MESSAGE; mode: LensMode };

export function isModeRequest(message: unknown): message is ModeRequest {
  const m = message as { type?: unknown; mode?: unknown } | null;
  return typeof m === 'object' && m !== null && m.type === MODE_MESSAGE && LENS_MODES.includes(m.mode as LensMode);
}

/** Content script → background: the .ics text of one deadline (built there with ical.js). */
export const CALENDAR_MESSAGE = 'gl:ics' as const;
export type CalendarEventRequest = {
  type: typeof CALENDAR_MESSAGE;
  event: { date: string; summary: string; description?: string; url?: string; uid: string };
};
