/** Entities found in Chinese government text. Offsets are UTF-16 indices into the input. */
export type DeadlinePrecision = 'day' | 'month' | 'quarter' | 'half' | 'year' | 'range' | 'relative' | 'recurring' | 'ongoing';

export type UnitRole = 'lead' | 'support' | 'responsible';

export interface DocNumberEntity {
  kind: 'docNumber';
  start: number;
  end: number;
  text: string;
  issuer: string;
  year: number;
  seq: number;
  /** issuer + 〔year〕 + seq + 号, e.g. 国办发〔2023〕27号 */
  normalized: string;
}

export interface DeadlineEntity {
  kind: 'deadline';
  start: number;
  end: number;
  text: string;
  /** ISO date of the last day it is due, or null when it has none (recurring, relative without anchor). */
  date: string | null;
  precision: DeadlinePrecision;
}

export interface UnitEntity {
  kind: 'unit';
  start: number;
  end: number;
  text: string;
  name: string;
  role: UnitRole;
}

export type Entity = DocNumberEntity | DeadlineEntity | UnitEntity;
export type EntityKind = Entity['kind'];

export interface ExtractOptions {
  /** YYYY-MM-DD; the year of last resort for year-less deadlines. */
  baseDate?: string;
}
