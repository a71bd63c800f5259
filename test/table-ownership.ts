// The table-ownership scanner behind test/table-ownership.spec.ts: which module owns which table (from the
// `@Entity('…')` decorators), which tables each API source file names in SQL, and which of those accesses break
// the rule "a module touches only its own tables; the reports' read model may read any table but write none of
// another module's". Pure functions over source text, so the spec can test the scanner on inline strings.
import ts from 'typescript';

/** A source file by its path relative to apps/api/src (e.g. `dashboard/dashboard.service.ts`) and its text. */
export interface SourceFile {
  path: string;
  text: string;
}

/** One table named by one file's SQL (or by a TypeORM query builder call). */
export interface TableAccess {
  path: string;
  line: number;
  table: string;
  /** `write` for INSERT INTO, UPDATE, DELETE FROM and COPY; `read` for FROM and JOIN. */
  kind: 'read' | 'write';
  /** The keyword or builder method that named the table, as written. */
  via: string;
}

/**
 * An access that stays outside its owner by design. `file` is a path relative to apps/api/src, or a folder
 * ending in `/**`; `table` is a table name, or `*` for any table. Every entry says why in one line.
 */
export interface AllowEntry {
  file: string;
  table: string;
  reason: string;
}

/** The module a file belongs to: the first folder under apps/api/src (`''` for the files at its root). */
export function moduleOf(path: string): string {
  const slash = path.indexOf('/');
  return slash < 0 ? '' : path.slice(0, slash);
}

