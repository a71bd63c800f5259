import { BadRequestException } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { Brackets, ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import { isOwnName, shownName } from '../common/request-names';

/**
 * The one list convention of the API, the one `ra-data-simple-rest` speaks:
 * `sort=["field","ASC"]`, `range=[0,24]`, `filter={"field":value,"q":"text"}` and a
 * `Content-Range: <resource> <start>-<end>/<total>` header.
 */
export interface ListQuery {
  sort?: string;
  range?: string;
  filter?: string;
}

export interface ListSpec {
  /** API field → SQL expression. Only these may be sorted or filtered. */
  fields: Record<string, string>;
  /** Filterable fields that hold arrays: a filter value matches when the array contains it. */
  arrayFields?: string[];
  /** SQL expressions searched by the free-text `q` filter (ILIKE). */
  search?: string[];
  defaultSort: [string, 'ASC' | 'DESC'];
  maxPageSize?: number;
}

export interface ParsedList {
  sort: [string, 'ASC' | 'DESC'];
  skip: number;
  take: number;
  filter: Record<string, unknown>;
}

function parseJson(name: string, raw: string | undefined): unknown {
  if (raw === undefined || raw === '') return undefined;
  try {
    return JSON.parse(raw);
  } catch {
    throw new BadRequestException({ message: 'Invalid list query', fields: { [name]: [`${name} must be JSON`] } });
  }
}

export function parseListQuery(query: ListQuery, spec: ListSpec): ParsedList {
  const maxPageSize = spec.maxPageSize ?? 500;
  const problems: { sort?: string[]; range?: string[]; filter?: string[] } = {};

  let sort = spec.defaultSort;
  const rawSort = parseJson('sort', query.sort);
  if (rawSort !== undefined) {
    const valid =
      Array.isArray(rawSort) &&
      rawSort.length === 2 &&
      typeof rawSort[0] === 'string' &&
      typeof rawSort[1] === 'string' &&
      ['ASC', 'DESC'].includes(rawSort[1].toUpperCase());
    if (!valid) problems.sort = ['sort must be ["field","ASC"|"DESC"]'];
    else if (!isOwnName(spec.fields, rawSort[0])) problems.sort = [`cannot sort by ${shownName(rawSort[0])}`];
    else sort = [rawSort[0], rawSort[1].toUpperCase() as 'ASC' | 'DESC'];
  }

  let skip = 0;
  let take = Math.min(25, maxPageSize);
  const rawRange = parseJson('range', query.range);
  if (rawRange !== undefined) {
    const valid =
      Array.isArray(rawRange) &&
      rawRange.length === 2 &&
      rawRange.every((n) => Number.isInteger(n) && n >= 0) &&
      rawRange[1] >= rawRange[0];
    if (!valid) problems.range = ['range must be [start,end] with 0 ≤ start ≤ end'];
    else if (rawRange[1] - rawRange[0] + 1 > maxPageSize) problems.range = [`a page holds at most ${maxPageSize} rows`];
    else {
      skip = rawRange[0];
      take = rawRange[1] - rawRange[0] + 1;
    }
  }

  let filter: Record<string, unknown> = {};
  const rawFilter = parseJson('filter', query.filter);
  if (rawFilter !== undefined) {
    if (rawFilter === null || typeof rawFilter !== 'object' || Array.isArray(rawFilter)) {
      problems.filter = ['filter must be a JSON object'];
    } else {
      filter = rawFilter as Record<string, unknown>;
      const unknown = Object.keys(filter).filter((key) => key !== 'q' && key !== 'id' && !isOwnName(spec.fields, key));
      if (unknown.length > 0) problems.filter = unknown.slice(0, 20).map((key) => `cannot filter by ${shownName(key)}`);
    }
  }

  if (Object.keys(problems).length > 0) {
    throw new BadRequestException({ message: 'Invalid list query', fields: problems });
  }
  return { sort, skip, take, filter };
}

/** Applies filter, sort and range to a query already restricted to the caller's tenant. */
export function applyList<T extends ObjectLiteral>(
  qb: SelectQueryBuilder<T>,
  parsed: ParsedList,
  spec: ListSpec,
): SelectQueryBuilder<T> {
  let n = 0;
  for (const [key, value] of Object.entries(parsed.filter)) {
    if (value === undefined || value === null || value === '') continue;
    const param = `f${n++}`;
    if (key === 'q') {
      if (!spec.search?.length) continue;
      qb.andWhere(
        new Brackets((w) => {
          for (const column of spec.search!) w.orWhere(`${column}::text ILIKE :${param}`);
        }),
        { [param]: `%${String(value).replace(/[\\%_]/g, '\\$&')}%` },
      );
      continue;
    }
    // ra's getMany sends `filter={"id":[...]}`.
    const column = key === 'id' ? spec.fields.id : spec.fields[key];
    if (spec.arrayFields?.includes(key)) {
      qb.andWhere(`:${param} = ANY(${column})`, { [param]: value });
    } else if (Array.isArray(value)) {
      qb.andWhere(`${column}::text IN (:...${param})`, { [param]: value.map(String) });
    } else {
      qb.andWhere(`${column}::text = :${param}`, { [param]: String(value) });
    }
  }
  const [field, order] = parsed.sort;
  qb.orderBy(spec.fields[field], order);
  if (field !== 'id' && spec.fields.id) qb.addOrderBy(spec.fields.id, order);
  return qb.offset(parsed.skip).limit(parsed.take);
}

/** Sets `Content-Range` for a page of a list. */
export function setContentRange(
  reply: FastifyReply,
  resource: string,
  skip: number,
  count: number,
  total: number,
): void {
  const end = count === 0 ? skip : skip + count - 1;
  reply.header('Content-Range', `${resource} ${skip}-${end}/${total}`);
}
