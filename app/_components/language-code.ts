/**
 * A remark plugin that marks a statement's language-dependent code with the languages it is
 * shown for (exercises/spec/statement-code.ts has the rule), so a stylesheet can show only the
 * chosen language's code under an element with `data-chosen-language`, and switching language
 * needs no new render of the Markdown.
 */
import { fenceLanguage, languagesServed } from "../../exercises/spec/statement-code.ts";
import type { Language } from "../../exercises/spec/languages.ts";

/** The parts of a Markdown syntax tree node this plugin reads and writes. */
interface MarkdownNode {
  type: string;
  lang?: string | null;
  value?: string;
  children?: MarkdownNode[];
  data?: { hName?: string; hProperties?: Record<string, string> };
}

export interface LanguageCodeOptions {
  /** Names inline code writes differently in Python (TypeScript name → Python name); none when absent. */
  readonly pythonNames?: Readonly<Record<string, string>>;
}

/** A wrapper element around `child`, shown only for `languages`. */
function shownFor(languages: readonly Language[], language: Language, tag: "div" | "span", child: MarkdownNode): MarkdownNode {
  return { type: "languageCode", data: { hName: tag, hProperties: { dataCodeFor: languages.join(" "), dataCodeLanguage: language } }, children: [child] };
}

/** Adjacent fenced blocks of known languages become one group of alternatives. */
function markCodeGroups(children: MarkdownNode[]): MarkdownNode[] {
  const result: MarkdownNode[] = [];
  let group: MarkdownNode[] = [];
  const close = () => {
    const languages = group.map((node) => fenceLanguage(node.lang)!);
    const served = languagesServed(languages);
    group.forEach((node, i) => result.push(shownFor(served[i]!, languages[i]!, "div", node)));
    group = [];
  };
  for (const node of children) {
    if (node.type === "code" && fenceLanguage(node.lang) !== null) {
      group.push(node);
      continue;
    }
    close();
    result.push(node);
  }
  close();
  return result;
}

const IDENTIFIER = /[A-Za-z_$][\w$]*/g;

/** Inline code naming something Python spells differently: one span per spelling. */
function markInlineCode(children: MarkdownNode[], names: Readonly<Record<string, string>>): MarkdownNode[] {
  return children.flatMap((node) => {
    if (node.type !== "inlineCode" || node.value === undefined) return [node];
    const python = node.value.replace(IDENTIFIER, (name) => (Object.hasOwn(names, name) ? names[name]! : name));
    if (python === node.value) return [node];
    return [shownFor(["typescript", "javascript"], "typescript", "span", node), shownFor(["python"], "python", "span", { type: "inlineCode", value: python })];
  });
}

function walk(node: MarkdownNode, names: Readonly<Record<string, string>>): void {
  // A wrapper's code is marked already.
  if (!node.children || node.type === "languageCode") return;
  node.children = markInlineCode(markCodeGroups(node.children), names);
  for (const child of node.children) walk(child, names);
}

export function remarkLanguageCode(options: LanguageCodeOptions = {}) {
  const names = options.pythonNames ?? {};
  return (tree: { type: string }) => walk(tree as MarkdownNode, names);
}