// `@Entity('name')` or `@Entity({ name: 'name', … })`, then (after other decorators) the class it names.
const ENTITY =
  /@Entity\(\s*(?:'([A-Za-z0-9_]+)'|"([A-Za-z0-9_]+)"|\{[^}]*?\bname:\s*['"]([A-Za-z0-9_]+)['"][^}]*\})\s*\)[\s\S]*?\bclass\s+([A-Za-z0-9_]+)/g;

/** Every entity: its table, the module that declares it, and its class name. */
export function entities(files: readonly SourceFile[]): { table: string; module: string; className: string }[] {
  return files.flatMap((file) =>
    [...file.text.matchAll(ENTITY)].map((match) => ({
      table: match[1] ?? match[2] ?? match[3],
      module: moduleOf(file.path),
      className: match[4],
    })),
  );
}

/** table → owning module, from every `@Entity('name')` or `@Entity({ name: 'name' })` in the sources. */
export function entityOwners(files: readonly SourceFile[]): Map<string, string> {
  const owners = new Map<string, string>();
  for (const entity of entities(files)) {
    const known = owners.get(entity.table);
    if (known !== undefined && known !== entity.module) {
      throw new Error(`table ${entity.table} has two owners: ${known} and ${entity.module}`);
    }
    owners.set(entity.table, entity.module);
  }
  return owners;
}

/** entity class name → table (a class name declared twice maps to no table: it cannot be told apart). */
export function entityClasses(files: readonly SourceFile[]): Map<string, string> {
  const classes = new Map<string, string>();
  const twice = new Set<string>();
  for (const entity of entities(files)) {
    if (classes.has(entity.className) && classes.get(entity.className) !== entity.table) twice.add(entity.className);
    classes.set(entity.className, entity.table);
  }
  for (const name of twice) classes.delete(name);
  return classes;
}

// SQL keywords that name a table right after them. DELETE FROM before FROM, INSERT INTO before INTO, so that the
// longer keyword wins at the same place. A name may be double-quoted or schema-qualified with public.
const SQL_TABLE =
  /\b(delete\s+from|insert\s+into|from|join|into|update|copy)\s+(?:only\s+)?(?:"?public"?\.)?"?([a-z_][a-z0-9_]*)"?/gi;
const WRITE_KEYWORDS = new Set(['delete from', 'insert into', 'into', 'update', 'copy']);
// TypeORM query-builder methods whose first argument may be a table name.
const BUILDER_READS = new Set([
  'from',
  'addFrom',
  'join',
  'leftJoin',
  'innerJoin',
  'leftJoinAndSelect',
  'innerJoinAndSelect',
  'leftJoinAndMapOne',
  'leftJoinAndMapMany',
  'innerJoinAndMapOne',
  'innerJoinAndMapMany',
]);
const BUILDER_WRITES = new Set(['into', 'update', 'delete']);
// Calls whose first argument may be an entity class: a repository's or manager's writes, everything else a read
// (find, count, createQueryBuilder, from, joins…). `getRepository(X)` is judged by the method called on it.
const ENTITY_WRITES = new Set([
  'into',
  'update',
  'insert',
  'delete',
  'save',
  'remove',
  'softDelete',
  'softRemove',
  'restore',
  'upsert',
  'increment',
  'decrement',
  'clear',
  'InjectRepository',
]);
// Query-builder calls that make the chain after them a write.
const CHAIN_WRITES = new Set(['delete', 'update', 'insert', 'softDelete', 'restore']);
const REPOSITORY_READS = new Set([
  'find',
  'findBy',
  'findOne',
  'findOneBy',
  'findOneOrFail',
  'findOneByOrFail',
  'findAndCount',
  'findAndCountBy',
  'count',
  'countBy',
  'exists',
  'existsBy',
  'sum',
  'average',
  'minimum',
  'maximum',
  'createQueryBuilder',
]);

/**
 * Every access to a known table in one file: SQL inside string and template literals, query-builder calls that
 * name a table, and (given `classes`, entity class → table) calls that take an entity class as first argument.
 */
export function tableAccesses(
  file: SourceFile,
  tables: ReadonlySet<string>,
  classes: ReadonlyMap<string, string> = new Map(),
): TableAccess[] {
  const source = ts.createSourceFile(file.path, file.text, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
  const accesses: TableAccess[] = [];
  const lineAt = (position: number) => source.getLineAndCharacterOfPosition(position).line + 1;

  // One piece of literal text starting at `start` in the file (the raw text, so offsets match the lines).
  const scanText = (text: string, start: number) => {
    for (const match of text.matchAll(SQL_TABLE)) {
      const table = match[2].toLowerCase();
      if (!tables.has(table)) continue;
      const keyword = match[1].toLowerCase().replace(/\s+/g, ' ');
      accesses.push({
        path: file.path,
        line: lineAt(start + (match.index ?? 0)),
        table,
        kind: WRITE_KEYWORDS.has(keyword) ? 'write' : 'read',
        via: match[1].replace(/\s+/g, ' '),
      });
    }
  };
  // A literal's raw text starts one character in: after its quote or backtick, or after the `}` that closes the
  // substitution before it.
  const scanLiteral = (node: ts.Node, openLength: number) => {
    const start = node.getStart(source) + openLength;
    scanText(source.text.slice(start, node.getEnd()), start);
  };

  const visit = (node: ts.Node) => {
    if (
      ts.isStringLiteral(node) ||
      ts.isNoSubstitutionTemplateLiteral(node) ||
      ts.isTemplateHead(node) ||
      ts.isTemplateMiddle(node) ||
      ts.isTemplateTail(node)
    ) {
      scanLiteral(node, 1);
    }
    if (ts.isCallExpression(node) && node.arguments[0] && ts.isIdentifier(node.arguments[0])) {
      const first = node.arguments[0];
      const table = classes.get(first.text);
      const callee = node.expression;
      const method = ts.isPropertyAccessExpression(callee)
        ? callee.name.text
        : ts.isIdentifier(callee)
          ? callee.text
          : undefined;
      if (table !== undefined && method !== undefined && tables.has(table)) {
        let kind: TableAccess['kind'] = ENTITY_WRITES.has(method) || writesBefore(node) ? 'write' : 'read';
        if (method === 'getRepository') {
          // getRepository(X).find(…) reads; any other use (a write, or the repository kept in a variable) may write.
          const parent = node.parent;
          const used = ts.isPropertyAccessExpression(parent) && parent.expression === node ? parent.name.text : '';
          kind = REPOSITORY_READS.has(used) ? 'read' : 'write';
        }
        accesses.push({
          path: file.path,
          line: lineAt(first.getStart(source)),
          table,
          kind,
          via: `${method}(${first.text})`,
        });
      }
    }
    if (ts.isCallExpression(node) && ts.isPropertyAccessExpression(node.expression)) {
      const method = node.expression.name.text;
      const first = node.arguments[0];
      if (first && (ts.isStringLiteral(first) || ts.isNoSubstitutionTemplateLiteral(first))) {
        const table = first.text;
        const kind =
          BUILDER_WRITES.has(method) || (BUILDER_READS.has(method) && writesBefore(node))
            ? 'write'
            : BUILDER_READS.has(method)
              ? 'read'
              : undefined;
        if (kind && tables.has(table)) {
          accesses.push({ path: file.path, line: lineAt(first.getStart(source)), table, kind, via: `.${method}()` });
        }
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return accesses;
}

/** Whether a builder chain calls a write before this call: `.delete().from(X)`, `.update().from(…)`. */
function writesBefore(call: ts.CallExpression): boolean {
  let expression: ts.Expression = call.expression;
  while (ts.isPropertyAccessExpression(expression)) {
    const target = expression.expression;
    if (!ts.isCallExpression(target)) return false;
    if (ts.isPropertyAccessExpression(target.expression) && CHAIN_WRITES.has(target.expression.name.text)) return true;
    expression = target.expression;
  }
  return false;
}

/** Whether an allow-list entry covers a file and table. */
export function allows(entry: AllowEntry, access: Pick<TableAccess, 'path' | 'table'>): boolean {
  const fileMatches = entry.file.endsWith('/**')
    ? access.path.startsWith(entry.file.slice(0, -2))
    : access.path === entry.file;
  return fileMatches && (entry.table === '*' || entry.table === access.table);
}

export interface OwnershipRules {
  /** table → owning module. */
  owners: ReadonlyMap<string, string>;
  /** entity class name → table, to see repository and query-builder calls that take an entity class. */
  classes?: ReadonlyMap<string, string>;
  /** Folders (relative to apps/api/src, ending in `/`) whose files are the read model: they may read any table. */
  readModel: readonly string[];
  allowList: readonly AllowEntry[];
}

export interface OwnershipFindings {
  /** `path:line module touches table (owner) via KEYWORD` for every access the rules do not allow. */
  violations: string[];
  /** Allow-list entries that no longer match any access: they must leave the list. */
  stale: string[];
}

/** Applies the rules to every access of every file. */
export function checkOwnership(files: readonly SourceFile[], rules: OwnershipRules): OwnershipFindings {
  const tables = new Set(rules.owners.keys());
  const violations: string[] = [];
  const used = new Set<AllowEntry>();
  for (const file of files) {
    const module = moduleOf(file.path);
    const inReadModel = rules.readModel.some((folder) => file.path.startsWith(folder));
    for (const access of tableAccesses(file, tables, rules.classes)) {
      const owner = rules.owners.get(access.table);
      if (owner === module) continue;
      if (inReadModel && access.kind === 'read') continue;
      const entries = rules.allowList.filter((entry) => allows(entry, access));
      if (entries.length > 0) {
        for (const entry of entries) used.add(entry);
        continue;
      }
      const what = inReadModel ? `the read model writes` : `${module || '(root)'} touches`;
      violations.push(`${access.path}:${access.line} ${what} ${access.table} (owned by ${owner}) via ${access.via}`);
    }
  }
  const stale = rules.allowList
    .filter((entry) => !used.has(entry))
    .map((entry) => `${entry.file} → ${entry.table} (${entry.reason})`);
  return { violations, stale };
}
