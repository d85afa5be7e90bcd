/** The page summary the content script sends to the popup (message {type:'gl:summary'}). */
import type { DeadlinePrecision, UnitRole } from '@/lib/entity';

export const SUMMARY_MESSAGE = 'gl:summary' as const;
export type SummaryRequest = { type: typeof SUMMARY_MESSAGE };

export type HighlightKind = 'docnumber' | 'deadline' | 'deadline-overdue' | 'unit';

export type SummaryEntity =
  | { kind: 'docNumber'; text: string; normalized: string }
  | { kind: 'deadline'; text: string; date: string | null; precision: DeadlinePrecision; daysLeft: number | null }
  | { kind: 'unit'; text: string; name: string; role: UnitRole };

export interface PageSummary {
  url: string;
  title: string;
  detected: boolean;
  score: number;
  reasons: string[];
  /** True when the page's entities are painted. */
  highlighted: boolean;
  today: string;
  counts: { docNumber: number; deadline: number; overdue: number; unit: number };
  entities: SummaryEntity[];
}

export function isSummaryRequest(message: unknown): message is SummaryRequest {
  return typeof message === 'object' && message !== null && (message as { type?: unknown }).type === SUMMARY_MESSAGE;
}
