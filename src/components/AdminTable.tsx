// Every list in the admin is this table: a header row, a row per item, and a scroller of its own so
// a wide table never widens the page on a phone.
import type { ReactNode } from "react";

export type AdminColumn<Row> = {
  header: string;
  /** Read by screen readers only, for a column of buttons. */
  hiddenHeader?: boolean;
  cell: (row: Row) => ReactNode;
};

type Props<Row> = { rows: Row[]; columns: AdminColumn<Row>[]; rowKey: (row: Row) => string; empty: string };

export function AdminTable<Row>({ rows, columns, rowKey, empty }: Props<Row>) {
  if (rows.length === 0) return <p className="form-hint">{empty}</p>;
  return (
    <div className="table-scroll">
      <table>
        <thead>
          <tr>
            {columns.map((column) => (
              <th key={column.header} scope="col">
                {column.hiddenHeader ? <span className="visually-hidden">{column.header}</span> : column.header}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={rowKey(row)}>
              {columns.map((column) => (
                <td key={column.header}>{column.cell(row)}</td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
