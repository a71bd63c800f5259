import {
  Column,
  CreateDateColumn,
  Entity,
  Index,
  PrimaryColumn,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
} from 'typeorm';
import type { ImportCounts, ImportHistoryReport, ImportStatus } from '@floor-os/contracts';

/** Statuses, the counts the job keeps as it goes (stored with each checkpoint) and the history report: wire types in libs/contracts. */
export type { ImportCounts, ImportHistoryReport, ImportStatus };

/** One run of the staging job over the file (the first, and one per resume). */
export interface ImportRun {
  /** The checkpoint it started from: records already staged. */
  from_record: number;
  /** Where its parse started: the first line and byte of the file it read records from (1 and 0 from the start). */
  from_line: number;
  from_byte: number;
  /** The index (1-based, in the file) of the first record its parser yielded; 0 before it yields one. */
  first_record: number;
  /** Records its parser yielded. */
  records_parsed: number;
}

/** Where a staging job stands: the records consumed and staged so far (SPEC decided detail 6, resumable). */
export interface ImportCheckpoint {
  records: number;
  bytes: number;
  counts: ImportCounts;
  blocks_by_statute: Record<string, number>;
  warnings: Record<string, { count: number; examples: { line: number; message: string }[] }>;
  /**
   * Where the next record starts: its line, and the byte of the file where that line starts (null when it
   * could not be told). A resumed job parses from there (csv, NDJSON, fipjp).
   */
  resume?: { line: number; byte: number | null };
  /** The runs so far, for the report and to show a resume started at its checkpoint. */
  runs?: ImportRun[];
  /** After an accounts or contact history import is applied: the tenant's contact history as it stands (SPEC I7). */
  history?: ImportHistoryReport | null;
}

/** One import (SPEC I1–I6): the uploaded file, its mapping, the job's progress and the intake report. */
@Entity('import_job')
@Index(['tenantId', 'createdAt'])
export class ImportJob {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  tenantId: string;

  /** Who uploaded it: a user's name, an API key's label, or an operator. */
  @Column({ type: 'varchar', length: 200 })
  createdBy: string;

  @Column({ type: 'varchar', length: 12 })
  source: 'panel' | 'api' | 'onboarding';

  @Column({ type: 'varchar', length: 8 })
  format: string;

  @Column({ type: 'varchar', length: 16 })
  target: 'accounts' | 'transactions' | 'contact_history';

  @Column({ type: 'varchar', length: 255 })
  filename: string;

  @Column({ type: 'bigint' })
  sizeBytes: string;

  @Column({ type: 'uuid' })
  blobId: string;

  /** Parser options: delimiter, encoding, fixed-width layout. */
  @Column({ type: 'jsonb', default: () => "'{}'" })
  options: Record<string, unknown>;

  @Column({ type: 'varchar', length: 12, default: 'uploaded' })
  status: ImportStatus;

  @Column({ type: 'text', array: true, default: () => "'{}'" })
  headers: string[];

  /** The first records and their parse warnings, kept from the upload. */
  @Column({ type: 'jsonb', default: () => "'{}'" })
  preview: {
    rows?: { line: number; fields: Record<string, string> }[];
    warnings?: ImportCheckpoint['warnings'];
    truncated?: boolean;
  };

  @Column({ type: 'jsonb', nullable: true })
  mapping: Record<string, string | string[]> | null;

  @Column({ type: 'boolean', default: false })
  review: boolean;

  @Column({ type: 'jsonb', nullable: true })
  checkpoint: ImportCheckpoint | null;

  @Column({ type: 'text', nullable: true })
  error: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;

  @Column({ type: 'timestamptz', nullable: true })
  appliedAt: Date | null;
}

/** The database-backed blob store: an upload in 1 MiB chunks. */
@Entity('import_blob_chunk')
@Index(['tenantId'])
export class ImportBlobChunk {
  @PrimaryColumn({ type: 'uuid' })
  blobId: string;

  @PrimaryColumn({ type: 'int' })
  seq: number;

  /** Whose upload it is: the per-tenant cap on stored upload bytes sums the tenant's chunks. */
  @Column({ type: 'uuid', nullable: true })
  tenantId: string | null;

  @Column({ type: 'bytea' })
  data: Buffer;
}

/** A row the import rejected, with the field and the reason (the intake report's CSV). */
@Entity('import_rejected_row')
@Index(['importId', 'line'])
export class ImportRejectedRow {
  @PrimaryGeneratedColumn('identity', { type: 'bigint' })
  id: string;

  @Column({ type: 'uuid' })
  importId: string;

  @Column({ type: 'int' })
  line: number;

  @Column({ type: 'varchar', length: 64, nullable: true })
  accountId: string | null;

  @Column({ type: 'varchar', length: 64 })
  field: string;

  @Column({ type: 'text' })
  reason: string;
}

/** The mapping a tenant last used for a source (format, target and header set), suggested next time. */
@Entity('import_mapping_memory')
export class ImportMappingMemory {
  @PrimaryColumn({ type: 'uuid' })
  tenantId: string;

  @PrimaryColumn({ type: 'varchar', length: 64 })
  sourceKey: string;

  @Column({ type: 'jsonb' })
  mapping: Record<string, string | string[]>;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}

/** A tenant's saved fixed-width (`fipjp`) layout. */
@Entity('fixed_width_layout')
export class FixedWidthLayoutRecord {
  @PrimaryColumn({ type: 'uuid' })
  tenantId: string;

  @PrimaryColumn({ type: 'varchar', length: 64 })
  name: string;

  @Column({ type: 'jsonb' })
  layout: Record<string, unknown>;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}

/** Payments and adjustments posted to accounts (import target `transactions`); upsert on the source reference. */
@Entity('account_transaction')
@Index(['tenantId', 'reference'], { unique: true })
@Index(['tenantId', 'accountId', 'postedAt'])
export class AccountTransaction {
  @PrimaryGeneratedColumn('identity', { type: 'bigint' })
  id: string;

  @Column({ type: 'uuid' })
  tenantId: string;

  @Column({ type: 'varchar', length: 200 })
  reference: string;

  @Column({ type: 'varchar', length: 64 })
  accountId: string;

  @Column({ type: 'numeric', precision: 14, scale: 2 })
  amount: string;

  @Column({ type: 'timestamptz' })
  postedAt: Date;

  @Column({ type: 'text', nullable: true })
  description: string | null;

  @Column({ type: 'uuid', nullable: true })
  importId: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
