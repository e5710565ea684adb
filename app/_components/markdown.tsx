import ReactMarkdown from "react-markdown";
import rehypeKatex from "rehype-katex";
import remarkGfm from "remark-gfm";
import remarkMath from "remark-math";
import { rehypeScrollableMath } from "./scrollable-math.ts";

/** Exercise statements: Markdown with tables and LaTeX math, rendered on the server with KaTeX. */
export function Markdown({ source }: { source: string }) {
  return (
    <ReactMarkdown remarkPlugins={[remarkGfm, remarkMath]} rehypePlugins={[[rehypeKatex, { throwOnError: false, strict: "ignore" }], rehypeScrollableMath]}>
      {source}
    </ReactMarkdown>
  );
}
