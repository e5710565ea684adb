/** A calculation's values as a statement shows them: LaTeX for KaTeX, numbers in their shortest form. */
import { formatNumber } from "../spec/format.ts";

export function latexNumber(value: number): string {
  return formatNumber(value);
}

/** A matrix in round brackets, one row per line: `\begin{pmatrix} 1 & 2 \\ 3 & 4 \end{pmatrix}`. */
export function latexMatrix(rows: readonly (readonly number[])[]): string {
  return `\\begin{pmatrix} ${rows.map((row) => row.map(latexNumber).join(" & ")).join(" \\\\ ")} \\end{pmatrix}`;
}

/** A column vector. */
export function latexColumn(values: readonly number[]): string {
  return latexMatrix(values.map((v) => [v]));
}

/** A point or a row vector: `(1, -2)`. */
export function latexTuple(values: readonly number[]): string {
  return `(${values.map(latexNumber).join(", ")})`;
}
