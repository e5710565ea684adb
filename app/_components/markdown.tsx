import ReactMarkdown from "react-markdown";
import rehypeKatex from "rehype-katex";
import remarkGfm from "remark-gfm";
import remarkMath from "remark-math";
import { remarkLanguageCode } from "./language-code.ts";
import "./language-code.css";
import { rehypeScrollableMath } from "./scrollable-math.ts";

/**
 * Exercise statements: Markdown with tables and LaTeX math, rendered on the server with KaTeX.
 * Code written once per language is marked with its languages; an ancestor's
 * `data-chosen-language` decides which shows. `pythonNames` are the names inline code spells
 * differently in Python (statement-code.ts `pythonNames`).
 */
export function Markdown({ source, pythonNames }: { source: string; pythonNames?: Readonly<Record<string, string>> }) {
  return (
    <ReactMarkdown
      remarkPlugins={[remarkGfm, remarkMath, [remarkLanguageCode, { pythonNames }]]}
      rehypePlugins={[[rehypeKatex, { throwOnError: false, strict: "ignore" }], rehypeScrollableMath]}
    >
      {source}
    </ReactMarkdown>
  );
}
