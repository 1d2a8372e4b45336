// A row in every table of a database, whatever its structure: for the test that upgrades a database
// seeded at an older migration. Values follow each column's type; a foreign key points at the row
// seeded in the table it references, so every relation holds data too.
import type pg from "pg";

type Column = { table: string; name: string; type: string; notNull: boolean; hasDefault: boolean; enumLabels: string[] | null; references: { table: string; column: string } | null };

export type SeededRows = Map<string, Record<string, unknown>>;

async function readColumns(client: pg.Client): Promise<Column[]> {
  const { rows } = await client.query<Column>(`
    SELECT c.relname AS "table", a.attname AS name, format_type(a.atttypid, a.atttypmod) AS type, a.attnotnull AS "notNull",
      (d.adbin IS NOT NULL OR a.attidentity <> '') AS "hasDefault",
      (SELECT array_agg(e.enumlabel::text ORDER BY e.enumsortorder) FROM pg_enum e WHERE e.enumtypid = a.atttypid) AS "enumLabels",
      (SELECT json_build_object('table', rc.relname, 'column', ra.attname)
         FROM pg_constraint con
         JOIN pg_class rc ON rc.oid = con.confrelid
         JOIN pg_attribute ra ON ra.attrelid = con.confrelid AND ra.attnum = con.confkey[array_position(con.conkey, a.attnum)]
        WHERE con.contype = 'f' AND con.conrelid = c.oid AND a.attnum = ANY (con.conkey)
        LIMIT 1) AS "references"
    FROM pg_attribute a
    JOIN pg_class c ON c.oid = a.attrelid AND c.relkind = 'r'
    JOIN pg_namespace n ON n.oid = c.relnamespace AND n.nspname = 'public'
    LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
    WHERE a.attnum > 0 AND NOT a.attisdropped AND c.relname <> '_prisma_migrations'
    ORDER BY c.relname, a.attnum`);
  return rows;
}

/** Tables in an order where every table comes after the ones it references (self-references aside). */
function insertionOrder(columns: Column[]): string[] {
  const tables = [...new Set(columns.map((column) => column.table))];
  const ordered: string[] = [];
  const visit = (table: string, path: string[]) => {
    if (ordered.includes(table) || path.includes(table)) return;
    for (const column of columns) {
      if (column.table === table && column.references && column.references.table !== table) visit(column.references.table, [...path, table]);
    }
    ordered.push(table);
  };
  for (const table of tables) visit(table, []);
  return ordered;
}

function valueFor(column: Column): unknown {
  if (column.enumLabels) return column.enumLabels[0];
  if (column.type.endsWith("[]")) return [];
  if (/^(text|character varying)/.test(column.type)) return `seed-${column.table}-${column.name}`;
  if (/^(integer|bigint|smallint)/.test(column.type)) return 7;
  if (/^(double precision|real|numeric)/.test(column.type)) return 7.5;
  if (column.type === "boolean") return true;
  if (column.type.startsWith("timestamp")) return new Date("2026-01-02T03:04:05.000Z");
  if (column.type === "date") return "2026-01-02";
  if (column.type === "jsonb" || column.type === "json") return JSON.stringify({ seeded: column.name });
  if (column.type === "bytea") return Buffer.from("seed");
  if (column.type === "tsvector") return "seeded";
  if (column.type === "uuid") return "00000000-0000-4000-8000-000000000007";
  throw new Error(`No seed value for ${column.table}.${column.name} of type ${column.type}: teach tests/helpers/seed-every-table.ts`);
}

/** Inserts one row into every table, with a value in every column a default does not fill; returns the rows, read back. */
export async function seedEveryTable(client: pg.Client): Promise<SeededRows> {
  const columns = await readColumns(client);
  const seeded: SeededRows = new Map();
  for (const table of insertionOrder(columns)) {
    const values: Record<string, unknown> = {};
    for (const column of columns.filter((candidate) => candidate.table === table)) {
      // A row referencing itself has nothing to point at yet; a default fills its column as it would in use.
      if (column.references?.table === table || (column.hasDefault && !column.references)) continue;
      values[column.name] = column.references ? seeded.get(column.references.table)?.[column.references.column] : valueFor(column);
    }
    const names = Object.keys(values);
    const { rows } = await client.query(
      `INSERT INTO "${table}" (${names.map((name) => `"${name}"`).join(", ")}) VALUES (${names.map((_, index) => `$${index + 1}`).join(", ")}) RETURNING *`,
      Object.values(values),
    );
    seeded.set(table, rows[0] as Record<string, unknown>);
  }
  return seeded;
}

/** The columns that identify a row of each table: its primary key, or else its first unique index. */
export async function rowKeys(client: pg.Client): Promise<Map<string, string[]>> {
  const { rows } = await client.query<{ table: string; columns: string[] }>(`
    SELECT DISTINCT ON (c.relname) c.relname AS "table",
      array(SELECT a.attname::text FROM unnest(i.indkey) WITH ORDINALITY AS k(attnum, position)
            JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum = k.attnum ORDER BY k.position) AS columns
    FROM pg_index i JOIN pg_class c ON c.oid = i.indrelid
    JOIN pg_namespace n ON n.oid = c.relnamespace AND n.nspname = 'public'
    WHERE i.indisunique
    ORDER BY c.relname, i.indisprimary DESC, i.indexrelid`);
  return new Map(rows.map((row) => [row.table, row.columns]));
}
