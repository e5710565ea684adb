import type { Element, Root, RootContent } from "hast";

/**
 * Makes each display equation KaTeX rendered a keyboard-reachable horizontal scroller (tab stop
 * and name), so an equation wider than its column scrolls inside its own box, with the cue the
 * stylesheet draws at a clipped edge, instead of being cut off or widening the page.
 */
export function rehypeScrollableMath() {
  return (tree: Root) => {
    const visit = (node: Root | RootContent) => {
      if (node.type !== "root" && node.type !== "element") return;
      if (node.type === "element" && isDisplayMath(node)) {
        node.properties = { ...node.properties, tabIndex: 0, role: "group", ariaLabel: "Equation (scrolls sideways when wide)" };
        return;
      }
      for (const child of node.children) visit(child);
    };
    visit(tree);
  };
}

function isDisplayMath(node: Element): boolean {
  const className = node.properties.className;
  return Array.isArray(className) && className.includes("katex-display");
}
